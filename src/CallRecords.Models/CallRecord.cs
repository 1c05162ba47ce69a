using System;
using CallRecords.Columns;

namespace CallRecords;

/// <summary>A Teams call or meeting record (Graph callRecord), flattened for the pipeline.</summary>
public sealed class CallRecord
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the call record id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the revision; it rises each time Microsoft revises the record.</summary>
    public long Version { get; set; }

    /// <summary>Gets or sets the call type: peerToPeer, groupCall, unknown, or a value newer than this module.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the modalities used in the call.</summary>
    public ValueList<string> Modalities { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>Gets or sets when the first participant joined.</summary>
    public DateTimeOffset? StartDateTime { get; set; }

    /// <summary>Gets or sets when the last participant left.</summary>
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>Gets the time between start and end.</summary>
    public TimeSpan? Duration => EndDateTime - StartDateTime;

    /// <summary>Gets or sets when the record was last revised.</summary>
    public DateTimeOffset? LastModifiedDateTime { get; set; }

    /// <summary>Gets or sets the meeting join URL; absent for most peer-to-peer calls.</summary>
    public string? JoinWebUrl { get; set; }

    /// <summary>Gets or sets the organizer's id (an Entra object id, or a phone number for phone participants).</summary>
    public string? OrganizerId { get; set; }

    /// <summary>Gets or sets the organizer's display name.</summary>
    public string? OrganizerDisplayName { get; set; }

    /// <summary>Gets or sets the organizer's user principal name, when Graph returns it.</summary>
    public string? OrganizerUserPrincipalName { get; set; }

    /// <summary>Gets or sets which identity kind the organizer is: user, phone, guest, application, acsUser and so on.</summary>
    public string? OrganizerIdentityType { get; set; }

    /// <summary>Gets or sets the organizer's tenant id.</summary>
    public string? OrganizerTenantId { get; set; }

    /// <summary>Gets or sets the ids of the administrative units the organizer belongs to.</summary>
    public ValueList<string> OrganizerAdministrativeUnitIds { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>Gets or sets the number of sessions; set when sessions were expanded.</summary>
    public int? SessionCount { get; set; }

    /// <summary>Gets or sets the sessions with their segments; filled by -ExpandSessions.</summary>
    [Nested]
    public ValueList<CallRecordSession>? Sessions { get; set; }

    /// <summary>The record id.</summary>
    public override string ToString() => Id;
}
