using System.Globalization;
using System.Text.Json;
using System.Xml;
using CallRecords.TestSupport;

namespace CallRecords.Emulator.Tests;

/// <summary>
/// What the emulator sends is what Graph's schema declares (tests/fixtures/graph-schema): no property Graph does not
/// have, every enum value a member, every value of its declared type. Checked on a day of a tenant, every shape.
/// </summary>
public sealed class SchemaConformanceTests
{
    private const string Preference = "include-unknown-enum-members";
    private static readonly GraphSchema s_schema = GraphSchema.Load();

    [Fact]
    public async Task Records_sessions_participants_and_call_logs_hold_only_what_the_schema_declares()
    {
        using var emulator = EmulatorServer.Start("--seed", "61", "--users", "200", "--trace-routes", "on");
        var problems = new List<string>();
        var ids = await emulator.TruthAsync("/_emulator/truth/callRecords?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z");

        foreach (var listed in await emulator.GetAllPagesAsync("v1.0/communications/callRecords?$filter=" + Uri.EscapeDataString("startDateTime ge 2026-11-25T00:00:00Z and startDateTime lt 2026-11-26T00:00:00Z"), Preference))
        {
            Check(listed, "callRecord", "list", problems);
        }

        foreach (var id in ids.Take(40))
        {
            var record = await emulator.GetAsync($"v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)", Preference);
            Check(record.Json, "callRecord", id, problems);
            foreach (var participant in await emulator.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/participants_v2", Preference))
            {
                Check(participant, "participant", id + "/participants_v2", problems);
            }
        }

        foreach (var (function, type) in new[] { ("getPstnCalls", "pstnCallLogRow"), ("getDirectRoutingCalls", "directRoutingLogRow") })
        {
            foreach (var row in await emulator.GetAllPagesAsync($"v1.0/communications/callRecords/{function}(fromDateTime=2026-11-24T00:00:00Z,toDateTime=2026-11-26T00:00:00Z)", Preference))
            {
                Check(row, type, function, problems);
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct().Take(40)));
    }

    [Fact]
    public void The_check_finds_an_undeclared_property_a_value_that_is_no_member_and_a_value_of_the_wrong_type()
    {
        using var document = JsonDocument.Parse("""
            {"id":"s1","startDateTime":"2026-11-25T10:00:00Z","endDateTime":"later","modalities":["audio","smell"],"isTest":false,
             "caller":{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent","role":"mediationServer"}},
             "networkInsights":{"relayed":true}}
            """);
        var problems = new List<string>();

        Check(document.RootElement, "session", "s1", problems);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("endDateTime", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("smell", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("networkInsights", StringComparison.Ordinal));
    }

    private static void Check(JsonElement value, string typeName, string where, List<string> problems) =>
        CheckValue(value, GraphSchema.CallRecordsNamespace + "." + typeName, where, problems);

    private static void CheckValue(JsonElement value, string typeName, string where, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (typeName.StartsWith("Collection(", StringComparison.Ordinal))
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{where}: a {value.ValueKind} where the schema has {typeName}");
                return;
            }

            foreach (var item in value.EnumerateArray())
            {
                CheckValue(item, GraphSchema.ElementOf(typeName), where + "[]", problems);
            }

            return;
        }

        if (s_schema.Find(typeName) is not { } type)
        {
            if (!IsPrimitive(value, typeName))
            {
                problems.Add($"{where}: {value.GetRawText()} is not an {typeName}");
            }

            return;
        }

        if (type.IsEnum)
        {
            if (value.ValueKind != JsonValueKind.String || !type.Members.Contains(value.GetString()!))
            {
                problems.Add($"{where}: {value.GetRawText()} is not a member of {type.FullName}");
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: a {value.ValueKind} where the schema has {type.FullName}");
            return;
        }

        // A derived type says so with @odata.type; it must derive from the declared one.
        if (value.TryGetProperty("@odata.type", out var odataType))
        {
            var derived = s_schema.Find(odataType.GetString()!.TrimStart('#'));
            if (derived is null || !s_schema.SelfAndDerived(type).Contains(derived))
            {
                problems.Add($"{where}: @odata.type {odataType} is not {type.FullName} or a type derived from it");
                return;
            }

            type = derived;
        }

        var properties = s_schema.PropertiesOf(type).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.StartsWith('@') || property.Name.Contains("@odata.", StringComparison.Ordinal))
            {
                continue;
            }

            if (!properties.TryGetValue(property.Name, out var declared))
            {
                if (!IsOpen(type))
                {
                    problems.Add($"{where}: {type.Name} has no property {property.Name}");
                }

                continue;
            }

            CheckValue(property.Value, declared.Type, $"{where}.{property.Name}", problems);
        }
    }

    private static bool IsOpen(SchemaType type) =>
        type.IsOpen || (type.BaseType is { } baseName && s_schema.Find(baseName) is { } baseType && IsOpen(baseType));

    private static bool IsPrimitive(JsonElement value, string typeName) => typeName switch
    {
        "Edm.String" or "Edm.Guid" => value.ValueKind == JsonValueKind.String,
        "Edm.Boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "Edm.Int32" => value.TryGetInt32(out _),
        "Edm.Int64" => value.TryGetInt64(out _),
        "Edm.Single" or "Edm.Double" or "Edm.Decimal" => value.ValueKind == JsonValueKind.Number,
        "Edm.DateTimeOffset" => value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "Edm.Duration" => value.ValueKind == JsonValueKind.String && IsDuration(value.GetString()!),
        _ => false,
    };

    private static bool IsDuration(string text)
    {
        try
        {
            XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
