using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>What a round of notifications came to: how many were due, delivered, failed, carried a wrong clientState, and were dropped unsent.</summary>
public readonly record struct DeliveryReport(int Notifications, int Delivered, int Failed, int WrongClientState, int Dropped);

/// <summary>
/// The notifications Graph sends about call records: one per record and subscription, in the documented
/// changeNotificationCollection shape, to every live subscription that wants the change; and lifecycle
/// notifications. A round is delivered concurrently and finishes before its report, so tests can count on it.
/// </summary>
public sealed class ChangeNotifications
{
    private const ulong WrongClientStateStream = 0x57524F4E47;
    private const int ConcurrentDeliveries = 32;
    private readonly SubscriptionStore _subscriptions;
    private readonly Webhooks _webhooks;
    private readonly double _wrongClientStateShare;
    private readonly string _tenantId;
    private readonly SeededRandom _wrongClientStateDraws;

    public ChangeNotifications(SubscriptionStore subscriptions, Webhooks webhooks, EmulatorOptions options)
    {
        _subscriptions = subscriptions;
        _webhooks = webhooks;
        _wrongClientStateShare = options.WrongClientState;
        _tenantId = options.TenantId;
        _wrongClientStateDraws = new SeededRandom(SeededRandom.Mix((ulong)options.Seed, WrongClientStateStream));
    }

    /// <summary>
    /// Notifies every subscription that wants the change of each record, in record order and then subscription
    /// order. With <paramref name="wrongClientStateCount"/>, exactly the first that many notifications carry a wrong
    /// clientState; without it, each does at the --wrong-client-state probability. The first
    /// <paramref name="dropCount"/> are dropped unsent, as Graph drops those it gives up on (a "missed" lifecycle
    /// notification can then say so).
    /// </summary>
    public async Task<DeliveryReport> NotifyAsync(IReadOnlyList<CallRecordHeader> calls, ChangeKind change, int? wrongClientStateCount, int dropCount = 0)
    {
        var subscriptions = _subscriptions.All();
        var notifications = new List<(Subscription Subscription, byte[] Payload, bool WrongClientState)>();
        foreach (var call in calls)
        {
            foreach (var subscription in subscriptions.Where(s => s.Wants(call, change)))
            {
                var wrong = wrongClientStateCount is { } first ? notifications.Count < first : DrawWrongClientState();
                notifications.Add((subscription, ChangePayload(subscription, call, change, wrong), wrong));
            }
        }

        var dropped = Math.Min(dropCount, notifications.Count);
        var delivered = new bool[notifications.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(dropped, notifications.Count - dropped),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDeliveries },
            async (i, _) =>
            {
                var (subscription, payload, _) = notifications[i];
                delivered[i] = await _webhooks.DeliverAsync(subscription, subscription.NotificationUrl, payload);
            });
        var deliveredCount = delivered.Count(d => d);
        return new DeliveryReport(notifications.Count, deliveredCount, notifications.Count - dropped - deliveredCount, notifications.Count(n => n.WrongClientState), dropped);
    }

    /// <summary>Sends a lifecycle notification to the subscription's lifecycle URL, or to its notification URL when it has none.</summary>
    public async Task<(string Url, bool Delivered)> LifecycleAsync(Subscription subscription, string lifecycleEvent)
    {
        var url = subscription.LifecycleNotificationUrl ?? subscription.NotificationUrl;
        var payload = JsonResponse.Render(w => WriteCollection(w, () =>
        {
            w.WriteString("subscriptionId", subscription.Id);
            w.WriteInstant("subscriptionExpirationDateTime", subscription.ExpirationDateTime);
            w.WriteString("tenantId", _tenantId);
            w.WriteString("clientState", subscription.ClientState);
            w.WriteString("lifecycleEvent", lifecycleEvent);
        }));
        return (url, await _webhooks.DeliverAsync(subscription, url, payload));
    }

    /// <summary>The documented call record notification: a basic one, whose resourceData carries only the id.</summary>
    private byte[] ChangePayload(Subscription subscription, CallRecordHeader call, ChangeKind change, bool wrongClientState) =>
        JsonResponse.Render(w => WriteCollection(w, () =>
        {
            var resource = $"communications/callRecords/{call.Id}";
            w.WriteString("subscriptionId", subscription.Id);
            w.WriteString("clientState", wrongClientState ? "forged:" + subscription.ClientState : subscription.ClientState);
            w.WriteString("changeType", change == ChangeKind.Created ? "created" : "updated");
            w.WriteString("resource", resource);
            w.WriteInstant("subscriptionExpirationDateTime", subscription.ExpirationDateTime);
            w.WriteStartObject("resourceData");
            w.WriteString("@odata.type", "#Microsoft.Graph.callRecord");
            w.WriteString("@odata.id", resource);
            w.WriteString("id", call.Id);
            w.WriteEndObject();
            w.WriteString("tenantId", _tenantId);
        }));

    /// <summary>A changeNotificationCollection of one notification, whose properties <paramref name="writeNotification"/> writes.</summary>
    private static void WriteCollection(Utf8JsonWriter w, Action writeNotification)
    {
        w.WriteStartObject();
        w.WriteStartArray("value");
        w.WriteStartObject();
        writeNotification();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private bool DrawWrongClientState()
    {
        if (_wrongClientStateShare == 0)
        {
            return false;
        }

        lock (_wrongClientStateDraws)
        {
            return _wrongClientStateDraws.Chance(_wrongClientStateShare);
        }
    }
}
