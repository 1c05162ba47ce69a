using System;

namespace CallRecords.Columns;

/// <summary>
/// Marks a collection of rows of another type that a row carries for the pipeline (a record's Sessions, a
/// session's Segments): reachable as a property, not a column of this row's table.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NestedAttribute : Attribute
{
}
