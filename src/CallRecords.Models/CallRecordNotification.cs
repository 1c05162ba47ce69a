using System;

namespace CallRecords;

/// <summary>A change notification (or lifecycle notification) for a call record, as received.</summary>
public sealed class CallRecordNotification
{
    /// <summary>Gets or sets the id of the call record it names; empty for lifecycle notifications.</summary>
    public string? CallRecordId { get; set; }

    /// <summary>Gets or sets created or updated.</summary>
    public string? ChangeType { get; set; }

    /// <summary>Gets or sets the lifecycle event, such as reauthorizationRequired; empty for change notifications.</summary>
    public string? LifecycleEvent { get; set; }

    /// <summary>Gets or sets the resource path, such as communications/callRecords/{id}.</summary>
    public string? Resource { get; set; }

    /// <summary>Gets or sets the subscription that sent it.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>Gets or sets when that subscription expires.</summary>
    public DateTimeOffset? SubscriptionExpirationDateTime { get; set; }

    /// <summary>Gets or sets the tenant id.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets when the receiver got it.</summary>
    public DateTimeOffset ReceivedDateTime { get; set; }

    /// <summary>The call record id, or the lifecycle event.</summary>
    public override string ToString() => CallRecordId ?? LifecycleEvent ?? "";
}
