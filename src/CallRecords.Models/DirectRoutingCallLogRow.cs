using System;

namespace CallRecords;

/// <summary>A Direct Routing call from getDirectRoutingCalls, with every documented column. Its CorrelationId is the call record id, so rows pipe into Get-CallRecord.</summary>
public sealed class DirectRoutingCallLogRow
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the row id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the id to give Microsoft support; it is also the call record id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Gets or sets the user's Entra object id.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the user's principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets the user's display name.</summary>
    public string? UserDisplayName { get; set; }

    /// <summary>Gets or sets when the call started (for failed calls, the invite or failure time).</summary>
    public DateTimeOffset? StartDateTime { get; set; }

    /// <summary>Gets or sets when the invite was sent.</summary>
    public DateTimeOffset? InviteDateTime { get; set; }

    /// <summary>Gets or sets when the call ended; successful calls only.</summary>
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>Gets or sets when the call failed; failed calls only (Graph sends 0001-01-01 for successful calls, which reads as empty here).</summary>
    public DateTimeOffset? FailureDateTime { get; set; }

    /// <summary>Gets or sets how long the call was connected, in seconds.</summary>
    public int? Duration { get; set; }

    /// <summary>Gets or sets whether the call succeeded.</summary>
    public bool? SuccessfulCall { get; set; }

    /// <summary>Gets or sets the call type, such as ByotIn or ByotOut.</summary>
    public string? CallType { get; set; }

    /// <summary>Gets or sets the caller number (E.164; may be partly masked).</summary>
    public string? CallerNumber { get; set; }

    /// <summary>Gets or sets the callee number (E.164; may be partly masked).</summary>
    public string? CalleeNumber { get; set; }

    /// <summary>Gets or sets the final SIP response code (RFC 3261).</summary>
    public int? FinalSipCode { get; set; }

    /// <summary>Gets or sets the final SIP response phrase.</summary>
    public string? FinalSipCodePhrase { get; set; }

    /// <summary>Gets or sets Microsoft's sub-code for how the call ended.</summary>
    public int? CallEndSubReason { get; set; }

    /// <summary>Gets or sets the SBC's fully qualified domain name.</summary>
    public string? TrunkFullyQualifiedDomainName { get; set; }

    /// <summary>Gets or sets whether media bypass was on.</summary>
    public bool? MediaBypassEnabled { get; set; }

    /// <summary>Gets or sets the datacenter the media went through.</summary>
    public string? MediaPathLocation { get; set; }

    /// <summary>Gets or sets the datacenter the signaling went through.</summary>
    public string? SignalingLocation { get; set; }

    /// <summary>The row id.</summary>
    public override string ToString() => Id ?? "";
}
