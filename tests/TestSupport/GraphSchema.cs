using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CallRecords.TestSupport;

/// <summary>
/// Graph's own schema for call records (tests/fixtures/graph-schema): the types of microsoft.graph.callRecords and the
/// microsoft.graph types they use, with their properties (base types' included) and enum members.
/// </summary>
public sealed class GraphSchema
{
    public const string CallRecordsNamespace = "microsoft.graph.callRecords";
    private static readonly XNamespace s_edm = "http://docs.oasis-open.org/odata/ns/edm";
    private readonly Dictionary<string, SchemaType> _types = new(StringComparer.Ordinal);

    private GraphSchema(XDocument document)
    {
        foreach (var schema in document.Descendants(s_edm + "Schema"))
        {
            var ns = (string)schema.Attribute("Namespace")!;
            foreach (var element in schema.Elements().Where(e => e.Name.LocalName is "ComplexType" or "EntityType" or "EnumType"))
            {
                var type = new SchemaType(
                    ns,
                    (string)element.Attribute("Name")!,
                    element.Name.LocalName == "EnumType",
                    (bool?)element.Attribute("Abstract") ?? false,
                    (bool?)element.Attribute("OpenType") ?? false,
                    Normalize((string?)element.Attribute("BaseType")),
                    element.Elements(s_edm + "Property").Concat(element.Elements(s_edm + "NavigationProperty"))
                        .Select(p => new SchemaProperty((string)p.Attribute("Name")!, Normalize((string)p.Attribute("Type")!)!, p.Name.LocalName == "NavigationProperty"))
                        .ToList(),
                    element.Elements(s_edm + "Member").Select(m => (string)m.Attribute("Name")!).ToList());
                _types[type.FullName] = type;
            }
        }
    }

    /// <summary>Gets the schema in the repository's fixture.</summary>
    public static GraphSchema Load() =>
        new(XDocument.Load(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "graph-schema", "callRecords-v1.0.csdl.xml")));

    /// <summary>Gets every type declared in the call records namespace.</summary>
    public IEnumerable<SchemaType> CallRecordsTypes => _types.Values.Where(t => t.Namespace == CallRecordsNamespace);

    /// <summary>The type of a qualified name, alias or not, or null for an Edm primitive.</summary>
    public SchemaType? Find(string qualifiedName) => _types.TryGetValue(Normalize(ElementOf(qualifiedName))!, out var type) ? type : null;

    /// <summary>The type named, which must exist.</summary>
    public SchemaType Get(string qualifiedName) => Find(qualifiedName) ?? throw new KeyNotFoundException(qualifiedName);

    /// <summary>Every property of the type, its base types' first.</summary>
    public IReadOnlyList<SchemaProperty> PropertiesOf(SchemaType type) =>
        (type.BaseType is { } baseName && Find(baseName) is { } baseType ? PropertiesOf(baseType) : Array.Empty<SchemaProperty>())
            .Concat(type.Properties).ToList();

    /// <summary>The types derived, directly or not, from <paramref name="type"/>, and itself.</summary>
    public IEnumerable<SchemaType> SelfAndDerived(SchemaType type) =>
        _types.Values.Where(t => t == type || IsDerived(t, type));

    /// <summary>The item type of a Collection(...), or the name itself.</summary>
    public static string ElementOf(string typeName) =>
        typeName.StartsWith("Collection(", StringComparison.Ordinal) ? typeName[11..^1] : typeName;

    private bool IsDerived(SchemaType type, SchemaType ancestor) =>
        type.BaseType is { } baseName && Find(baseName) is { } baseType && (baseType == ancestor || IsDerived(baseType, ancestor));

    // The call records schema names microsoft.graph types by the alias "graph.".
    private static string? Normalize(string? typeName) => typeName switch
    {
        null => null,
        _ when typeName.StartsWith("Collection(", StringComparison.Ordinal) => "Collection(" + Normalize(typeName[11..^1]) + ")",
        _ when typeName.StartsWith("graph.", StringComparison.Ordinal) => "microsoft." + typeName,
        _ => typeName,
    };
}
