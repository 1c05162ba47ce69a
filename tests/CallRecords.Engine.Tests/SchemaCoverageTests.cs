using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallRecords.Columns;
using CallRecords.Engine.Json;
using CallRecords.Engine.Quality;
using CallRecords.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CallRecords.Engine.Tests;

/// <summary>
/// Every property of every call records type in Graph's schema reaches a column of the module's output, or is listed
/// in <see cref="LeftOutProperties"/> with a reason. The payloads are written from the schema alone, each leaf with a
/// value of its own, and mapped as the module maps Graph's answers.
/// </summary>
public sealed class SchemaCoverageTests
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private readonly ITestOutputHelper _output;

    public SchemaCoverageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_property_in_Graphs_schema_reaches_a_column_or_is_left_out_with_a_reason()
    {
        var schema = GraphSchema.Load();
        var payload = new SentinelPayload(schema);
        using var record = JsonDocument.Parse(payload.Write(GraphSchema.CallRecordsNamespace + ".callRecord"));
        using var pstn = JsonDocument.Parse(payload.Write(GraphSchema.CallRecordsNamespace + ".pstnCallLogRow"));
        using var directRouting = JsonDocument.Parse(payload.Write(GraphSchema.CallRecordsNamespace + ".directRoutingLogRow"));

        var json = record.RootElement;
        var mapped = CallRecordMapper.MapCallRecord(json, Tenant);
        var rows = new List<object> { mapped, CallLogMapper.MapPstn(pstn.RootElement, Tenant), CallLogMapper.MapDirectRouting(directRouting.RootElement, Tenant) };
        foreach (var session in json.GetProperty("sessions").EnumerateArray())
        {
            var s = CallRecordMapper.MapSession(session, mapped.Id, Tenant, QualityThresholds.Current);
            rows.Add(s);
            rows.AddRange(s.Segments);
            rows.AddRange(s.Segments.SelectMany(g => g.MediaStreams));
        }

        rows.AddRange(json.GetProperty("participants_v2").EnumerateArray().Select(p => CallRecordMapper.MapParticipant(p, mapped.Id, Tenant)));
        var cells = rows.SelectMany(Cells).ToList();

        var leaves = payload.Leaves.Where(l => !LeftOutProperties.Reasons.ContainsKey(l.Key)).ToList();
        var missing = leaves.Where(l => !cells.Any(cell => Holds(cell, l.Key, l.Value))).Select(l => l.Key).ToList();
        _output.WriteLine($"{leaves.Count - missing.Count} of {leaves.Count} leaves reach a column; {LeftOutProperties.Reasons.Count} properties are left out with a reason.");

        Assert.True(missing.Count == 0, "These properties reach no column and are not left out with a reason: " + string.Join(", ", missing));
        Assert.All(LeftOutProperties.Reasons.Keys, key => Assert.Contains(key, payload.Leaves.Keys.Select(k => k)));
    }

    [Fact]
    public void Properties_Graph_adds_later_anywhere_in_a_record_are_passed_over()
    {
        var payload = new SentinelPayload(GraphSchema.Load());
        var text = payload.Write(GraphSchema.CallRecordsNamespace + ".callRecord");
        var known = Columns(text);

        // The same record with a property no schema has in every object, as the service adds properties over time.
        var extended = JsonNode.Parse(text)!;
        AddUnknown(extended);

        Assert.Equal(known, Columns(extended.ToJsonString()));
    }

    [Fact]
    public void Every_call_records_type_of_the_schema_is_written_by_the_payload()
    {
        var schema = GraphSchema.Load();
        var payload = new SentinelPayload(schema);
        foreach (var root in new[] { "callRecord", "pstnCallLogRow", "directRoutingLogRow" })
        {
            payload.Write(GraphSchema.CallRecordsNamespace + "." + root);
        }

        var written = payload.Leaves.Keys.Select(k => k.Split('.')[0]).ToHashSet();
        // Types with a property of their own that is a value (not an object): those must each have been written.
        var withLeaves = schema.CallRecordsTypes
            .Where(t => !t.IsEnum && !t.IsAbstract && (t.IsOpen && t.BaseType is null || t.Properties.Any(p => schema.Find(p.Type) is null or { IsEnum: true })))
            .Select(t => t.Name);

        Assert.Empty(withLeaves.Except(written));
    }

    private static List<string> Columns(string recordJson)
    {
        using var document = JsonDocument.Parse(recordJson);
        var record = CallRecordMapper.MapCallRecord(document.RootElement, Tenant);
        var rows = new List<object> { record };
        foreach (var session in document.RootElement.GetProperty("sessions").EnumerateArray())
        {
            var mapped = CallRecordMapper.MapSession(session, record.Id, Tenant, QualityThresholds.Current);
            rows.Add(mapped);
            rows.AddRange(mapped.Segments.SelectMany(g => g.MediaStreams));
        }

        return rows.SelectMany(Cells).Select(c => $"{c.Column}={c.Value}").ToList();
    }

    private static void AddUnknown(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(p => p.Value).Where(v => v is not null).ToList())
                {
                    AddUnknown(child!);
                }

                obj["networkInsights"] = new JsonObject { ["schemaVersion"] = 2, ["relayed"] = true };
                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null))
                {
                    AddUnknown(item!);
                }

                break;
        }
    }

    // Each column's value, and for a list each item and each item's own properties.
    private static IEnumerable<(string Column, object? Value)> Cells(object row)
    {
        foreach (var column in ColumnSet.For(row.GetType()).Columns)
        {
            var value = column.ValueOf(row);
            yield return (column.Name, value);
            if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    yield return (column.Name, item);
                    foreach (var part in item?.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? Array.Empty<PropertyInfo>())
                    {
                        if (part.GetIndexParameters().Length == 0 && item!.GetType() != typeof(string))
                        {
                            yield return (column.Name + part.Name, part.GetValue(item));
                        }
                    }
                }
            }
        }
    }

    private static bool Holds((string Column, object? Value) cell, string key, Sentinel sentinel) => sentinel.Kind switch
    {
        SentinelKind.Text => cell.Value is string text && text.Contains((string)sentinel.Value, StringComparison.Ordinal),
        SentinelKind.Number => cell.Value is int or long or double or float or decimal && Math.Abs(Convert.ToDouble(cell.Value, System.Globalization.CultureInfo.InvariantCulture) - (double)sentinel.Value) < 1e-6,
        SentinelKind.Instant => cell.Value is DateTimeOffset instant && instant == (DateTimeOffset)sentinel.Value,
        _ => cell.Column.EndsWith(char.ToUpperInvariant(key.Split('.')[1][0]) + key.Split('.')[1][1..], StringComparison.OrdinalIgnoreCase)
            && string.Equals(Convert.ToString(cell.Value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(sentinel.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
    };
}
