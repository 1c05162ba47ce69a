using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace CallRecords.Engine.Json;

/// <summary>
/// Null-safe reads of Graph JSON. Documented payloads omit objects freely and mix nulls in, and newer
/// services add properties and enum members: a missing or unexpected value reads as null, never throws.
/// </summary>
internal static class JsonElementExtensions
{
    public static JsonElement? GetObjectOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static JsonElement? GetObjectOrNull(this JsonElement? element, string name) =>
        element is { } e ? e.GetObjectOrNull(name) : null;

    public static string? GetStringOrNull(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public static string? GetStringOrNull(this JsonElement? element, string name) =>
        element is { } e ? e.GetStringOrNull(name) : null;

    public static long? GetInt64OrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    public static int? GetInt32OrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    public static double? GetDoubleOrNull(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        // Graph writes INF/NaN for some Single values as strings.
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) => number,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static decimal? GetDecimalOrNull(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static bool? GetBooleanOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    public static DateTimeOffset? GetDateTimeOffsetOrNull(this JsonElement element, string name)
    {
        var text = element.GetStringOrNull(name);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
    }

    /// <summary>Reads an ISO 8601 duration such as PT0.016S.</summary>
    public static TimeSpan? GetDurationOrNull(this JsonElement element, string name)
    {
        var text = element.GetStringOrNull(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a nextLink. Documentation examples carry placeholder links into $metadata that no server can
    /// answer; such a link ends paging with a warning instead of failing the command.
    /// </summary>
    public static string? GetNextLink(this JsonElement element, string name, RequestLog log)
    {
        var link = element.GetStringOrNull(name);
        if (link is not null && link.Contains("/$metadata", StringComparison.OrdinalIgnoreCase))
        {
            log.WriteWarning($"Graph returned a {name} that points into $metadata ({link}); it cannot be followed, so paging stops here.");
            return null;
        }

        return link;
    }

    public static IEnumerable<JsonElement> GetArray(this JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                yield return item;
            }
        }
    }

    /// <summary>The ids of a collection of objects that carry an id, such as administrativeUnitInfos.</summary>
    public static List<string> GetIdList(this JsonElement element, string name)
    {
        var ids = new List<string>();
        foreach (var item in element.GetArray(name))
        {
            if (item.GetStringOrNull("id") is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public static List<string> GetStringList(this JsonElement element, string name)
    {
        var list = new List<string>();
        foreach (var item in element.GetArray(name))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }
}
