using System;
using System.Collections;
using CallRecords.Columns;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A column as SQLite keeps it: text for strings, lists and instants (UTC, ISO 8601, so they sort and SQLite's date
/// functions read them), integers for whole numbers and booleans (0/1), reals for fractions, decimals and durations
/// (TimeSpan as seconds). An empty list is NULL.
/// </summary>
internal sealed class StoreColumn
{
    private readonly Column _column;

    public StoreColumn(Column column)
    {
        _column = column;
        SqlType = SqlTypeOf(column.Type);
    }

    public string Name => _column.Name;

    public string SqlType { get; }

    /// <summary>The value as the store holds it.</summary>
    public object ValueOf(object row) => _column.ValueOf(row) switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => GraphTime.Format(instant),
        TimeSpan span => span.TotalSeconds,
        bool flag => flag ? 1L : 0L,
        decimal number => (double)number,
        float number => (double)number,
        int number => (long)number,
        Enum value => value.ToString(),
        ICollection { Count: 0 } => DBNull.Value,
        ICollection list => list.ToString()!,
        var value => value,
    };



    private static string SqlTypeOf(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(bool) ? "INTEGER"
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(TimeSpan) ? "REAL"
        : "TEXT";
}
