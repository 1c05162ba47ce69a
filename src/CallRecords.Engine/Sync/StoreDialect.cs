using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace CallRecords.Engine.Sync;

/// <summary>
/// What differs between the SQL of SQLite and PostgreSQL for the statements both stores share: column types, how
/// values travel as parameters and come back, and how to ask for "one of these ids". Everything else is written once
/// in standard SQL with quoted names and @parameters, which both providers take.
/// </summary>
internal abstract class StoreDialect
{
    public static readonly StoreDialect Sqlite = new SqliteDialect();

    public static readonly StoreDialect Postgres = new PostgresDialect();

    /// <summary>Gets the function that returns the larger of two values.</summary>
    public abstract string Greatest { get; }

    /// <summary>The UTC day of an instant column, as a value that sorts and groups by day.</summary>
    public abstract string DayOf(string column);

    /// <summary>The first day of the UTC month of an instant column.</summary>
    public abstract string MonthOf(string column);

    /// <summary>The SQL type of a <see cref="StoreColumn.ValueType"/>.</summary>
    public abstract string TypeOf(Type valueType);

    /// <summary>The parameter value for a store value (null becomes DBNull).</summary>
    public abstract object ParameterOf(object? value);

    /// <summary>An instant as the database returned it.</summary>
    public abstract DateTimeOffset InstantOf(object value);

    /// <summary>The condition "<paramref name="column"/> is one of the ids in <paramref name="parameter"/>", for <see cref="ListOf"/>.</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The parameter value for <see cref="InList"/>.</summary>
    public abstract object ListOf(IEnumerable<string> ids);

    private sealed class SqliteDialect : StoreDialect
    {
        public override string Greatest => "max";

        public override string DayOf(string column) => $"date({column})";

        public override string MonthOf(string column) => $"date({column}, 'start of month')";

        // Instants are UTC ISO 8601 text with seven decimals, so they sort as text and SQLite's date functions read them.
        public override string TypeOf(Type valueType) =>
            valueType == typeof(long) || valueType == typeof(bool) ? "INTEGER"
            : valueType == typeof(double) || valueType == typeof(decimal) ? "REAL"
            : "TEXT";

        public override object ParameterOf(object? value) => value switch
        {
            null => DBNull.Value,
            DateTimeOffset instant => GraphTime.Format(instant),
            bool flag => flag ? 1L : 0L,
            decimal number => (double)number,
            _ => value,
        };

        public override DateTimeOffset InstantOf(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

        public override object ListOf(IEnumerable<string> ids) => JsonSerializer.Serialize(ids.ToArray());
    }

    private sealed class PostgresDialect : StoreDialect
    {
        public override string Greatest => "GREATEST";

        public override string DayOf(string column) => $"CAST({column} AT TIME ZONE 'UTC' AS date)";

        public override string MonthOf(string column) => $"CAST(date_trunc('month', {column} AT TIME ZONE 'UTC') AS date)";

        public override string TypeOf(Type valueType) =>
            valueType == typeof(long) ? "bigint"
            : valueType == typeof(double) ? "double precision"
            : valueType == typeof(decimal) ? "numeric"
            : valueType == typeof(bool) ? "boolean"
            : valueType == typeof(DateTimeOffset) ? "timestamptz"
            : "text";

        // Npgsql takes only UTC instants for timestamptz.
        public override object ParameterOf(object? value) => value switch
        {
            null => DBNull.Value,
            DateTimeOffset instant => instant.ToUniversalTime(),
            _ => value,
        };

        public override DateTimeOffset InstantOf(object value) => value switch
        {
            DateTimeOffset instant => instant,
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            _ => throw new InvalidCastException($"Not an instant: {value.GetType()}"),
        };

        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

        public override object ListOf(IEnumerable<string> ids) => ids.ToArray();
    }
}
