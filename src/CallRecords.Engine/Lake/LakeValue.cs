using System;
using System.Collections.Concurrent;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>
/// How one value type of a row is kept in Parquet: instants as UTC timestamps (microseconds, what Spark, Azure Data
/// Explorer and DuckDB all read), decimals as DECIMAL(28, 10), durations (TimeSpan) as seconds in a double as in the
/// SQLite store, enums and ids as their text, whole numbers, fractions and booleans as themselves.
/// </summary>
internal static class LakeValue
{
    /// <summary>The decimal precision: what a .NET decimal holds with ten decimals, beyond any charge Graph reports.</summary>
    public const int DecimalPrecision = 28;

    /// <summary>The decimal scale; a value with more decimals would be cut, and no charge has as many.</summary>
    public const int DecimalScale = 10;

    private static readonly ConcurrentDictionary<object, string> s_enumNames = new();

    /// <summary>Whether <paramref name="type"/> (without Nullable) is a value this mapping writes.</summary>
    public static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(Guid) || type.IsEnum || type == typeof(bool) || type == typeof(int)
        || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(decimal)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan);

    /// <summary>A nullable field named <paramref name="name"/> for values of <paramref name="type"/>.</summary>
    public static DataField FieldFor(string name, Type type) =>
        type == typeof(bool) ? new DataField<bool?>(name)
        : type == typeof(int) ? new DataField<int?>(name)
        : type == typeof(long) ? new DataField<long?>(name)
        : type == typeof(double) || type == typeof(float) || type == typeof(TimeSpan) ? new DataField<double?>(name)
        : type == typeof(decimal) ? new DecimalDataField(name, DecimalPrecision, DecimalScale, isNullable: true)
        : type == typeof(DateTimeOffset) ? new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true)
        : new DataField<string>(name);

    /// <summary>The column writer for values of <paramref name="type"/>, each read by <paramref name="read"/>.</summary>
    public static LakeColumn ColumnFor(string name, Type type, Func<object, object?> read) =>
        type == typeof(bool) ? new ScalarColumn<bool>(FieldFor(name, type), read, v => (bool)v)
        : type == typeof(int) ? new ScalarColumn<int>(FieldFor(name, type), read, v => (int)v)
        : type == typeof(long) ? new ScalarColumn<long>(FieldFor(name, type), read, v => (long)v)
        : type == typeof(double) || type == typeof(float) || type == typeof(TimeSpan) ? new ScalarColumn<double>(FieldFor(name, type), read, ToDouble)
        : type == typeof(decimal) ? new ScalarColumn<decimal>(FieldFor(name, type), read, v => (decimal)v)
        : type == typeof(DateTimeOffset) ? new ScalarColumn<DateTime>(FieldFor(name, type), read, v => ((DateTimeOffset)v).UtcDateTime)
        : new ScalarColumn<ReadOnlyMemory<char>>(FieldFor(name, type), read, v => TextOf(v).AsMemory());

    /// <summary>A list leaf for element values of <paramref name="type"/>.</summary>
    public static ListLeaf LeafFor(DataField field, Type type, Func<object, object?> read, bool isStructMember) =>
        type == typeof(bool) ? new ListLeaf<bool>(field, read, v => (bool)v, isStructMember)
        : type == typeof(int) ? new ListLeaf<int>(field, read, v => (int)v, isStructMember)
        : type == typeof(long) ? new ListLeaf<long>(field, read, v => (long)v, isStructMember)
        : type == typeof(double) || type == typeof(float) || type == typeof(TimeSpan) ? new ListLeaf<double>(field, read, ToDouble, isStructMember)
        : type == typeof(decimal) ? new ListLeaf<decimal>(field, read, v => (decimal)v, isStructMember)
        : type == typeof(DateTimeOffset) ? new ListLeaf<DateTime>(field, read, v => ((DateTimeOffset)v).UtcDateTime, isStructMember)
        : new ListLeaf<ReadOnlyMemory<char>>(field, read, v => TextOf(v).AsMemory(), isStructMember);

    private static double ToDouble(object value) => value switch
    {
        TimeSpan span => span.TotalSeconds,
        float single => single,
        _ => (double)value,
    };

    // Enum names are looked up once per value: Enum.ToString on every row would cost more than the rest of the row.
    private static string TextOf(object value) => value switch
    {
        string text => text,
        Enum => s_enumNames.GetOrAdd(value, v => v.ToString()!),
        _ => value.ToString() ?? "",
    };
}
