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
/// Brings a store of call records, media streams and call logs up to date for one or more tenants, for scheduled
/// runs: a SQLite file (-Path) for one admin, or a PostgreSQL database (-ConnectionString) that a fleet of workers
/// shares. Each kind continues from its checkpoint less an overlap sized to how late Graph's data can be, upserted by
/// key. The beta logs (SmsLog, PstnBlockedUser) are read only when -Kind names them.
/// </summary>
[Cmdlet(VerbsData.Sync, "CallRecord", DefaultParameterSetName = SqliteSet)]
[OutputType(typeof(CallRecordSyncSummary))]
[OutputType(typeof(CallRecord), typeof(CallRecordMediaStream), typeof(PstnCallLogRow), typeof(DirectRoutingCallLogRow), typeof(SmsLogRow), typeof(PstnBlockedUserLogRow))]
public sealed class SyncCallRecordCommand : CallRecordsCmdlet
{
    private const string SqliteSet = "Path";
    private const string PostgresSet = "ConnectionString";
    private static readonly string[] s_summaryTags = { "CallRecordSyncSummary" };
    private string _path = "";

    /// <summary>Gets or sets the SQLite store file; created on the first run.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SqliteSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Gets or sets the Npgsql connection string of the PostgreSQL store.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PostgresSet)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>Gets or sets the tenants' connections (from Connect-CallRecordGraph -PassThru); default: the runspace's.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public CallRecordGraphConnection[]? Connection { get; set; }

    /// <summary>Gets or sets how many tenants to sync at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = CallRecordSync.DefaultThrottleLimit;

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

    /// <summary>Gets or sets how long to wait for another run on the same SQLite store to finish.</summary>
    [Parameter(ParameterSetName = SqliteSet)]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a worker's lease on a tenant's pass lasts without renewal.</summary>
    [Parameter(ParameterSetName = PostgresSet)]
    public TimeSpan LeaseDuration { get; set; } = PostgresSyncStore.DefaultLeaseDuration;

    private List<GraphConnection> Connections { get; } = new();

    /// <inheritdoc/>
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == SqliteSet)
        {
            _path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Connections piped in one by one are gathered, so they are synced side by side in one run.
        foreach (var connection in Connection ?? new CallRecordGraphConnection?[] { null })
        {
            Connections.Add(RequireConnection(connection));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (LeaseDuration < PostgresSyncStore.MinimumLeaseDuration)
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException($"-LeaseDuration must be at least {PostgresSyncStore.MinimumLeaseDuration.TotalSeconds} seconds: a lease is renewed at a third of its length."), "InvalidArgument", ErrorCategory.InvalidArgument, LeaseDuration));
        }

        var request = new SyncRequest
        {
            Kinds = Kind.Distinct().ToArray(),
            Since = Since is { } since ? DateRange.ToUtc(since) : null,
        };
        if (Connections.Any(c => request.Since > c.Clock.UtcNow))
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException($"-Since {request.Since:u} is in the future."), "InvalidDateRange", ErrorCategory.InvalidArgument, Since));
        }

        if (CallRecordSync.RepeatedTenant(Connections) is { } twice)
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException($"-Connection names tenant {twice} more than once; give each tenant one connection."), "DuplicateTenant", ErrorCategory.InvalidArgument, twice));
        }

        var target = ParameterSetName == SqliteSet ? (object)_path : "PostgreSQL";
        await using var store = await OpenAsync(target, cancellationToken).ConfigureAwait(false);
        var progress = new Dictionary<string, ProgressRecord>();
        var single = Connections.Count == 1;
        var sync = new CallRecordSync(store, request)
        {
            Progress = p => WriteProgress(ProgressFor(progress, p)),
            Changed = PassThru ? WriteObject : null,
            Completed = summary =>
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
            },

            // One tenant's failure is the command's; with several, the others go on.
            TenantFailed = single ? null : (tenant, e) => WriteError(ErrorFor(e, tenant)),
        };
        WriteVerbose($"Syncing {Connections.Count} tenant(s) into {store.Description} as worker {sync.Worker}.");
        try
        {
            await sync.RunAsync(Connections, ThrottleLimit, Log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ErrorMapper.IsKnown(e))
        {
            throw new TerminatingException(ErrorFor(e, Connections[0].TenantId));
        }
        finally
        {
            foreach (var record in progress.Values)
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }
    }

    private async Task<SyncStore> OpenAsync(object target, CancellationToken cancellationToken)
    {
        try
        {
            return ParameterSetName == SqliteSet
                ? await SqliteSyncStore.OpenForRunAsync(_path, Connections.Select(c => c.TenantId).ToList(), LockTimeout, cancellationToken).ConfigureAwait(false)
                : await PostgresSyncStore.OpenForRunAsync(ConnectionString, LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncStoreBusyException e)
        {
            throw new TerminatingException(ErrorFor(e, target));
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or SyncStoreException)
        {
            throw new TerminatingException(new ErrorRecord(e, "SyncStoreUnavailable", ErrorCategory.OpenError, target));
        }
    }

    // Tenants report from their own tasks: each gets its own progress bar, and a copy goes to the pipeline thread.
    private static ProgressRecord ProgressFor(Dictionary<string, ProgressRecord> records, SyncProgress progress)
    {
        lock (records)
        {
            if (!records.TryGetValue(progress.TenantId, out var record))
            {
                record = new ProgressRecord(3 + records.Count, "Sync-CallRecord", $"Tenant {progress.TenantId}");
                records.Add(progress.TenantId, record);
            }

            return new ProgressRecord(record.ActivityId, record.Activity, $"{progress.Pass}: committed up to {progress.DoneUpTo:u} (reading {progress.Start:u} to {progress.End:u})")
            {
                PercentComplete = Math.Min(100, progress.PercentComplete),
            };
        }
    }
}
