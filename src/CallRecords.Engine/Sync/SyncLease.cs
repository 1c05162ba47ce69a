using System;
using System.Threading.Tasks;

namespace CallRecords.Engine.Sync;

/// <summary>
/// The right to run one pass of one tenant: while a worker holds it, no other worker runs that pass of that tenant.
/// The SQLite store is held whole by one run, so its leases only name the work; the PostgreSQL store's leases are
/// rows with an expiry (<see cref="PostgresLease"/>). Disposing gives the lease back.
/// </summary>
internal class SyncLease : IAsyncDisposable
{
    public SyncLease(string tenantId, SyncPass pass, string holder, GraphClock clock)
    {
        TenantId = tenantId;
        Pass = pass;
        Holder = holder;
        Clock = clock;
    }

    public string TenantId { get; }

    public SyncPass Pass { get; }

    /// <summary>Gets the worker that holds it: machine, process and run.</summary>
    public string Holder { get; }

    /// <summary>Gets the tenant's Graph clock, which dates the pass's runs and checkpoints.</summary>
    public GraphClock Clock { get; }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return default;
    }
}
