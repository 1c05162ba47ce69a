using System;

namespace CallRecords;

/// <summary>A participant of a call record (Graph participants_v2), flattened.</summary>
public sealed class CallRecordParticipant
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the id of the call record.</summary>
    public string CallRecordId { get; set; } = "";

    /// <summary>Gets or sets the participant id (an Entra object id, or a phone number for phone participants).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the user principal name, when Graph returns it.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Gets or sets which identity kind it is: user, phone, guest, application, acsUser and so on.</summary>
    public string? IdentityType { get; set; }

    /// <summary>Gets or sets the tenant of the participant's identity (a guest's home tenant, for one).</summary>
    public string? IdentityTenantId { get; set; }

    /// <summary>Gets or sets the ids of the administrative units the participant belongs to.</summary>
    public ValueList<string> AdministrativeUnitIds { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>The display name, else the id.</summary>
    public override string ToString() => DisplayName ?? Id ?? "";
}
