namespace CallRecords;

/// <summary>
/// One row of the beta getPstnOnlineMeetingDialoutReport: the audio conferencing dial-out calls counted under one
/// meeting organizer, for one usage location, destination context and currency, over the range asked for. Every
/// documented column of pstnOnlineMeetingDialoutReport.
/// </summary>
public sealed class PstnOnlineMeetingDialoutReportRow
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the organizer's Entra object id.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the organizer's principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets the organizer's display name.</summary>
    public string? UserDisplayName { get; set; }

    /// <summary>Gets or sets the organizer's country (ISO 3166-1 alpha-2).</summary>
    public string? UsageLocation { get; set; }

    /// <summary>Gets or sets Domestic or International.</summary>
    public string? DestinationContext { get; set; }

    /// <summary>Gets or sets the ISO 4217 currency of TotalCallCharge.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets how many dial-out calls there were.</summary>
    public int? TotalCalls { get; set; }

    /// <summary>Gets or sets what the calls cost, connection fees included, in Currency.</summary>
    public decimal? TotalCallCharge { get; set; }

    /// <summary>Gets or sets how long the calls lasted together, in seconds.</summary>
    public int? TotalCallSeconds { get; set; }

    /// <summary>The organizer and the destination context.</summary>
    public override string ToString() => $"{UserPrincipalName ?? UserId} {DestinationContext}".Trim();
}
