using System;
using System.Collections;
using CallRecords.Columns;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A column as every store keeps it, whatever the database: text for strings, enums and lists, whole numbers as long,
/// fractions as double, money as decimal, instants in UTC, durations as seconds, booleans as they are. An empty list
/// is null. Each store maps these few types to its own SQL types.
/// </summary>
internal sealed class StoreColumn
{
    private readonly Column _column;

    public StoreColumn(Column column)
    {
        _column = column;
        ValueType = ValueTypeOf(column.Type);
    }

    public string Name => _column.Name;

    /// <summary>Gets the type of <see cref="ValueOf"/>: string, long, double, decimal, bool or DateTimeOffset.</summary>
    public Type ValueType { get; }

    /// <summary>The value as a store keeps it, or null.</summary>
    public object? ValueOf(object row) => _column.ValueOf(row) switch
    {
        null => null,
        DateTimeOffset instant => instant.ToUniversalTime(),
        TimeSpan span => span.TotalSeconds,
        float number => (double)number,
        int number => (long)number,
        Enum value => value.ToString(),
        ICollection { Count: 0 } => null,
        ICollection list => list.ToString()!,
        var value => value,
    };

    private static Type ValueTypeOf(Type type) =>
        type == typeof(int) || type == typeof(long) ? typeof(long)
        : type == typeof(double) || type == typeof(float) || type == typeof(TimeSpan) ? typeof(double)
        : type == typeof(decimal) || type == typeof(bool) || type == typeof(DateTimeOffset) ? type
        : typeof(string);
}
