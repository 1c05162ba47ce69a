using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// The emulator's routes that make things happen to call records and send the notifications Graph would: new calls,
/// revised records and lifecycle events, and the subscriptions with their delivery counters. Like the other
/// /_emulator routes they are never authenticated, throttled, faulted or counted as Graph requests. Each answers
/// once every notification it caused has been delivered or given up on.
/// </summary>
public static class NotificationRoutes
{
    public const int MaximumCallsPerRequest = 1000;

    public static void Map(WebApplication app, Tenant tenant, SubscriptionStore subscriptions, ChangeNotifications notifications)
    {
        app.MapPost("/_emulator/calls", (HttpContext context) => NewCallsAsync(context, tenant, notifications));
        app.MapPost("/_emulator/calls/{id}/revise", (HttpContext context, string id) => ReviseAsync(context, id, tenant, notifications));
        app.MapPost("/_emulator/lifecycle", (HttpContext context) => LifecycleAsync(context, subscriptions, notifications));
        app.MapGet("/_emulator/subscriptions", (HttpContext context) => JsonResponse.WriteAsync(context, w => WriteSubscriptions(w, subscriptions.All())));
    }

    /// <summary>
    /// ?count=N calls that end at the tenant's clock, each notified as created; ?wrongClientState=K forges the first K
    /// notifications, ?drop=D drops the first D unsent.
    /// </summary>
    private static async Task NewCallsAsync(HttpContext context, Tenant tenant, ChangeNotifications notifications)
    {
        if (!TryQueryNumber(context, "count", 1, MaximumCallsPerRequest, out var count)
            || !TryQueryNumber(context, "wrongClientState", 0, int.MaxValue, out var wrongClientState)
            || !TryQueryNumber(context, "drop", 0, int.MaxValue, out var drop))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"count takes a whole number from 1 to {MaximumCallsPerRequest}, wrongClientState and drop one of at least 0.");
            return;
        }

        var calls = tenant.AddEndedCalls(count ?? 1);
        var report = await notifications.NotifyAsync(calls, ChangeKind.Created, wrongClientState, drop ?? 0);
        await JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteStrings("ids", calls.Select(c => c.Id));
            WriteReport(w, report);
            w.WriteEndObject();
        });
    }

    /// <summary>A new version of a visible record, notified as updated to the subscriptions that asked for updates (?drop=D drops the first D).</summary>
    private static async Task ReviseAsync(HttpContext context, string id, Tenant tenant, ChangeNotifications notifications)
    {
        if (!TryQueryNumber(context, "wrongClientState", 0, int.MaxValue, out var wrongClientState) || !TryQueryNumber(context, "drop", 0, int.MaxValue, out var drop))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "wrongClientState and drop take a whole number of at least 0.");
            return;
        }

        if (!tenant.TryRevise(id, out var revised))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", $"There is no visible call record '{id}' to revise.");
            return;
        }

        var report = await notifications.NotifyAsync([revised], ChangeKind.Updated, wrongClientState, drop ?? 0);
        await JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", revised.Id);
            w.WriteNumber("version", revised.Version);
            WriteReport(w, report);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// ?subscriptionId=ID&amp;event=reauthorizationRequired|subscriptionRemoved|missed. Graph documents
    /// reauthorizationRequired for every resource and the other two for Outlook and Teams resources only; the emulator
    /// sends each when asked, so a client can be tried on all three. For subscriptionRemoved the subscription is
    /// deleted first, as Graph has removed it when it says so.
    /// </summary>
    private static async Task LifecycleAsync(HttpContext context, SubscriptionStore subscriptions, ChangeNotifications notifications)
    {
        var query = context.Request.Query;
        var lifecycleEvent = query["event"].ToString();
        if (lifecycleEvent.Length == 0)
        {
            lifecycleEvent = "reauthorizationRequired";
        }

        if (lifecycleEvent is not ("reauthorizationRequired" or "subscriptionRemoved" or "missed"))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"The lifecycle events are reauthorizationRequired, subscriptionRemoved and missed, not '{lifecycleEvent}'.");
            return;
        }

        var id = query["subscriptionId"].ToString();
        if (subscriptions.Find(id) is not { } subscription)
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", $"There is no subscription '{id}'.");
            return;
        }

        if (lifecycleEvent == "subscriptionRemoved")
        {
            subscriptions.Remove(subscription.Id);
        }

        var (url, delivered) = await notifications.LifecycleAsync(subscription, lifecycleEvent);
        await JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("subscriptionId", subscription.Id);
            w.WriteString("lifecycleEvent", lifecycleEvent);
            w.WriteString("url", url);
            w.WriteBoolean("delivered", delivered);
            w.WriteEndObject();
        });
    }

    /// <summary>Every subscription as Graph shows it, with how many of its notifications were delivered or failed.</summary>
    private static void WriteSubscriptions(Utf8JsonWriter w, IReadOnlyList<Subscription> subscriptions)
    {
        w.WriteStartObject();
        w.WriteStartArray("value");
        foreach (var subscription in subscriptions)
        {
            w.WriteStartObject();
            subscription.WriteProperties(w);
            w.WriteNumber("notificationsDelivered", subscription.Delivered);
            w.WriteNumber("notificationsFailed", subscription.Failed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteReport(Utf8JsonWriter w, DeliveryReport report)
    {
        w.WriteNumber("notifications", report.Notifications);
        w.WriteNumber("delivered", report.Delivered);
        w.WriteNumber("failed", report.Failed);
        w.WriteNumber("wrongClientState", report.WrongClientState);
        w.WriteNumber("dropped", report.Dropped);
    }

    /// <summary>Reads an optional whole-number query parameter: null when absent, false when out of range or not a number.</summary>
    private static bool TryQueryNumber(HttpContext context, string name, int minimum, int maximum, out int? value)
    {
        value = null;
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
        {
            value = number;
            return true;
        }

        return false;
    }
}
