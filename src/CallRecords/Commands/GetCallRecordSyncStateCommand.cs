using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Sync;

namespace CallRecords.Commands;

/// <summary>Shows a Sync-CallRecord store: for each tenant and kind, the checkpoint, row count, and the last run with its outcome.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordSyncState", DefaultParameterSetName = SqliteSet)]
[OutputType(typeof(CallRecordSyncState))]
public sealed class GetCallRecordSyncStateCommand : CallRecordsCmdlet
{
    private const string SqliteSet = "Path";
    private const string PostgresSet = "ConnectionString";

    /// <summary>Gets or sets the SQLite store file.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = SqliteSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Gets or sets the Npgsql connection string of a PostgreSQL store.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PostgresSet)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>Gets or sets the tenants to show; default: every tenant in the store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TenantId { get; set; }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var target = ParameterSetName == SqliteSet ? Path : "PostgreSQL";
        try
        {
            await using SyncStore store = ParameterSetName == SqliteSet
                ? SqliteSyncStore.OpenForReading(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path))
                : await PostgresSyncStore.OpenForReadingAsync(ConnectionString, cancellationToken).ConfigureAwait(false);
            foreach (var state in await store.ReadStateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (TenantId is null || System.Array.Exists(TenantId, t => string.Equals(t, state.TenantId, System.StringComparison.OrdinalIgnoreCase)))
                {
                    WriteObject(state);
                }
            }
        }
        catch (FileNotFoundException e)
        {
            WriteError(new ErrorRecord(e, "SyncStoreNotFound", ErrorCategory.ObjectNotFound, Path));
        }
        catch (SyncStoreException e)
        {
            WriteError(ErrorFor(e, target));
        }
    }
}
