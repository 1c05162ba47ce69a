using System;

namespace CallRecords;

/// <summary>
/// A user blocked from, or unblocked for, PSTN calls in Teams, from the beta getPstnBlockedUsersLog, with every
/// documented column of pstnBlockedUsersLogRow. The row type has no id; RemediationId identifies the action.
/// </summary>
public sealed class PstnBlockedUserLogRow
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the user's Entra object id.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the user's principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets the user's display name.</summary>
    public string? UserDisplayName { get; set; }

    /// <summary>Gets or sets when the user was blocked or unblocked.</summary>
    public DateTimeOffset? BlockDateTime { get; set; }

    /// <summary>Gets or sets the user's blocked number (E.164).</summary>
    public string? UserTelephoneNumber { get; set; }

    /// <summary>Gets or sets whether the user was blocked or unblocked (Graph's pstnUserBlockMode: blocked, unblocked), as Graph writes it.</summary>
    public string? UserBlockMode { get; set; }

    /// <summary>Gets or sets why the user was blocked or unblocked.</summary>
    public string? BlockReason { get; set; }

    /// <summary>Gets or sets the id of the blocking or unblocking action.</summary>
    public string? RemediationId { get; set; }

    /// <summary>The user and what happened.</summary>
    public override string ToString() => $"{UserPrincipalName ?? UserId} {UserBlockMode}".Trim();
}
