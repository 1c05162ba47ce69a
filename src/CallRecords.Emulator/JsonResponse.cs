using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>Sends JSON bodies and Graph-shaped errors.</summary>
public static class JsonResponse
{
    /// <summary>What Graph sends with entity and collection payloads.</summary>
    public const string GraphContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    // '+' in phone numbers and offsets, and the quotes in OData contexts, stay readable rather than \u-escaped.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>
    /// Renders the body, then sends it with its Content-Length. With <paramref name="truncate"/>, sends only half of
    /// it and ends there: Kestrel closes a connection whose body falls short of its Content-Length, so the client
    /// gets the first half and then the end of the stream. (Aborting instead can drop the half still in flight.)
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int status, string contentType, Action<Utf8JsonWriter> write, bool truncate = false)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            write(writer);
        }

        var body = EvolvableEnums.AsSent(buffer.WrittenMemory, EvolvableEnums.Requested(context.Request));
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (truncate)
        {
            await context.Response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            return;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Renders a body to send elsewhere, such as a change notification, written as the responses are.</summary>
    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        using var buffer = new PooledBufferWriter(4 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            write(writer);
        }

        return buffer.WrittenMemory.ToArray();
    }

    public static Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write) =>
        WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=utf-8", write);

    /// <summary>A Graph error body: code, message and innerError with the date and request ids.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["request-id"] = requestId;
        return WriteAsync(context, status, "application/json", w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteStartObject("innerError");
            w.WriteString("date", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            w.WriteString("request-id", requestId);
            w.WriteString("client-request-id", context.Request.Headers["client-request-id"].ToString());
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
