using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;
using CallRecords.Engine.Quality;

namespace CallRecords.Commands;

/// <summary>The base of the commands that talk to Graph: the connection, errors from the Engine, and listing call records.</summary>
public abstract class CallRecordsCmdlet : AsyncCmdlet
{
    /// <summary>Gets a log that sends the engine's messages to this command's verbose, debug and warning streams.</summary>
    protected RequestLog Log => new()
    {
        Verbose = WriteVerbose,
        Debug = WriteDebug,
        Warning = WriteWarning,
    };

    /// <summary>The range <paramref name="make"/> builds, its warnings written; a start not before the end ends the command with InvalidDateRange.</summary>
    protected DateRange RangeOf(Func<DateRange> make, object? start)
    {
        DateRange range;
        try
        {
            range = make();
        }
        catch (InvalidDateRangeException e)
        {
            throw new TerminatingException(ErrorFor(e, start));
        }

        foreach (var warning in range.Warnings)
        {
            WriteWarning(warning);
        }

        return range;
    }

    /// <inheritdoc/>
    protected override ErrorRecord? ErrorRecordFor(Exception exception) =>
        ErrorMapper.IsKnown(exception) ? ErrorMapper.ToErrorRecord(exception, null) : null;

    /// <summary>The connection, or a terminating NotConnected error.</summary>
    protected static GraphConnection RequireConnection() => ConnectionState.Require();

    /// <summary>The error record for a failure from the engine, as <see cref="ErrorMapper"/> names it.</summary>
    protected static ErrorRecord ErrorFor(Exception exception, object? target, string? errorId = null) =>
        ErrorMapper.ToErrorRecord(exception, target, errorId);

    /// <summary>
    /// The call records to list for -StartDateTime and -EndDateTime (see <see cref="DateRange.ForCallRecords"/>), its
    /// warnings written; null when the whole range is older than what Graph keeps.
    /// </summary>
    protected CallRecordQuery? BuildRangeQuery(DateTime? startDateTime, DateTime? endDateTime)
    {
        var range = RangeOf(() => DateRange.ForCallRecords(startDateTime, endDateTime, CommandClock.UtcNow), startDateTime);
        return range.IsEmpty ? null : new CallRecordQuery { StartDateTime = range.Start, EndDateTime = range.End };
    }

    /// <summary>
    /// Lists the call records of <paramref name="query"/>, handing each to <paramref name="onRecord"/>, with progress
    /// every page; a failure ends the command with an error that says how many records had been handled
    /// (<paramref name="afterFailure"/> completes the sentence, such as "were written before the failure.").
    /// </summary>
    protected async Task ListCallRecordsAsync(CallRecordQuery query, string activity, Action<CallRecord> onRecord, string afterFailure, CancellationToken cancellationToken, QualityThresholds? thresholds = null)
    {
        var reader = new CallRecordReader(RequireConnection(), thresholds);
        var progress = new ProgressRecord(1, activity, $"Reading the call records that started from {query.StartDateTime:u} to {query.EndDateTime:u}");
        var count = 0;
        try
        {
            await reader.ListAsync(
                query,
                record =>
                {
                    onRecord(record);
                    if (++count % 60 == 0)
                    {
                        progress.StatusDescription = $"{count} records so far";
                        WriteProgress(progress);
                    }
                },
                Log,
                cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e)
        {
            throw new TerminatingException(ErrorFor(
                new GraphRequestException($"{e.Message} {count} records {afterFailure}", e.StatusCode, e.ErrorCode, e.Method, e.Path, e.RequestId, e.RequiredPermission, e.RetriesExhausted, e),
                query.ToFilter()));
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
