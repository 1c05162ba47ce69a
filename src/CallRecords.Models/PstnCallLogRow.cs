using System;

namespace CallRecords;

/// <summary>A PSTN call (calling plan, Operator Connect or audio conferencing) from getPstnCalls, with every documented column.</summary>
public sealed class PstnCallLogRow
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the row id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the call id; not unique, and not a call record id.</summary>
    public string? CallId { get; set; }

    /// <summary>Gets or sets the user's Entra object id (empty for bot calls).</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the user's principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets the user's display name.</summary>
    public string? UserDisplayName { get; set; }

    /// <summary>Gets or sets when the call started.</summary>
    public DateTimeOffset? StartDateTime { get; set; }

    /// <summary>Gets or sets when the call ended.</summary>
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>Gets or sets how long the call was connected, in seconds.</summary>
    public int? Duration { get; set; }

    /// <summary>Gets or sets the charge, in Currency.</summary>
    public decimal? Charge { get; set; }

    /// <summary>Gets or sets the connection charge, in Currency.</summary>
    public decimal? ConnectionCharge { get; set; }

    /// <summary>Gets or sets the ISO 4217 currency of the charges.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the call type, such as user_in, user_out, conf_in or ucap_out.</summary>
    public string? CallType { get; set; }

    /// <summary>Gets or sets the caller number (E.164).</summary>
    public string? CallerNumber { get; set; }

    /// <summary>Gets or sets the callee number (E.164).</summary>
    public string? CalleeNumber { get; set; }

    /// <summary>Gets or sets Domestic or International.</summary>
    public string? DestinationContext { get; set; }

    /// <summary>Gets or sets the country or region dialed.</summary>
    public string? DestinationName { get; set; }

    /// <summary>Gets or sets the audio conference id, for conferencing rows.</summary>
    public string? ConferenceId { get; set; }

    /// <summary>Gets or sets the license used, such as MCOPSTNU.</summary>
    public string? LicenseCapability { get; set; }

    /// <summary>Gets or sets the number type, such as Subscriber or Service.</summary>
    public string? InventoryType { get; set; }

    /// <summary>Gets or sets the operator: Microsoft for calling plans, or the Operator Connect carrier.</summary>
    public string? Operator { get; set; }

    /// <summary>Gets or sets who measured the duration: microsoft or operator.</summary>
    public string? CallDurationSource { get; set; }

    /// <summary>Gets or sets the tenant's country (ISO 3166-1 alpha-2).</summary>
    public string? TenantCountryCode { get; set; }

    /// <summary>Gets or sets the user's usage country (ISO 3166-1 alpha-2).</summary>
    public string? UsageCountryCode { get; set; }

    /// <summary>The row id.</summary>
    public override string ToString() => Id ?? "";
}
