using System.IO;
using System.Management.Automation;
using CallRecords.Engine.Sync;

namespace CallRecords.Commands;

/// <summary>Shows a Sync-CallRecord store: each kind's checkpoint, row count, and its last run with the outcome.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordSyncState")]
[OutputType(typeof(CallRecordSyncState))]
public sealed class GetCallRecordSyncStateCommand : PSCmdlet
{
    /// <summary>Gets or sets the store file.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            using var store = SyncStore.OpenForReading(path);
            foreach (var state in store.ReadState())
            {
                WriteObject(state);
            }
        }
        catch (FileNotFoundException e)
        {
            WriteError(new ErrorRecord(e, "SyncStoreNotFound", ErrorCategory.ObjectNotFound, Path));
        }
        catch (SyncStoreException e)
        {
            WriteError(new ErrorRecord(e, "SyncStoreUnavailable", ErrorCategory.OpenError, Path));
        }
    }
}
