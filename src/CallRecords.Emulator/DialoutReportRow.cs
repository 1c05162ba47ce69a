using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// microsoft.graph.callRecords.pstnOnlineMeetingDialoutReport (beta), every property of the resource page
/// (learn.microsoft.com/graph/api/resources/callrecords-pstnonlinemeetingdialoutreport?view=graph-rest-beta), in the
/// example's order: one organizer's dial-out calls in one destination context over the range asked for.
/// </summary>
public sealed class DialoutReportRow : IJsonRow
{
    public required string UserId { get; init; }

    public required string UserPrincipalName { get; init; }

    public required string UserDisplayName { get; init; }

    public required string DestinationContext { get; init; }

    public int TotalCalls { get; set; }

    /// <summary>Gets or sets the calls' charges and connection fees together.</summary>
    public decimal TotalCallCharge { get; set; }

    public int TotalCallSeconds { get; set; }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("userId", UserId);
        w.WriteString("userPrincipalName", UserPrincipalName);
        w.WriteString("userDisplayName", UserDisplayName);
        w.WriteString("usageLocation", "US");
        w.WriteString("destinationContext", DestinationContext);
        w.WriteString("currency", "USD");
        w.WriteNumber("totalCalls", TotalCalls);
        w.WriteNumber("totalCallCharge", TotalCallCharge);
        w.WriteNumber("totalCallSeconds", TotalCallSeconds);
        w.WriteEndObject();
    }
}
