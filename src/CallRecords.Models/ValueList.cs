using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CallRecords;

/// <summary>
/// A read-only list that prints as its joined items. PowerShell enumerates it like any collection, while
/// Export-Csv, which calls ToString() on every property, writes the items rather than a type name.
/// </summary>
public sealed class ValueList<T> : ReadOnlyCollection<T>
{
    private readonly string _separator;

    /// <summary>Creates a list over <paramref name="items"/>, printed with <paramref name="separator"/> between items.</summary>
    public ValueList(IList<T> items, string separator = ", ")
        : base(items)
    {
        _separator = separator;
    }

    /// <summary>The items joined by the separator.</summary>
    public override string ToString() => string.Join(_separator, this);
}
