using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>
/// The base of the call log commands (PSTN, Direct Routing, and beta's SMS, blocked users and dial-out report): a
/// start-time range [StartDateTime, EndDateTime) of any length, read in windows the API accepts, rows written in date
/// order as pages arrive, progress per page.
/// </summary>
public abstract class CallLogCmdlet : ConnectedCmdlet
{
    /// <summary>Gets or sets the earliest call start to include.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("From")]
    public DateTime StartDateTime { get; set; }

    /// <summary>Gets or sets the call start to stop before (default: now).</summary>
    [Parameter(Position = 1)]
    [Alias("To")]
    public DateTime? EndDateTime { get; set; }

    /// <summary>Gets the activity name for progress.</summary>
    protected abstract string Activity { get; }

    /// <summary>Reads the rows of the range, writing each.</summary>
    protected abstract Task ReadAsync(CallLogReader reader, DateTimeOffset start, DateTimeOffset until, Action<CallLogProgress> onProgress, CancellationToken cancellationToken);

    /// <inheritdoc/>
    protected sealed override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var range = RangeOf(() => DateRange.ForCallLogs(StartDateTime, EndDateTime, GraphNow), StartDateTime);
        var (start, end) = (range.Start, range.End);
        var reader = new CallLogReader(RequireConnection());
        var progress = new ProgressRecord(2, Activity, $"{start:u} to {end:u}");
        try
        {
            await ReadAsync(
                reader,
                start,
                end,
                p =>
                {
                    progress.StatusDescription = $"{p.Window}: page {p.Page}, {p.Rows} rows so far";
                    progress.PercentComplete = (int)Math.Min(99, 100 * p.Completed);
                    WriteProgress(progress);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e)
        {
            throw new TerminatingException(ErrorFor(e, range.ToString(), e.StatusCode is 400 or 406 ? "CallLogRangeRejected" : null));
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
