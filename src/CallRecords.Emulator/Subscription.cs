using System.Text.Json;

namespace CallRecords.Emulator;

public enum ChangeKind
{
    Created,
    Updated,
}

/// <summary>
/// A change notification subscription. Only call record subscriptions get notifications; those on other resources
/// belong to another app of the tenant and are listed as Graph lists them, so a client must pick out its own.
/// </summary>
public sealed class Subscription
{
    private long _expirationTicks;
    private int _delivered;
    private int _failed;

    public required string Id { get; init; }

    /// <summary>Gets the resource as the creator wrote it, which Graph echoes unchanged.</summary>
    public required string Resource { get; init; }

    /// <summary>Gets the change types as the creator wrote them, such as "created,updated".</summary>
    public required string ChangeType { get; init; }

    public required string NotificationUrl { get; init; }

    public string? LifecycleNotificationUrl { get; init; }

    public string? ClientState { get; init; }

    public required string ApplicationId { get; init; }

    public required string CreatorId { get; init; }

    public bool IsCallRecords { get; init; }

    public bool NotifiesCreated { get; init; }

    public bool NotifiesUpdated { get; init; }

    /// <summary>Gets the participant ids of the resource's $filter; null when the subscription covers every call record.</summary>
    public IReadOnlySet<string>? ParticipantIds { get; init; }

    /// <summary>Gets or sets the expiry; a renewal may set it while a notification is being written.</summary>
    public required DateTimeOffset ExpirationDateTime
    {
        get => new(Interlocked.Read(ref _expirationTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _expirationTicks, value.UtcTicks);
    }

    /// <summary>Gets the notifications (change and lifecycle) that reached the endpoint with a 2xx.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Gets the notifications given up on after every retry failed.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>
    /// Whether a change to the record is sent here. A new record goes to created and to updated subscriptions
    /// alike (an updated subscription hears of a record when it is first seen too); a revision only to updated ones.
    /// </summary>
    public bool Wants(CallRecordHeader call, ChangeKind change) =>
        IsCallRecords
        && (change == ChangeKind.Updated ? NotifiesUpdated : NotifiesCreated || NotifiesUpdated)
        && (ParticipantIds is null || call.Participants.Any(p => ParticipantIds.Contains(p.Id)));

    public void CountDelivery(bool delivered) => Interlocked.Increment(ref delivered ? ref _delivered : ref _failed);

    /// <summary>Writes the subscription's properties as Graph returns them; the caller adds @odata.context and closes the object.</summary>
    public void WriteProperties(Utf8JsonWriter w)
    {
        w.WriteString("id", Id);
        w.WriteString("resource", Resource);
        w.WriteString("applicationId", ApplicationId);
        w.WriteString("changeType", ChangeType);
        w.WriteString("clientState", ClientState);
        w.WriteString("notificationUrl", NotificationUrl);
        w.WriteNull("notificationQueryOptions");
        w.WriteString("lifecycleNotificationUrl", LifecycleNotificationUrl);
        w.WriteInstant("expirationDateTime", ExpirationDateTime);
        w.WriteString("creatorId", CreatorId);
        w.WriteBoolean("includeResourceData", false);
        w.WriteString("latestSupportedTlsVersion", "v1_2");
        w.WriteNull("encryptionCertificate");
    }
}
