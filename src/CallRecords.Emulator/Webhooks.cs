using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CallRecords.Emulator;

/// <summary>
/// Graph's side of webhooks: the validation handshake a subscription must pass before it is made, and delivery of
/// notification payloads with Graph's 3-second timeout. Graph retries a failed delivery for up to 4 hours; the
/// emulator retries a few times within a second, so whoever triggered the notifications has the outcome at once.
/// </summary>
public sealed class Webhooks
{
    public static readonly TimeSpan ValidationTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(3);
    private const int DeliveryAttempts = 3;
    private static readonly TimeSpan s_retryBackoff = TimeSpan.FromMilliseconds(200);

    // One client for the process; timeouts are per request (10 s or 3 s), so the client's own stays out of the way.
    private static readonly HttpClient s_http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Stats _stats;

    public Webhooks(Stats stats) => _stats = stats;

    /// <summary>
    /// Sends POST {url}?validationToken={token} with an empty text/plain body, as Graph does, and expects 200 with the
    /// decoded token as the whole body. Returns null when the endpoint passed, otherwise why it failed.
    /// </summary>
    public async Task<string?> ValidateAsync(string url, CancellationToken cancellation)
    {
        // Opaque like Graph's, and full of characters a query must encode (space, ':', '/', '+'), so an endpoint
        // that echoes the raw query value instead of the decoded token fails here as it would against Graph.
        var token = $"Validation: emulator handshake {Guid.NewGuid()} at {JsonFormat.Iso(DateTimeOffset.UtcNow)} key+/{Random.Shared.Next():x8}";
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}{separator}validationToken={Uri.EscapeDataString(token)}")
        {
            Content = new StringContent("", Encoding.UTF8, "text/plain"),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ValidationTimeout);
        try
        {
            using var response = await s_http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"Subscription validation request failed: {url} answered {(int)response.StatusCode} instead of 200 OK.";
            }

            return body == token ? null : $"Subscription validation request failed: the response body from {url} must be exactly the URL-decoded validationToken.";
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return $"Subscription validation request failed: {url} did not answer within {ValidationTimeout.TotalSeconds} seconds.";
        }
        catch (HttpRequestException e)
        {
            return $"Subscription validation request failed: {url} could not be reached ({e.Message}).";
        }
    }

    /// <summary>Posts a notification payload, retrying failures; counts the outcome on the subscription and in the stats.</summary>
    public async Task<bool> DeliverAsync(Subscription subscription, string url, byte[] payload)
    {
        for (var attempt = 1; ; attempt++)
        {
            var delivered = await PostAsync(url, payload);
            if (delivered || attempt == DeliveryAttempts)
            {
                subscription.CountDelivery(delivered);
                _stats.Notification(delivered);
                return delivered;
            }

            await Task.Delay(s_retryBackoff * attempt);
        }
    }

    /// <summary>One attempt: delivered if the endpoint answers 2xx within the timeout.</summary>
    private static async Task<bool> PostAsync(string url, byte[] payload)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var timeout = new CancellationTokenSource(DeliveryTimeout);
        try
        {
            using var response = await s_http.PostAsync(url, content, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
