using System.Net;

namespace CallRecords.Emulator.Tests;

/// <summary>Subscription request bodies as a client sends them, and the calls that make and clear subscriptions.</summary>
public static class SubscriptionRequests
{
    public const string ClientState = "emulator-tests-client-state";
    public const string CallRecords = "/communications/callRecords";

    public static Dictionary<string, object?> Body(
        WebhookReceiver receiver,
        string changeType = "created",
        string resource = CallRecords,
        TimeSpan? lifetime = null,
        string? clientState = ClientState,
        bool withLifecycleUrl = false) => new()
        {
            ["changeType"] = changeType,
            ["notificationUrl"] = receiver.NotificationUrl,
            ["lifecycleNotificationUrl"] = withLifecycleUrl ? receiver.LifecycleUrl : null,
            ["resource"] = resource,
            ["expirationDateTime"] = DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)),
            ["clientState"] = clientState,
        };

    public static Task<GraphResponse> SubscribeAsync(this EmulatorServer server, object body) =>
        server.SendAsync(HttpMethod.Post, "v1.0/subscriptions", body);

    /// <summary>Subscribes and returns the new subscription's id, failing the test unless the answer is a 201.</summary>
    public static async Task<string> SubscribeCreatedAsync(this EmulatorServer server, object body)
    {
        var response = await server.SubscribeAsync(body);
        Assert.True(response.Status == HttpStatusCode.Created, response.Body);
        return response.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Deletes every call record subscription, so the next test's notifications go only to its own receivers.</summary>
    public static async Task DeleteCallRecordSubscriptionsAsync(this EmulatorServer server)
    {
        var list = await server.GetAsync("v1.0/subscriptions");
        foreach (var subscription in list.Json.GetProperty("value").EnumerateArray())
        {
            if (subscription.GetProperty("resource").GetString()!.Contains("callRecords", StringComparison.OrdinalIgnoreCase))
            {
                await server.SendAsync(HttpMethod.Delete, $"v1.0/subscriptions/{subscription.GetProperty("id").GetString()}");
            }
        }
    }
}
