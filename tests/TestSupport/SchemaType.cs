using System.Collections.Generic;

namespace CallRecords.TestSupport;

/// <summary>A complex, entity or enum type of the schema.</summary>
public sealed record SchemaType(string Namespace, string Name, bool IsEnum, bool IsAbstract, bool IsOpen, string? BaseType, IReadOnlyList<SchemaProperty> Properties, IReadOnlyList<string> Members)
{
    public string FullName => Namespace + "." + Name;
}
