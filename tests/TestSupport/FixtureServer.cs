using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.TestSupport;

/// <summary>
/// A loopback HTTP server that answers with canned bodies, such as the payloads from Microsoft's docs, and
/// records what it received. Each route answers with its queue of responses, the last one repeating. The service
/// root (GET /v1.0/), which connecting asks once for Graph's clock, is answered as Graph does and not recorded, so
/// <see cref="Requests"/> holds what the commands sent; a route for it replaces that.
/// </summary>
public sealed class FixtureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Queue<Func<HttpListenerContext, Task>>> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public FixtureServer()
    {
        var port = Loopback.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Gets the server's root.</summary>
    public Uri Url { get; }

    /// <summary>Gets each request received: method, raw path and query, and headers.</summary>
    public ConcurrentQueue<(string Method, string Target, System.Collections.Specialized.NameValueCollection Headers, DateTime ReceivedAt)> Requests { get; } = new();

    /// <summary>Answers <paramref name="path"/> (without query) with a JSON body.</summary>
    public FixtureServer Json(string path, string body, int status = 200, IDictionary<string, string>? headers = null) =>
        Route(path, async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (headers is not null)
            {
                foreach (var header in headers)
                {
                    context.Response.Headers[header.Key] = header.Value;
                }
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        });

    /// <summary>Answers with a Content-Length for the whole body but sends only part of it, then drops the connection.</summary>
    public FixtureServer Truncated(string path, string body) =>
        Route(path, async context =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.OutputStream.FlushAsync();
            context.Response.Abort();
        });

    public FixtureServer Route(string path, Func<HttpListenerContext, Task> respond)
    {
        _routes.GetOrAdd(path, _ => new Queue<Func<HttpListenerContext, Task>>()).Enqueue(respond);
        return this;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private static async Task ServiceRootAsync(HttpListenerContext context)
    {
        try
        {
            var body = Encoding.UTF8.GetBytes("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata\",\"value\":[]}");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        if (path == "/v1.0/" && !_routes.ContainsKey(path))
        {
            await ServiceRootAsync(context);
            return;
        }

        Requests.Enqueue((request.HttpMethod, request.RawUrl ?? "", request.Headers, DateTime.UtcNow));
        Func<HttpListenerContext, Task>? respond = null;
        if (_routes.TryGetValue(path, out var queue))
        {
            lock (queue)
            {
                respond = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            }
        }

        try
        {
            if (respond is null)
            {
                context.Response.StatusCode = 404;
                var body = Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"NotFound\",\"message\":\"No fixture for " + path + "\"}}");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
                return;
            }

            await respond(context);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
        }
    }
}
