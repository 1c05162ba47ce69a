using System.Collections.Generic;

namespace CallRecords.Engine.Sync;

/// <summary>
/// What a store's SyncRun held when a run began: the newest run's id, and the run of each tenant's pass that was
/// running. Run ids only grow, so workers whose clocks disagree still agree on which runs came after.
/// </summary>
internal sealed class SyncRunMark
{
    private readonly IReadOnlyDictionary<(string TenantId, string Kinds), long> _running;

    public SyncRunMark(long lastRunId, IReadOnlyDictionary<(string TenantId, string Kinds), long> running)
    {
        LastRunId = lastRunId;
        _running = running;
    }

    /// <summary>Gets the id of the newest run (0 when none).</summary>
    public long LastRunId { get; }

    /// <summary>The run of the tenant's pass that was running, if any.</summary>
    public long? RunningOf(string tenantId, SyncPass pass) => _running.TryGetValue((tenantId, pass.Kinds), out var id) ? id : null;
}
