using System;

namespace CallRecords.TestSupport;

/// <summary>A property: its name and type (a qualified name, Edm.X, or Collection(...)).</summary>
public sealed record SchemaProperty(string Name, string Type, bool IsNavigation)
{
    public bool IsCollection => Type.StartsWith("Collection(", StringComparison.Ordinal);
}
