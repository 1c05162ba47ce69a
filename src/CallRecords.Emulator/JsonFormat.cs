using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace CallRecords.Emulator;

/// <summary>How Graph writes instants, durations and ratios: UTC with a Z, ISO 8601 durations, short decimals.</summary>
public static class JsonFormat
{
    /// <summary>Writes an instant as Graph does, such as 2020-02-25T18:52:21.2169889Z (trailing zero digits dropped).</summary>
    public static void WriteInstant(this Utf8JsonWriter w, string name, DateTimeOffset value) => w.WriteString(name, value.UtcDateTime);

    /// <summary>An instant for URLs and messages, in the same form as the bodies.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes milliseconds as an ISO 8601 duration such as PT0.016S, or an explicit null.</summary>
    public static void WriteDuration(this Utf8JsonWriter w, string name, double? milliseconds)
    {
        if (milliseconds is { } ms)
        {
            w.WriteString(name, XmlConvert.ToString(TimeSpan.FromMilliseconds(Math.Round(ms))));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes a ratio or rate rounded as the service reports Edm.Single values, or an explicit null.</summary>
    public static void WriteRatio(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, Math.Round(number, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
