using System;
using System.Text.Json;

namespace CallRecords.Engine.Json;

/// <summary>Turns one item of a notification body's value array into a <see cref="CallRecordNotification"/>.</summary>
internal static class CallRecordNotificationMapper
{
    /// <summary>The notification as received at <paramref name="receivedAt"/>.</summary>
    public static CallRecordNotification Map(JsonElement json, DateTimeOffset receivedAt) => new()
    {
        CallRecordId = json.GetObjectOrNull("resourceData").GetStringOrNull("id") ?? LastSegment(json.GetStringOrNull("resource")),
        ChangeType = json.GetStringOrNull("changeType"),
        LifecycleEvent = json.GetStringOrNull("lifecycleEvent"),
        Resource = json.GetStringOrNull("resource"),
        SubscriptionId = json.GetStringOrNull("subscriptionId"),
        SubscriptionExpirationDateTime = json.GetDateTimeOffsetOrNull("subscriptionExpirationDateTime"),
        TenantId = json.GetStringOrNull("tenantId"),
        ReceivedDateTime = receivedAt,
    };

    private static string? LastSegment(string? resource) =>
        resource is null ? null : resource.Substring(resource.LastIndexOf('/') + 1);
}
