using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;
using CallRecords.Engine.Quality;

namespace CallRecords.Commands;

/// <summary>The base of the commands that work on one tenant: -Connection, or the runspace's default connection.</summary>
public abstract class ConnectedCmdlet : CallRecordsCmdlet
{
    /// <summary>Gets or sets the connection to use (from Connect-CallRecordGraph -PassThru); default: the runspace's.</summary>
    [Parameter]
    [ValidateNotNull]
    public CallRecordGraphConnection? Connection { get; set; }

    /// <summary>Gets "now" on the Graph clock of the connection the command works on.</summary>
    protected override DateTimeOffset GraphNow => Connection is { } given ? GraphConnection.Of(given).Clock.UtcNow : base.GraphNow;

    /// <summary>The connection the command works on, or a terminating NotConnected error.</summary>
    protected GraphConnection RequireConnection() => RequireConnection(Connection);

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
