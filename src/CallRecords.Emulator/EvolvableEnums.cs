using System.Text;

namespace CallRecords.Emulator;

/// <summary>
/// Enum members Graph added after an enum's unknownFutureValue. Graph sends such a member by name only to a client
/// that asked with Prefer: include-unknown-enum-members, and unknownFutureValue to any other
/// (learn.microsoft.com/graph/best-practices-concept, evolvable enumerations). In the call records schema that is
/// productFamily's azureCommunicationServices.
/// </summary>
public static class EvolvableEnums
{
    /// <summary>The Prefer value that asks for them.</summary>
    public const string Preference = "include-unknown-enum-members";

    private static readonly (byte[] Named, byte[] Sent)[] s_members =
    {
        (Encoding.UTF8.GetBytes("\"productFamily\":\"azureCommunicationServices\""), Encoding.UTF8.GetBytes("\"productFamily\":\"unknownFutureValue\"")),
    };

    /// <summary>Whether the request asked for the members by name (Prefer may carry several preferences).</summary>
    public static bool Requested(HttpRequest request) =>
        request.Headers["Prefer"].Any(value => value is not null && value.Split(',').Any(p => p.Trim().Equals(Preference, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The body as Graph sends it to this request: members after unknownFutureValue read unknownFutureValue unless asked for.</summary>
    public static ReadOnlyMemory<byte> AsSent(ReadOnlyMemory<byte> body, bool requested)
    {
        if (requested)
        {
            return body;
        }

        foreach (var (named, sent) in s_members)
        {
            if (body.Span.IndexOf(named) >= 0)
            {
                body = Replace(body.Span, named, sent);
            }
        }

        return body;
    }

    private static byte[] Replace(ReadOnlySpan<byte> body, byte[] named, byte[] sent)
    {
        var result = new List<byte>(body.Length);
        while (body.IndexOf(named) is var at and >= 0)
        {
            result.AddRange(body[..at].ToArray());
            result.AddRange(sent);
            body = body[(at + named.Length)..];
        }

        result.AddRange(body.ToArray());
        return result.ToArray();
    }
}
