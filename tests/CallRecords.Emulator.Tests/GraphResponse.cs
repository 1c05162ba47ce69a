using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>A response read whole: status, headers, and the body as text and as JSON.</summary>
public sealed class GraphResponse
{
    private readonly Lazy<JsonElement> _json;

    public GraphResponse(HttpStatusCode status, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string body)
    {
        Status = status;
        Headers = headers;
        ContentHeaders = contentHeaders;
        Body = body;
        _json = new Lazy<JsonElement>(() => JsonDocument.Parse(body).RootElement.Clone());
    }

    public HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    public string Body { get; }

    public JsonElement Json => _json.Value;

    public string? NextLink => Json.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
}
