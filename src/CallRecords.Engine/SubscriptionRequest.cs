using System;
using System.Collections.Generic;

namespace CallRecords.Engine;

/// <summary>What a new subscription asks for.</summary>
public sealed class SubscriptionRequest
{
    /// <summary>Gets or sets where Graph posts notifications.</summary>
    public Uri NotificationUrl { get; set; } = new("https://localhost/");

    /// <summary>Gets or sets where Graph posts lifecycle notifications.</summary>
    public Uri? LifecycleNotificationUrl { get; set; }

    /// <summary>Gets or sets created, updated, or "created,updated".</summary>
    public string ChangeType { get; set; } = "created";

    /// <summary>Gets or sets when it expires.</summary>
    public DateTimeOffset ExpirationDateTime { get; set; }

    /// <summary>Gets or sets the value Graph echoes in every notification.</summary>
    public string ClientState { get; set; } = "";

    /// <summary>Gets or sets the resource exactly as it is to be sent, such as that of a subscription made again; null to make it from <see cref="ParticipantIds"/>.</summary>
    public string? Resource { get; set; }

    /// <summary>Gets or sets the participants to filter on; empty for all call records.</summary>
    public IReadOnlyCollection<string>? ParticipantIds { get; set; }
}
