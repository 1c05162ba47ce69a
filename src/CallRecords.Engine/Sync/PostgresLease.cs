using System;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A lease row in PostgreSQL (SyncLease): held until it expires, renewed at a third of its length while the pass
/// runs, and renewed again by every write transaction, which also checks it still belongs to this worker. A worker
/// that dies stops renewing, and its lease frees itself when it expires.
/// </summary>
internal sealed class PostgresLease : SyncLease
{
    private readonly PostgresSyncStore _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public PostgresLease(PostgresSyncStore store, string tenantId, SyncPass pass, string holder, GraphClock clock)
        : base(tenantId, pass, holder, clock)
    {
        _store = store;
        _renewing = RenewAsync(_stop.Token);
    }

    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _stop.Dispose();
        await _store.ReleaseLeaseAsync(this).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_store.LeaseDuration / 3, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!await _store.RenewLeaseAsync(this, cancellationToken).ConfigureAwait(false))
                    {
                        // Lost: the next write finds out in its transaction and stops the pass.
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is out of reach for now; the next renewal or write tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
