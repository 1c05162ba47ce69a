using System;

namespace CallRecords;

/// <summary>A change-notification subscription on call records.</summary>
public sealed class CallRecordSubscription
{
    /// <summary>Gets or sets the subscription id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the resource: /communications/callRecords, optionally filtered to participants.</summary>
    public string? Resource { get; set; }

    /// <summary>Gets or sets the participant ids the resource is filtered to, if any.</summary>
    public ValueList<string> ParticipantIds { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>Gets or sets created, updated, or both.</summary>
    public string? ChangeType { get; set; }

    /// <summary>Gets or sets where Graph posts notifications.</summary>
    public string? NotificationUrl { get; set; }

    /// <summary>Gets or sets where Graph posts lifecycle notifications, such as reauthorizationRequired.</summary>
    public string? LifecycleNotificationUrl { get; set; }

    /// <summary>Gets or sets when the subscription expires unless renewed (at most 4,230 minutes ahead).</summary>
    public DateTimeOffset? ExpirationDateTime { get; set; }

    /// <summary>Gets the time left before it expires.</summary>
    public TimeSpan? ExpiresIn => ExpirationDateTime - DateTimeOffset.UtcNow;

    /// <summary>Gets or sets the value Graph echoes in every notification; compare it to drop forged ones. Shown only when Graph returns it.</summary>
    public string? ClientState { get; set; }

    /// <summary>Gets or sets the application that created the subscription.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Gets or sets the id of the creator.</summary>
    public string? CreatorId { get; set; }

    /// <summary>The subscription id.</summary>
    public override string ToString() => Id;
}
