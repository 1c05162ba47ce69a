using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// microsoft.graph.callRecords.smsLogRow (beta), every property of the resource page
/// (learn.microsoft.com/graph/api/resources/callrecords-smslogrow?view=graph-rest-beta), in the example's order with
/// the id first. <see cref="LogRow.Start"/> is the sentDateTime.
/// </summary>
public sealed class SmsLogRow : LogRow
{
    public required string SmsId { get; init; }

    public required string UserId { get; init; }

    public required string UserPrincipalName { get; init; }

    public required string UserDisplayName { get; init; }

    public required string SourceNumber { get; init; }

    public required string DestinationNumber { get; init; }

    public required decimal CallCharge { get; init; }

    public required string SmsType { get; init; }

    public required string DestinationContext { get; init; }

    public required string DestinationName { get; init; }

    public required string OtherPartyCountryCode { get; init; }

    public required int SmsUnits { get; init; }

    public required IReadOnlyList<string> AdministrativeUnitIds { get; init; }

    public override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("smsId", SmsId);
        w.WriteString("userId", UserId);
        w.WriteString("userPrincipalName", UserPrincipalName);
        w.WriteString("userDisplayName", UserDisplayName);
        w.WriteString("userCountryCode", "US");
        w.WriteString("tenantCountryCode", "US");
        w.WriteString("sourceNumber", SourceNumber);
        w.WriteString("destinationNumber", DestinationNumber);
        w.WriteInstant("sentDateTime", Start);
        w.WriteNumber("callCharge", CallCharge);
        w.WriteString("currency", "USD");
        w.WriteString("smsType", SmsType);
        w.WriteString("destinationContext", DestinationContext);
        w.WriteString("destinationName", DestinationName);
        w.WriteString("otherPartyCountryCode", OtherPartyCountryCode);
        w.WriteString("licenseCapability", "MCOSMS1");
        w.WriteNumber("smsUnits", SmsUnits);
        w.WriteStartArray("administrativeUnitInfos");
        foreach (var unit in AdministrativeUnitIds)
        {
            w.WriteStartObject();
            w.WriteString("id", unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
