using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Brings a <see cref="SyncStore"/> up to date from Graph for one or more tenants: up to a throttle limit of tenants
/// side by side, each under its own connection's budgets, each tenant's passes (call records, then each call log) in
/// turn. A pass runs only under its lease: when another worker on the same database holds it, the pass is left for
/// later, and once everything else is done this worker waits for it: the pass is finished when its holder completes
/// it, and taken over when the holder's lease runs out (the holder died).
/// </summary>
public sealed class CallRecordSync
{
    /// <summary>How many tenants a run syncs at once unless told otherwise.</summary>
    public const int DefaultThrottleLimit = 4;

    private readonly SyncStore _store;
    private readonly SyncRequest _request;

    /// <summary>Creates a sync of a store.</summary>
    public CallRecordSync(SyncStore store, SyncRequest request)
    {
        _store = store;
        _request = request;
        Worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>Gets the name this run holds leases and records runs under: machine, process and a run id.</summary>
    public string Worker { get; }

    /// <summary>Gets or sets what is told each time a slice is committed with its checkpoint.</summary>
    public Action<SyncProgress>? Progress { get; set; }

    /// <summary>Gets or sets the receiver of every new or changed row once its transaction has committed.</summary>
    public Action<object>? Changed { get; set; }

    /// <summary>Gets or sets the receiver of each kind's summary as its pass completes.</summary>
    public Action<CallRecordSyncSummary>? Completed { get; set; }

    /// <summary>
    /// Gets or sets the receiver of a tenant's failure (its remaining passes are skipped, the other tenants go on);
    /// when null, the first failure ends the run.
    /// </summary>
    public Action<string, Exception>? TenantFailed { get; set; }

    /// <summary>How often a pass another worker holds is looked at again unless told otherwise.</summary>
    public static readonly TimeSpan DefaultHeldPassPoll = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often to look again at a pass another worker holds.</summary>
    public TimeSpan HeldPassPoll { get; set; } = DefaultHeldPassPoll;

    /// <summary>The first tenant two of the connections are for, if any: a run takes each tenant once.</summary>
    public static string? RepeatedTenant(IEnumerable<GraphConnection> connections) =>
        connections.GroupBy(c => c.TenantId, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)?.Key;

    /// <summary>Runs the request for every connection's tenant; returns the summaries of the passes this worker ran.</summary>
    public async Task<IReadOnlyList<CallRecordSyncSummary>> RunAsync(IReadOnlyList<GraphConnection> connections, int throttleLimit, RequestLog log, CancellationToken cancellationToken)
    {
        if (RepeatedTenant(connections) is { } repeated)
        {
            throw new ArgumentException($"Two connections are for tenant {repeated}: give each tenant once.", nameof(connections));
        }

        var passes = SyncPass.All.Where(p => p.Serves.Any(_request.Kinds.Contains)).ToList();
        var summaries = new ConcurrentQueue<CallRecordSyncSummary>();
        var held = new ConcurrentQueue<HeldPass>();
        var failed = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, throttleLimit), CancellationToken = cancellationToken };

        // Workers started together share the work: a pass another worker has completed since this run began (in a
        // run begun later, or in the run that was running then) is not run again.
        var mark = await _store.MarkRunsAsync(cancellationToken).ConfigureAwait(false);

        await Parallel.ForEachAsync(connections, options, async (connection, token) =>
        {
            await GuardAsync(connection, failed, async () =>
            {
                foreach (var pass in passes)
                {
                    if (!await TryRunAsync(connection, pass, mark, summaries, log, token).ConfigureAwait(false))
                    {
                        log.WriteVerbose($"Another worker holds {pass.Name} of tenant {connection.TenantId}; this run comes back to it.");
                        held.Enqueue(new HeldPass(connection, pass));
                    }
                }
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var waiting = held.ToList();
        while (true)
        {
            waiting.RemoveAll(h => failed.ContainsKey(h.Connection.TenantId));
            if (waiting.Count == 0)
            {
                break;
            }

            await Task.Delay(HeldPassPoll, cancellationToken).ConfigureAwait(false);
            var stillHeld = new ConcurrentQueue<HeldPass>();
            await Parallel.ForEachAsync(waiting, options, async (item, token) =>
            {
                await GuardAsync(item.Connection, failed, async () =>
                {
                    if (await _store.CompletedSinceAsync(item.Connection.TenantId, item.Pass, mark, token).ConfigureAwait(false))
                    {
                        log.WriteVerbose($"Another worker completed {item.Pass.Name} of tenant {item.Connection.TenantId}.");
                    }
                    else if (!await TryRunAsync(item.Connection, item.Pass, mark, summaries, log, token).ConfigureAwait(false))
                    {
                        stillHeld.Enqueue(item);
                    }
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
            waiting = stillHeld.ToList();
        }

        return summaries.ToList();
    }

    private async Task GuardAsync(GraphConnection connection, ConcurrentDictionary<string, bool> failed, Func<Task> work)
    {
        if (failed.ContainsKey(connection.TenantId))
        {
            return;
        }

        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = _store.Explain(e);
            if (TenantFailed is null)
            {
                if (failure == e)
                {
                    throw;
                }

                throw failure;
            }

            failed[connection.TenantId] = true;
            TenantFailed(connection.TenantId, failure);
        }
    }

    /// <summary>
    /// Runs a pass when its lease can be had, unless it was completed since <paramref name="mark"/>; false when
    /// another live worker holds it.
    /// </summary>
    private async Task<bool> TryRunAsync(GraphConnection connection, SyncPass pass, SyncRunMark mark, ConcurrentQueue<CallRecordSyncSummary> summaries, RequestLog log, CancellationToken cancellationToken)
    {
        var lease = await _store.TryTakeLeaseAsync(connection.TenantId, pass, Worker, connection.Clock, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        await using (lease.ConfigureAwait(false))
        {
            if (await _store.CompletedSinceAsync(connection.TenantId, pass, mark, cancellationToken).ConfigureAwait(false))
            {
                log.WriteVerbose($"Another worker completed {pass.Name} of tenant {connection.TenantId} since this run began.");
                return true;
            }

            var runId = await _store.StartRunAsync(lease, connection.Clock.UtcNow, cancellationToken).ConfigureAwait(false);
            try
            {
                var done = await new PassSync(_store, connection, _request, Changed, Progress, log).RunAsync(lease, cancellationToken).ConfigureAwait(false);
                await _store.EndRunAsync(runId, "Completed", null, connection.Clock.UtcNow).ConfigureAwait(false);
                foreach (var summary in done)
                {
                    summaries.Enqueue(summary);
                    Completed?.Invoke(summary);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await _store.EndRunAsync(runId, "Cancelled", null, connection.Clock.UtcNow).ConfigureAwait(false);
                throw;
            }
            catch (SyncLeaseLostException e)
            {
                // This worker stalled past its lease and another took the pass over: that worker completes it from the
                // last checkpoint, so this one goes on with its other work.
                await _store.EndRunAsync(runId, "Interrupted", e.Message, connection.Clock.UtcNow).ConfigureAwait(false);
                log.WriteWarning(e.Message);
            }
            catch (Exception e)
            {
                await _store.EndRunAsync(runId, "Failed", e.Message, connection.Clock.UtcNow).ConfigureAwait(false);
                throw;
            }
        }

        return true;
    }
}
