using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>What the receiver listens on and what it accepts.</summary>
public sealed class ReceiverOptions
{
    /// <summary>Gets or sets the HttpListener prefix, such as http://+:8080/callrecords/.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Gets or sets the clientState values to accept; notifications with any other are dropped.</summary>
    public IReadOnlyList<string> ClientStates { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets how many items to write before stopping; null for no limit.</summary>
    public int? Count { get; set; }

    /// <summary>Gets or sets how long to listen; null for no limit.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Gets or sets whether to write the call record each notification names instead of the notification.</summary>
    public bool ExpandCallRecord { get; set; }

    /// <summary>Gets or sets whether to renew a subscription that asks for reauthorization.</summary>
    public bool AutoRenew { get; set; }

    /// <summary>Gets or sets the largest body accepted; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>What a receiver run did.</summary>
public sealed class ReceiverSummary
{
    /// <summary>Gets the validation requests answered.</summary>
    public int Validations { get; internal set; }

    /// <summary>Gets the notifications received with a clientState that matched.</summary>
    public int Accepted { get; internal set; }

    /// <summary>Gets the notifications dropped because their clientState did not match.</summary>
    public int Dropped { get; internal set; }

    /// <summary>Gets the requests refused: wrong method, too large, or not JSON.</summary>
    public int Rejected { get; internal set; }

    /// <summary>Gets the items written.</summary>
    public int Written { get; internal set; }
}

/// <summary>The listener could not start: the prefix is malformed, or the port is taken.</summary>
public sealed class NotificationListenerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotificationListenerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Receives Graph change notifications over HTTP: answers the validation handshake, answers every notification
/// at once (202) and processes it afterwards, drops those whose clientState does not match (compared in
/// constant time), renews subscriptions that ask for reauthorization, and stops on a count, a timeout or
/// cancellation, freeing the port.
/// </summary>
public static class NotificationReceiver
{
    /// <summary>Listens until the count, the timeout or cancellation; hands each item to <paramref name="onItem"/>.</summary>
    public static async Task<ReceiverSummary> RunAsync(ReceiverOptions options, GraphConnection? connection, Action<object> onItem, RequestLog log, CancellationToken cancellationToken)
    {
        var summary = new ReceiverSummary();
        var listener = Start(options.Prefix);
        var received = new ConcurrentQueue<JsonElement>();
        using var arrived = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } timeout)
        {
            stop.CancelAfter(timeout);
        }

        var handlers = new ConcurrentDictionary<Task, bool>();
        var accepting = AcceptAsync(listener, options, summary, received, arrived, handlers, log);
        var reader = connection is null ? null : new CallRecordReader(connection);
        var subscriptions = connection is null ? null : new SubscriptionClient(connection);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        log.WriteVerbose($"Listening for notifications on {options.Prefix}");
        try
        {
            while (options.Count is not { } count || summary.Written < count)
            {
                await arrived.WaitAsync(stop.Token).ConfigureAwait(false);
                if (!received.TryDequeue(out var notification))
                {
                    continue;
                }

                if (!ClientStateMatches(notification.GetStringOrNull("clientState"), options.ClientStates))
                {
                    summary.Dropped++;
                    log.WriteWarning($"Dropped a notification for subscription {notification.GetStringOrNull("subscriptionId")}: its clientState does not match ({summary.Dropped} dropped so far).");
                    continue;
                }

                summary.Accepted++;
                object? item;
                try
                {
                    item = await ProcessAsync(notification, options, reader, subscriptions, seen, log, stop.Token).ConfigureAwait(false);
                }
                catch (GraphRequestException e)
                {
                    // One notification that cannot be followed up (a record Graph refuses, a renewal that fails)
                    // must not stop the receiver.
                    log.WriteWarning($"A notification for subscription {notification.GetStringOrNull("subscriptionId")} could not be processed: {e.Message}");
                    continue;
                }

                if (item is not null)
                {
                    onItem(item);
                    summary.Written++;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.WriteVerbose($"Stopped listening after {options.Timeout}.");
        }
        finally
        {
            // Closing the listener ends the accept loop and frees the port; wait for requests being answered.
            listener.Close();
            await IgnoreFailureAsync(accepting).ConfigureAwait(false);
            foreach (var handler in handlers.Keys)
            {
                await IgnoreFailureAsync(handler).ConfigureAwait(false);
            }

            log.WriteVerbose($"Receiver stopped: {summary.Validations} validations, {summary.Accepted} accepted, {summary.Dropped} dropped, {summary.Rejected} rejected, {summary.Written} written.");
        }

        return summary;
    }

    /// <summary>Compares without stopping at the first difference, so timing says nothing about the expected value.</summary>
    public static bool ClientStateMatches(string? actual, IReadOnlyList<string> expected)
    {
        var actualBytes = Encoding.UTF8.GetBytes(actual ?? "");
        var match = false;
        foreach (var candidate in expected)
        {
            var candidateBytes = Encoding.UTF8.GetBytes(candidate);
            var difference = actualBytes.Length ^ candidateBytes.Length;
            var length = Math.Max(actualBytes.Length, candidateBytes.Length);
            for (var i = 0; i < length; i++)
            {
                difference |= (i < actualBytes.Length ? actualBytes[i] : 0) ^ (i < candidateBytes.Length ? candidateBytes[i] : 0);
            }

            match |= difference == 0 && actual is not null;
        }

        return match;
    }

    private static HttpListener Start(string prefix)
    {
        var listener = new HttpListener();
        try
        {
            listener.Prefixes.Add(prefix);
            listener.Start();
            return listener;
        }
        catch (Exception e) when (e is HttpListenerException or ArgumentException)
        {
            listener.Close();
            throw new NotificationListenerException($"Could not listen on {prefix}: {e.Message}. Use a prefix such as http://+:8080/callrecords/ (ending in /) on a free port.", e);
        }
    }

    private static async Task AcceptAsync(HttpListener listener, ReceiverOptions options, ReceiverSummary summary, ConcurrentQueue<JsonElement> received, SemaphoreSlim arrived, ConcurrentDictionary<Task, bool> handlers, RequestLog log)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var handler = Task.Run(() => AnswerAsync(context, options, summary, received, arrived, log));
            handlers[handler] = true;
            _ = handler.ContinueWith(done => handlers.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, ReceiverOptions options, ReceiverSummary summary, ConcurrentQueue<JsonElement> received, SemaphoreSlim arrived, RequestLog log)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (request.HttpMethod != "POST")
            {
                Refuse(response, 405, summary, log, $"{request.HttpMethod} is not accepted; Graph posts notifications.");
                return;
            }

            if (ValidationToken(request.Url!.Query) is { } token)
            {
                // Graph waits at most 10 s for the URL-decoded token as plain text.
                await WriteTextAsync(response, 200, token).ConfigureAwait(false);
                lock (summary)
                {
                    summary.Validations++;
                }

                log.WriteVerbose("Answered Graph's validation request.");
                return;
            }

            var body = await ReadBodyAsync(request, options.MaxBodyBytes).ConfigureAwait(false);
            if (body is null)
            {
                Refuse(response, 413, summary, log, $"A body over {options.MaxBodyBytes} bytes was refused.");
                return;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                Refuse(response, 400, summary, log, "A body that is not JSON was refused.");
                return;
            }

            using (document)
            {
                var items = document.RootElement.GetArray("value").Select(item => item.Clone()).ToList();
                if (items.Count == 0)
                {
                    Refuse(response, 400, summary, log, "A body without notifications was refused.");
                    return;
                }

                // Answer first: Graph counts a reply slower than about 3 s against the endpoint.
                response.StatusCode = 202;
                response.Close();
                foreach (var item in items)
                {
                    received.Enqueue(item);
                    arrived.Release();
                }
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            log.WriteDebug("A notification request ended early: " + e.Message);
        }
    }

    private static async Task<object?> ProcessAsync(JsonElement notification, ReceiverOptions options, CallRecordReader? reader, SubscriptionClient? subscriptions, HashSet<string> seen, RequestLog log, CancellationToken cancellationToken)
    {
        var item = Map(notification);
        if (item.LifecycleEvent is not null)
        {
            if (item.LifecycleEvent == "reauthorizationRequired" && options.AutoRenew && subscriptions is not null && item.SubscriptionId is not null)
            {
                var renewed = await subscriptions.RenewAsync(item.SubscriptionId, DateTimeOffset.UtcNow + SubscriptionClient.MaximumLifetime - TimeSpan.FromMinutes(1), log, cancellationToken).ConfigureAwait(false);
                log.WriteVerbose($"Renewed subscription {item.SubscriptionId} until {renewed.ExpirationDateTime:u} after Graph asked for reauthorization.");
            }

            return item;
        }

        if (!options.ExpandCallRecord || reader is null || string.IsNullOrEmpty(item.CallRecordId))
        {
            return item;
        }

        if (!Guid.TryParse(item.CallRecordId, out _))
        {
            log.WriteWarning($"A notification names '{item.CallRecordId}', which is not a call record id; it is written as it came.");
            return item;
        }

        var record = await reader.GetAsync(item.CallRecordId!, expandSessions: false, log, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            log.WriteWarning($"Call record {item.CallRecordId} from a notification was not found.");
            return null;
        }

        // Graph may notify more than once for the same version (retries, created and updated); write each version once.
        return seen.Add(record.Id + "#" + record.Version) ? record : null;
    }

    private static CallRecordNotification Map(JsonElement json) => new()
    {
        CallRecordId = json.GetObjectOrNull("resourceData").GetStringOrNull("id") ?? LastSegment(json.GetStringOrNull("resource")),
        ChangeType = json.GetStringOrNull("changeType"),
        LifecycleEvent = json.GetStringOrNull("lifecycleEvent"),
        Resource = json.GetStringOrNull("resource"),
        SubscriptionId = json.GetStringOrNull("subscriptionId"),
        SubscriptionExpirationDateTime = json.GetDateTimeOffsetOrNull("subscriptionExpirationDateTime"),
        TenantId = json.GetStringOrNull("tenantId"),
        ReceivedDateTime = DateTimeOffset.UtcNow,
    };

    private static string? LastSegment(string? resource) =>
        resource is null ? null : resource.Substring(resource.LastIndexOf('/') + 1);

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

    private static async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request, int maxBytes)
    {
        if (request.ContentLength64 > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
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

    private static void Refuse(HttpListenerResponse response, int status, ReceiverSummary summary, RequestLog log, string reason)
    {
        response.StatusCode = status;
        response.Close();
        lock (summary)
        {
            summary.Rejected++;
        }

        log.WriteWarning(reason);
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
