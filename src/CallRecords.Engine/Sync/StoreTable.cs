using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A store table made from an output type: one column per property that holds a single value, named as the
/// property, so SQL over the store reads like the objects in PowerShell. Endpoints (CallEndpoint) become
/// Caller*/Callee* columns, as the session already names them; nested lists (Sessions, Segments, MediaStreams)
/// are tables of their own. Values: text for strings, lists and instants (UTC, ISO 8601, so they sort and
/// SQLite's date functions read them), integers for whole numbers and booleans (0/1), reals for fractions,
/// decimals and durations (TimeSpan as seconds).
/// </summary>
internal sealed class StoreTable
{
    private readonly List<StoreColumn> _columns;

    private StoreTable(string name, IReadOnlyList<string> key, List<StoreColumn> columns)
    {
        Name = name;
        Key = key;
        _columns = columns;
    }

    public static StoreTable CallRecords { get; } = For<CallRecord>("CallRecord", "Id");

    public static StoreTable Sessions { get; } = For<CallRecordSession>("CallRecordSession", "CallRecordId", "Id");

    public static StoreTable Segments { get; } = For<CallRecordSegment>("CallRecordSegment", "CallRecordId", "SessionId", "Id");

    // A stream has no id of its own that is unique in a record, so the table has no key; a record's streams
    // are only ever replaced as a whole.
    public static StoreTable MediaStreams { get; } = For<CallRecordMediaStream>("CallRecordMediaStream");

    public static StoreTable PstnCalls { get; } = For<PstnCallLogRow>("PstnCallLogRow", "Id");

    public static StoreTable DirectRoutingCalls { get; } = For<DirectRoutingCallLogRow>("DirectRoutingCallLogRow", "Id");

    public string Name { get; }

    public IReadOnlyList<string> Key { get; }

    public IReadOnlyList<StoreColumn> Columns => _columns;

    public string CreateSql()
    {
        var columns = _columns.Select(c => $"\"{c.Name}\" {c.SqlType}{(Key.Count == 1 && Key[0] == c.Name ? " NOT NULL" : "")}");
        var key = Key.Count == 0 ? "" : $", PRIMARY KEY ({string.Join(", ", Key.Select(k => $"\"{k}\""))})";
        return $"CREATE TABLE IF NOT EXISTS \"{Name}\" ({string.Join(", ", columns)}{key})";
    }

    public string InsertSql() =>
        $"INSERT INTO \"{Name}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", _columns.Select((_, i) => "$p" + i))})";

    /// <summary>Updates the row with the same key when any column differs; SQLite's changes() then says whether it did.</summary>
    public string UpdateIfChangedSql()
    {
        var set = string.Join(", ", _columns.Select((c, i) => $"\"{c.Name}\" = $p{i}"));
        var key = string.Join(" AND ", Key.Select(k => $"\"{k}\" = $p{IndexOf(k)}"));
        var same = string.Join(" AND ", _columns.Select((c, i) => $"\"{c.Name}\" IS $p{i}"));
        return $"UPDATE \"{Name}\" SET {set} WHERE {key} AND NOT ({same})";
    }

    public int IndexOf(string column) => _columns.FindIndex(c => c.Name == column);

    private static StoreTable For<T>(string name, params string[] key)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        var names = new HashSet<string>(properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        var columns = new List<StoreColumn>();
        foreach (var property in properties)
        {
            if (property.PropertyType == typeof(CallEndpoint))
            {
                foreach (var part in typeof(CallEndpoint).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var columnName = property.Name + part.Name;
                    if (names.Add(columnName))
                    {
                        var endpoint = property;
                        columns.Add(new StoreColumn(columnName, SqlTypeOf(part.PropertyType)!, row => part.GetValue(endpoint.GetValue(row))));
                    }
                }

                continue;
            }

            var sqlType = SqlTypeOf(property.PropertyType);
            if (sqlType is not null)
            {
                columns.Add(new StoreColumn(property.Name, sqlType, property.GetValue));
            }
        }

        return new StoreTable(name, key, columns);
    }

    private static string? SqlTypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(ValueList<string>) || type.IsEnum)
        {
            return "TEXT";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(bool))
        {
            return "INTEGER";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(TimeSpan))
        {
            return "REAL";
        }

        return null;
    }
}

/// <summary>One column: its name, SQLite type and how to read its value from a row object.</summary>
internal sealed class StoreColumn
{
    private readonly Func<object, object?> _read;

    public StoreColumn(string name, string sqlType, Func<object, object?> read)
    {
        Name = name;
        SqlType = sqlType;
        _read = read;
    }

    public string Name { get; }

    public string SqlType { get; }

    /// <summary>The value as the store holds it.</summary>
    public object ValueOf(object row) => _read(row) switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => FormatInstant(instant),
        TimeSpan span => span.TotalSeconds,
        bool flag => flag ? 1L : 0L,
        decimal number => (double)number,
        float number => (double)number,
        int number => (long)number,
        Enum value => value.ToString(),
        ValueList<string> list => list.ToString(),
        var value => value,
    };

    /// <summary>Instants as the store writes them: UTC with seven decimals, so text order is time order.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
