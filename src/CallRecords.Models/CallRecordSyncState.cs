using System;

namespace CallRecords;

/// <summary>The state of one kind of data in a Sync-CallRecord store.</summary>
public sealed class CallRecordSyncState
{
    /// <summary>Gets or sets the tenant; empty for a store no run has written yet.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the store: its file, or its PostgreSQL server and database.</summary>
    public string Path { get; set; } = "";

    /// <summary>Gets or sets the kind of data.</summary>
    public CallRecordSyncKind Kind { get; set; }

    /// <summary>Gets or sets the checkpoint: everything that started before it has been read at least once.</summary>
    public DateTimeOffset? Checkpoint { get; set; }

    /// <summary>Gets or sets how many rows of this kind the store holds.</summary>
    public long Rows { get; set; }

    /// <summary>Gets or sets when the last run that included this kind started.</summary>
    public DateTimeOffset? LastRunStartDateTime { get; set; }

    /// <summary>Gets or sets when that run ended; empty while it runs or when it was killed.</summary>
    public DateTimeOffset? LastRunEndDateTime { get; set; }

    /// <summary>Gets or sets how that run ended: Completed, Failed, Cancelled, Running or Interrupted (killed before it could say).</summary>
    public string? LastRunOutcome { get; set; }

    /// <summary>Gets or sets the worker that made that run: machine, process and run id.</summary>
    public string? LastRunWorker { get; set; }

    /// <summary>Gets or sets the error of a failed run.</summary>
    public string? LastRunMessage { get; set; }
}
