using System;

namespace CallRecords.Columns;

/// <summary>
/// Spreads an object held by a row into the row's own columns, each named the prefix and the object's property:
/// a media stream's caller network gives CallerSubnet, CallerWifiBand and so on. The property itself is not a column.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public FlattenAttribute(string prefix) => Prefix = prefix;

    /// <summary>Gets what every column of the object starts with, such as Caller or Callee.</summary>
    public string Prefix { get; }
}
