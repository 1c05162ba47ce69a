using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>How a receiver answers the validation handshake.</summary>
public enum Handshake
{
    /// <summary>200 with the URL-decoded token, as Graph requires.</summary>
    EchoDecoded,

    /// <summary>200 with the token as the query carried it, still percent-encoded: a common webhook bug.</summary>
    EchoEncoded,
}

/// <summary>A request the receiver got: a validation handshake or a notification (with the status it was answered).</summary>
public sealed record ReceivedRequest(string Path, string RawUrl, string? ValidationToken, string? ContentType, string Body, int AnsweredStatus)
{
    /// <summary>Gets the notifications of a changeNotificationCollection body.</summary>
    public IEnumerable<JsonElement> Items => JsonDocument.Parse(Body).RootElement.Clone().GetProperty("value").EnumerateArray();
}

/// <summary>
/// A webhook endpoint on a free loopback port: it answers the validation handshake (right or wrong) and keeps every
/// request it gets. A notification is kept before it is answered, so once the emulator reports a delivery, the
/// receiver has it. Notifications go to /notifications, lifecycle notifications to /lifecycle.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Handshake _handshake;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private int _failuresLeft;

    /// <param name="failFirstNotifications">How many notifications to answer 503 before answering 202.</param>
    public WebhookReceiver(Handshake handshake = Handshake.EchoDecoded, int failFirstNotifications = 0)
    {
        _handshake = handshake;
        _failuresLeft = failFirstNotifications;
        (_listener, Root) = Listen();
        _ = ServeAsync();
    }

    public string Root { get; }

    public string NotificationUrl => Root + "notifications";

    public string LifecycleUrl => Root + "lifecycle";

    public IReadOnlyList<ReceivedRequest> Validations => _received.Where(r => r.ValidationToken is not null).ToList();

    public IReadOnlyList<ReceivedRequest> Notifications => _received.Where(r => r.ValidationToken is null && r.Path == "/notifications").ToList();

    public IReadOnlyList<ReceivedRequest> LifecycleNotifications => _received.Where(r => r.ValidationToken is null && r.Path == "/lifecycle").ToList();

    /// <summary>Gets the notifications of every request answered with a 2xx.</summary>
    public IReadOnlyList<JsonElement> DeliveredItems => Notifications.Where(r => r.AnsweredStatus < 300).SelectMany(r => r.Items).ToList();

    public void Dispose() => _listener.Close();

    /// <summary>Takes a free port; another process may take it between asking and listening, so a few tries.</summary>
    private static (HttpListener Listener, string Root) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var root = $"http://127.0.0.1:{Loopback.FreePort()}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(root);
            try
            {
                listener.Start();
                return (listener, root);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (true)
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

            // Answered concurrently, as the emulator delivers concurrently.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var rawUrl = request.RawUrl ?? "";
        var token = request.QueryString["validationToken"];
        var response = context.Response;
        if (token is not null)
        {
            var echo = _handshake == Handshake.EchoDecoded ? token : RawQueryValue(rawUrl, "validationToken");
            _received.Enqueue(new ReceivedRequest(request.Url!.AbsolutePath, rawUrl, token, request.ContentType, body, 200));
            response.StatusCode = 200;
            response.ContentType = "text/plain";
            var bytes = Encoding.UTF8.GetBytes(echo);
            await response.OutputStream.WriteAsync(bytes);
        }
        else
        {
            var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 503 : 202;
            _received.Enqueue(new ReceivedRequest(request.Url!.AbsolutePath, rawUrl, null, request.ContentType, body, status));
            response.StatusCode = status;
        }

        response.Close();
    }

    private static string RawQueryValue(string rawUrl, string name) =>
        rawUrl.Split('?', 2)[1].Split('&').Select(pair => pair.Split('=', 2)).First(pair => pair[0] == name)[1];
}
