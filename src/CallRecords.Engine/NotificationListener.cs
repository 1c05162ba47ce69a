using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>
/// The HTTP side of the receiver: answers Graph's validation handshake, refuses what is not a notification body,
/// answers every notification body at once (202) and queues its items for <see cref="ReceiveAsync"/>. Each request is
/// answered on its own task, so a slow sender holds up no other.
/// </summary>
internal sealed class NotificationListener : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly int _maxBodyBytes;
    private readonly RequestLog _log;
    private readonly Action? _onValidated;
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentDictionary<Task, bool> _answering = new();
    private readonly Task _accepting;
    private int _validations;
    private int _rejected;

    private NotificationListener(HttpListener listener, int maxBodyBytes, RequestLog log, Action? onValidated)
    {
        _listener = listener;
        _maxBodyBytes = maxBodyBytes;
        _log = log;
        _onValidated = onValidated;
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the validation requests answered.</summary>
    public int Validations => Volatile.Read(ref _validations);

    /// <summary>Gets the requests refused: wrong method, too large, or not JSON.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>
    /// Listens on <paramref name="prefix"/>; a malformed prefix or a taken port is a <see cref="NotificationListenerException"/>.
    /// <paramref name="onValidated"/> hears of each validation answered: a subscription is being made.
    /// </summary>
    public static NotificationListener Start(string prefix, int maxBodyBytes, RequestLog log, Action? onValidated = null)
    {
        var listener = new HttpListener();
        try
        {
            listener.Prefixes.Add(prefix);
            listener.Start();
        }
        catch (Exception e) when (e is HttpListenerException or ArgumentException)
        {
            listener.Close();
            throw new NotificationListenerException($"Could not listen on {prefix}: {e.Message}. Use a prefix such as http://+:8080/callrecords/ (ending in /) on a free port.", e);
        }

        return new NotificationListener(listener, maxBodyBytes, log, onValidated);
    }

    /// <summary>The next notification received, in the order their requests were answered.</summary>
    public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_received.TryDequeue(out var notification))
            {
                return notification;
            }
        }
    }

    /// <summary>Closes the listener, which ends the accept loop and frees the port, and waits for the requests being answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await IgnoreFailureAsync(_accepting).ConfigureAwait(false);
        foreach (var answer in _answering.Keys)
        {
            await IgnoreFailureAsync(answer).ConfigureAwait(false);
        }

        _arrived.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var answer = Task.Run(() => AnswerAsync(context));
            _answering[answer] = true;
            _ = answer.ContinueWith(done => _answering.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (request.HttpMethod != "POST")
            {
                Refuse(response, 405, $"{request.HttpMethod} is not accepted; Graph posts notifications.");
                return;
            }

            if (ValidationToken(request.Url!.Query) is { } token)
            {
                // Graph waits at most 10 s for the URL-decoded token as plain text.
                await WriteTextAsync(response, 200, token).ConfigureAwait(false);
                Interlocked.Increment(ref _validations);
                _log.WriteVerbose("Answered Graph's validation request.");
                _onValidated?.Invoke();
                return;
            }

            var body = await ReadBodyAsync(request).ConfigureAwait(false);
            if (body is null)
            {
                Refuse(response, 413, $"A body over {_maxBodyBytes} bytes was refused.");
                return;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                Refuse(response, 400, "A body that is not JSON was refused.");
                return;
            }

            using (document)
            {
                var items = document.RootElement.GetArray("value").Select(item => item.Clone()).ToList();
                if (items.Count == 0)
                {
                    Refuse(response, 400, "A body without notifications was refused.");
                    return;
                }

                // Answer first: Graph counts a reply slower than about 3 s against the endpoint.
                response.StatusCode = 202;
                response.Close();
                foreach (var item in items)
                {
                    _received.Enqueue(item);
                    _arrived.Release();
                }
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            _log.WriteDebug("A notification request ended early: " + e.Message);
        }
    }

    private static string? ValidationToken(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "validationToken")
            {
                // Form decoding: Graph writes spaces in the token as '+'.
                return WebUtility.UrlDecode(parts[1]);
            }
        }

        return null;
    }

    private async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request)
    {
        if (request.ContentLength64 > _maxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _maxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static async Task WriteTextAsync(HttpListenerResponse response, int status, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private void Refuse(HttpListenerResponse response, int status, string reason)
    {
        response.StatusCode = status;
        response.Close();
        Interlocked.Increment(ref _rejected);
        _log.WriteWarning(reason);
    }

    private static async Task IgnoreFailureAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The receiver is stopping; a request cut short by that is not an error of the run.
        }
    }
}
