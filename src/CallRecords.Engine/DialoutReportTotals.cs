using System.Collections.Generic;

namespace CallRecords.Engine;

/// <summary>
/// Adds up the dial-out report rows of several windows into the rows of the whole range. Graph aggregates the report
/// by user, usage location, destination context and currency, so rows with the same four add their calls, charge and
/// seconds; the names are the latest window's.
/// </summary>
internal sealed class DialoutReportTotals
{
    private readonly Dictionary<Key, PstnOnlineMeetingDialoutReportRow> _byKey = new();
    private readonly List<PstnOnlineMeetingDialoutReportRow> _rows = new();

    /// <summary>Gets the rows, in the order their keys first appeared.</summary>
    public IReadOnlyList<PstnOnlineMeetingDialoutReportRow> Rows => _rows;

    public void Add(PstnOnlineMeetingDialoutReportRow row)
    {
        var key = new Key(row.UserId, row.UsageLocation, row.DestinationContext, row.Currency);
        if (!_byKey.TryGetValue(key, out var total))
        {
            _byKey.Add(key, row);
            _rows.Add(row);
            return;
        }

        total.UserPrincipalName = row.UserPrincipalName ?? total.UserPrincipalName;
        total.UserDisplayName = row.UserDisplayName ?? total.UserDisplayName;
        total.TotalCalls = Sum(total.TotalCalls, row.TotalCalls);
        total.TotalCallCharge = Sum(total.TotalCallCharge, row.TotalCallCharge);
        total.TotalCallSeconds = Sum(total.TotalCallSeconds, row.TotalCallSeconds);
    }

    // A total Graph left out stays out only if every window left it out.
    private static int? Sum(int? a, int? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static decimal? Sum(decimal? a, decimal? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private readonly record struct Key(string? UserId, string? UsageLocation, string? DestinationContext, string? Currency);
}
