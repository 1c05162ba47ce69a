using System;

namespace CallRecords;

/// <summary>A sent or received SMS from the beta getSmsLog, with every documented column of smsLogRow.</summary>
public sealed class SmsLogRow
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the row id: the SMS's unique id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the SMS id; not unique.</summary>
    public string? SmsId { get; set; }

    /// <summary>Gets or sets the user's Entra object id.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the user's principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets the user's display name.</summary>
    public string? UserDisplayName { get; set; }

    /// <summary>Gets or sets the user's country (ISO 3166-1 alpha-2).</summary>
    public string? UserCountryCode { get; set; }

    /// <summary>Gets or sets the tenant's country (ISO 3166-1 alpha-2).</summary>
    public string? TenantCountryCode { get; set; }

    /// <summary>Gets or sets the number that sent the SMS (E.164; an external number may be partly masked).</summary>
    public string? SourceNumber { get; set; }

    /// <summary>Gets or sets the number that received the SMS (E.164; an external number may be partly masked).</summary>
    public string? DestinationNumber { get; set; }

    /// <summary>Gets or sets when the SMS was sent.</summary>
    public DateTimeOffset? SentDateTime { get; set; }

    /// <summary>Gets or sets the charge, in Currency.</summary>
    public decimal? CallCharge { get; set; }

    /// <summary>Gets or sets the ISO 4217 currency of the charge.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the direction, such as sms_in or sms_out.</summary>
    public string? SmsType { get; set; }

    /// <summary>Gets or sets Domestic or International.</summary>
    public string? DestinationContext { get; set; }

    /// <summary>Gets or sets the country or region of the receiving number.</summary>
    public string? DestinationName { get; set; }

    /// <summary>Gets or sets the other party's country (ISO 3166-1 alpha-2): the receiver's for an outbound SMS, the sender's for an inbound one.</summary>
    public string? OtherPartyCountryCode { get; set; }

    /// <summary>Gets or sets the license used, such as MCOSMS1.</summary>
    public string? LicenseCapability { get; set; }

    /// <summary>Gets or sets how many SMS units were sent or received.</summary>
    public int? SmsUnits { get; set; }

    /// <summary>Gets or sets the ids of the administrative units the SMS is associated with (Graph's administrativeUnitInfos).</summary>
    public ValueList<string> AdministrativeUnitIds { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>The row id.</summary>
    public override string ToString() => Id ?? "";
}
