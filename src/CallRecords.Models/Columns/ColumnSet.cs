using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace CallRecords.Columns;

/// <summary>
/// The one description of an output type's columns, read from the type itself: each public property is a column,
/// in declaration order, and each [Flatten] object is spread into prefixed columns where it is declared. The CSV a
/// row exports to (through <see cref="RowAdapter"/>), the SQLite and PostgreSQL stores and the Parquet files all
/// take their columns from here, so a property added to a row type, or to an object it flattens, is a column
/// everywhere.
/// </summary>
public sealed class ColumnSet
{
    private static readonly ConcurrentDictionary<Type, ColumnSet> s_sets = new();

    private static readonly HashSet<Type> s_valueTypes = new()
    {
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(float), typeof(decimal),
        typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
    };

    private readonly Dictionary<string, Column> _byName;

    private ColumnSet(Type rowType, List<Column> columns, List<Column> nested)
    {
        RowType = rowType;
        Columns = columns;
        Nested = nested;
        _byName = columns.Concat(nested).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the row type described.</summary>
    public Type RowType { get; }

    /// <summary>Gets the columns, in order.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Gets the collections of nested rows the type carries for the pipeline.</summary>
    public IReadOnlyList<Column> Nested { get; }

    /// <summary>The columns of <typeparamref name="T"/>.</summary>
    public static ColumnSet For<T>() => For(typeof(T));

    /// <summary>The columns of <paramref name="rowType"/>.</summary>
    public static ColumnSet For(Type rowType) => s_sets.GetOrAdd(rowType, Describe);

    /// <summary>A column or nested collection by name (any case); null when there is none.</summary>
    public Column? Find(string name) => _byName.TryGetValue(name, out var column) ? column : null;

    private static ColumnSet Describe(Type rowType)
    {
        var columns = new List<Column>();
        var nested = new List<Column>();
        foreach (var property in PropertiesOf(rowType, BindingFlags.Public | BindingFlags.NonPublic))
        {
            var getter = property.GetMethod;
            if (property.GetCustomAttribute<FlattenAttribute>() is { } flatten)
            {
                var read = Getter(rowType, property);
                foreach (var part in PropertiesOf(property.PropertyType, BindingFlags.Public))
                {
                    var readPart = Getter(property.PropertyType, part);
                    columns.Add(NewColumn(flatten.Prefix + part.Name, part.PropertyType, row => read(row) is { } inner ? readPart(inner) : null, $"{rowType.Name}.{property.Name}.{part.Name}"));
                }
            }
            else if (getter is { IsPublic: true })
            {
                if (property.GetCustomAttribute<NestedAttribute>() is not null)
                {
                    nested.Add(new Column(property.Name, property.PropertyType, property.PropertyType, Getter(rowType, property), isNested: true));
                }
                else
                {
                    columns.Add(NewColumn(property.Name, property.PropertyType, Getter(rowType, property), $"{rowType.Name}.{property.Name}"));
                }
            }
        }

        return new ColumnSet(rowType, columns, nested);
    }

    private static Column NewColumn(string name, Type declaredType, Func<object, object?> read, string where)
    {
        var type = Nullable.GetUnderlyingType(declaredType) ?? declaredType;
        var isList = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>);
        if (!s_valueTypes.Contains(type) && !type.IsEnum && !isList)
        {
            // Every public property of a row reaches CSV and the stores; one that cannot be a column is a mistake.
            throw new InvalidOperationException($"{where} is a {type.Name}, which is not a column type; flatten it ([Flatten]) or mark it [Nested].");
        }

        return new Column(name, type, declaredType, read, isNested: false);
    }

    // Declaration order: metadata tokens follow the order of the source.
    private static IEnumerable<PropertyInfo> PropertiesOf(Type type, BindingFlags visibility) =>
        type.GetProperties(BindingFlags.Instance | visibility)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .OrderBy(p => p.MetadataToken);

    private static Func<object, object?> Getter(Type owner, PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var body = Expression.Convert(Expression.Property(Expression.Convert(row, owner), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, row).Compile();
    }
}
