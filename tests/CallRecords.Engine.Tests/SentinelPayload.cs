using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CallRecords.TestSupport;

namespace CallRecords.Engine.Tests;

/// <summary>
/// Graph payloads written from Graph's schema alone: every property of every type present, each leaf with a value no
/// other property has, so where that value lands in the module's output shows what the property became. Endpoints are
/// a participant's for callers and a service's for callees, as Graph sends them.
/// </summary>
internal sealed class SentinelPayload
{
    private readonly GraphSchema _schema;
    private int _next = 1000;

    public SentinelPayload(GraphSchema schema) => _schema = schema;

    /// <summary>Gets each leaf written, keyed type.property, with the value it was given.</summary>
    public Dictionary<string, Sentinel> Leaves { get; } = new(StringComparer.Ordinal);

    /// <summary>A whole value of the type named, as JSON text.</summary>
    public string Write(string typeName)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteObject(w, _schema.Get(typeName), side: null);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteObject(Utf8JsonWriter w, SchemaType declared, string? side)
    {
        var type = Concrete(declared, side);
        w.WriteStartObject();
        if (type != declared)
        {
            w.WriteString("@odata.type", "#" + type.FullName);
        }

        foreach (var property in _schema.PropertiesOf(type))
        {
            // The deprecated participants are identity sets, read only where participants_v2 is missing; sessions of a
            // record stand in for the nested read the mapper does.
            w.WritePropertyName(property.Name);
            var nextSide = property.Name is "caller" or "callerNetwork" or "callerDevice" ? "caller" : property.Name is "callee" or "calleeNetwork" or "calleeDevice" ? "callee" : side;
            if (property.IsCollection)
            {
                w.WriteStartArray();
                WriteValue(w, type, property, GraphSchema.ElementOf(property.Type), nextSide);
                w.WriteEndArray();
            }
            else
            {
                WriteValue(w, type, property, property.Type, nextSide);
            }
        }

        if (type.IsOpen && type.Properties.Count == 0 && type.BaseType is null)
        {
            // An open bag such as feedbackTokenSet: one flag under a name of its own.
            var name = type.Name + "Sentinel";
            w.WriteBoolean(name, true);
            Leaves[type.Name + ".*"] = new Sentinel(name, SentinelKind.Text);
        }

        w.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter w, SchemaType owner, SchemaProperty property, string typeName, string? side)
    {
        var key = owner.Name + "." + property.Name;
        if (_schema.Find(typeName) is { } type)
        {
            if (type.IsEnum)
            {
                var member = type.Members[Math.Min(1, type.Members.Count - 1)];
                w.WriteStringValue(member);
                Leaves.TryAdd(key, new Sentinel(member, SentinelKind.Named));
                return;
            }

            if (type.Namespace != GraphSchema.CallRecordsNamespace && type.Name is "identity" or "identitySet" or "communicationsIdentitySet")
            {
                WriteIdentity(w, type.Name == "identity", key);
                return;
            }

            WriteObject(w, type, side);
            return;
        }

        var n = _next++;
        switch (typeName)
        {
            case "Edm.String":
                w.WriteStringValue(key);
                Leaves.TryAdd(key, new Sentinel(key, SentinelKind.Text));
                break;
            case "Edm.Int32" or "Edm.Int64":
                w.WriteNumberValue(n);
                Leaves.TryAdd(key, new Sentinel((double)n, SentinelKind.Number));
                break;
            case "Edm.Single" or "Edm.Double" or "Edm.Decimal":
                w.WriteNumberValue(n + 0.25);
                Leaves.TryAdd(key, new Sentinel(n + 0.25, SentinelKind.Number));
                break;
            case "Edm.Duration":
                w.WriteStringValue($"PT{n}.25S");
                Leaves.TryAdd(key, new Sentinel((n * 1000.0) + 250, SentinelKind.Number));
                break;
            case "Edm.DateTimeOffset":
                var instant = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n);
                w.WriteStringValue(instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                Leaves.TryAdd(key, new Sentinel(instant, SentinelKind.Instant));
                break;
            case "Edm.Boolean":
                w.WriteBooleanValue(true);
                Leaves.TryAdd(key, new Sentinel(true, SentinelKind.Named));
                break;
            default:
                throw new NotSupportedException($"{key} is a {typeName}, which the payload cannot write.");
        }
    }

    // graph.identity (an associated identity), or an identity set with its user: found by its display name.
    private void WriteIdentity(Utf8JsonWriter w, bool plain, string key)
    {
        w.WriteStartObject();
        if (!plain)
        {
            w.WriteStartObject("user");
        }
        else
        {
            // Graph's examples send an associated identity as the call records userIdentity, with its user principal name.
            w.WriteString("@odata.type", "#" + GraphSchema.CallRecordsNamespace + ".userIdentity");
            Leaves.TryAdd("userIdentity.userPrincipalName", new Sentinel(key + ".upn", SentinelKind.Text));
        }

        w.WriteString("id", key + ".id");
        w.WriteString("displayName", key);
        w.WriteString("userPrincipalName", key + ".upn");
        w.WriteString("tenantId", key + ".tenant");
        if (!plain)
        {
            w.WriteEndObject();
        }

        w.WriteEndObject();
        Leaves.TryAdd(key, new Sentinel(key, SentinelKind.Text));
    }

    private SchemaType Concrete(SchemaType declared, string? side) => declared.Name switch
    {
        "endpoint" => _schema.Get(GraphSchema.CallRecordsNamespace + (side == "callee" ? ".serviceEndpoint" : ".participantEndpoint")),
        "userAgent" => _schema.Get(GraphSchema.CallRecordsNamespace + (side == "callee" ? ".serviceUserAgent" : ".clientUserAgent")),
        _ => declared,
    };
}
