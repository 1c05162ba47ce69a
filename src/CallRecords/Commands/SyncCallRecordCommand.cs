using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;
using CallRecords.Engine.Sync;

namespace CallRecords.Commands;

/// <summary>
/// Brings a local SQLite store of call records, media streams and call logs up to date, for scheduled runs:
/// from each kind's checkpoint less an overlap sized to how late Graph's data can be, upserted by id. The beta logs
/// (SmsLog, PstnBlockedUser) are read only when -Kind names them.
/// </summary>
[Cmdlet(VerbsData.Sync, "CallRecord")]
[OutputType(typeof(CallRecordSyncSummary))]
[OutputType(typeof(CallRecord), typeof(CallRecordMediaStream), typeof(PstnCallLogRow), typeof(DirectRoutingCallLogRow), typeof(SmsLogRow), typeof(PstnBlockedUserLogRow))]
public sealed class SyncCallRecordCommand : CallRecordsCmdlet
{
    private static readonly string[] s_summaryTags = { "CallRecordSyncSummary" };
    private string _path = "";

    /// <summary>Gets or sets the store file; created on the first run.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Gets or sets the kinds to bring up to date (default: every kind but the beta logs).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public CallRecordSyncKind[] Kind { get; set; } = SyncRequest.DefaultKinds.ToArray();

    /// <summary>Gets or sets where the first run starts; later runs continue from their checkpoints.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Gets or sets whether to write the new and changed rows instead of the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Gets or sets how long to wait for another run on the same store to finish.</summary>
    [Parameter]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc/>
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        _path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var progress = new ProgressRecord(3, "Sync-CallRecord", _path);
        var connection = RequireConnection(null);
        var sync = new CallRecordSync(connection)
        {
            Progress = p =>
            {
                progress.StatusDescription = $"{p.Pass}: committed up to {p.DoneUpTo:u} (reading {p.Start:u} to {p.End:u})";
                progress.PercentComplete = Math.Min(100, p.PercentComplete);
                WriteProgress(progress);
            },
        };
        var request = new SyncRequest
        {
            Kinds = Kind.Distinct().ToArray(),
            Since = Since is { } since ? DateRange.ToUtc(since) : null,
            Now = connection.Clock.UtcNow,
        };
        if (request.Since > request.Now)
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException($"-Since {request.Since:u} is in the future."), "InvalidDateRange", ErrorCategory.InvalidArgument, Since));
        }

        SyncStore store;
        try
        {
            store = await SyncStore.OpenForRunAsync(_path, LockTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncStoreBusyException e)
        {
            throw new TerminatingException(new ErrorRecord(e, "SyncStoreBusy", ErrorCategory.ResourceBusy, _path));
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or SyncStoreException)
        {
            throw new TerminatingException(new ErrorRecord(e, "SyncStoreUnavailable", ErrorCategory.OpenError, _path));
        }

        using (store)
        {
            IReadOnlyList<CallRecordSyncSummary> summaries;
            try
            {
                summaries = await sync.RunAsync(store, request, PassThru ? WriteObject : null, Log, cancellationToken).ConfigureAwait(false);
            }
            catch (SyncRowWithoutKeyException e)
            {
                throw new TerminatingException(new ErrorRecord(e, "SyncRowWithoutKey", ErrorCategory.InvalidData, e.Table));
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            foreach (var summary in summaries)
            {
                if (PassThru)
                {
                    // The rows are the output, so `-PassThru | Export-Csv` holds only rows; the summary stays in reach.
                    WriteInformation(summary, s_summaryTags);
                }
                else
                {
                    WriteObject(summary);
                }
            }
        }
    }
}
