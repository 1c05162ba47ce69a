using System;

namespace CallRecords;

/// <summary>
/// Graph's "missed" lifecycle notification: some change notifications of a subscription were not delivered, and Graph
/// does not say which. The receiver names the time they can have been due in and the range of call starts to read
/// again to find them.
/// </summary>
public sealed class CallRecordMissedNotification
{
    /// <summary>Gets the lifecycle event: always missed.</summary>
    public string LifecycleEvent { get; } = "missed";

    /// <summary>Gets or sets the subscription whose notifications were missed.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>Gets or sets when that subscription expires.</summary>
    public DateTimeOffset? SubscriptionExpirationDateTime { get; set; }

    /// <summary>Gets or sets the tenant id.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets when the receiver got the event (Graph's time when connected).</summary>
    public DateTimeOffset ReceivedDateTime { get; set; }

    /// <summary>
    /// Gets or sets the earliest time a dropped notification can have been due: Graph retries a notification for up to
    /// 4 hours before it gives up on it, so 4 hours before the event. Graph's event carries no time of its own.
    /// </summary>
    public DateTimeOffset WindowStart { get; set; }

    /// <summary>Gets or sets the latest time a dropped notification can have been due: when the event arrived.</summary>
    public DateTimeOffset WindowEnd { get; set; }

    /// <summary>
    /// Gets or sets the earliest call start to read again: 24 hours before <see cref="WindowStart"/>, since a record
    /// appears (and is notified) up to 150 minutes after its call ends and is listed by the call's start.
    /// </summary>
    public DateTimeOffset StartDateTime { get; set; }

    /// <summary>Gets or sets the call start to read again up to: <see cref="WindowEnd"/>.</summary>
    public DateTimeOffset EndDateTime { get; set; }

    /// <summary>Gets or sets how many records changed in the window the receiver wrote itself (with -ExpandCallRecord); null when it did not look.</summary>
    public int? RecordsWritten { get; set; }

    /// <summary>The lifecycle event and its window.</summary>
    public override string ToString() => $"missed {WindowStart:u} to {WindowEnd:u}";
}
