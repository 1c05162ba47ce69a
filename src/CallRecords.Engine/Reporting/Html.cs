using System.Net;

namespace CallRecords.Engine.Reporting;

/// <summary>Escaping for text and attribute values in the report's markup.</summary>
internal static class Html
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
