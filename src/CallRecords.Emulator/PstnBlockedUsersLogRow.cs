using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// microsoft.graph.callRecords.pstnBlockedUsersLogRow (beta), every property of the resource page
/// (learn.microsoft.com/graph/api/resources/callrecords-pstnblockeduserslogrow?view=graph-rest-beta), in the
/// example's order. The type has no id: <see cref="LogRow.Id"/> is the remediationId, unique to each blocking or
/// unblocking action as the page says, and <see cref="LogRow.Start"/> the blockDateTime. userBlockMode is written as the
/// pstnUserBlockMode member (blocked, unblocked).
/// </summary>
public sealed class PstnBlockedUsersLogRow : LogRow
{
    public required string UserId { get; init; }

    public required string UserPrincipalName { get; init; }

    public required string UserDisplayName { get; init; }

    public required string UserTelephoneNumber { get; init; }

    public required string UserBlockMode { get; init; }

    public required string BlockReason { get; init; }

    public override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("userId", UserId);
        w.WriteString("userPrincipalName", UserPrincipalName);
        w.WriteString("userDisplayName", UserDisplayName);
        w.WriteInstant("blockDateTime", Start);
        w.WriteString("userTelephoneNumber", UserTelephoneNumber);
        w.WriteString("userBlockMode", UserBlockMode);
        w.WriteString("blockReason", BlockReason);
        w.WriteString("remediationId", Id);
        w.WriteEndObject();
    }
}
