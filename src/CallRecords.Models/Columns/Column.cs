using System;

namespace CallRecords.Columns;

/// <summary>One column of a row type: its name, the type of its values, and how to read it from a row.</summary>
public sealed class Column
{
    private readonly Func<object, object?> _read;

    internal Column(string name, Type type, Type declaredType, Func<object, object?> read, bool isNested)
    {
        Name = name;
        Type = type;
        DeclaredType = declaredType;
        _read = read;
        IsNested = isNested;
        ElementType = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>) ? type.GetGenericArguments()[0] : null;
    }

    /// <summary>Gets the column's name: the property's, or the flattened object's prefix and property.</summary>
    public string Name { get; }

    /// <summary>Gets the type of the values, without Nullable: string, bool, int, long, double, decimal, DateTimeOffset, TimeSpan, an enum, or a ValueList.</summary>
    public Type Type { get; }

    /// <summary>Gets the property's type as declared, Nullable included.</summary>
    public Type DeclaredType { get; }

    /// <summary>Gets the item type when the column holds a list (ValueList); otherwise null.</summary>
    public Type? ElementType { get; }

    /// <summary>Gets whether this is a collection of nested rows (not a column of the row's table).</summary>
    public bool IsNested { get; }

    /// <summary>The value in <paramref name="row"/>; null when it or the object it is flattened from is absent.</summary>
    public object? ValueOf(object row) => _read(row);

    /// <summary>The name and type.</summary>
    public override string ToString() => $"{Name} ({Type.Name})";
}
