using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Quality;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Runs one pass of one tenant under its lease: from the checkpoint less the overlap (or -Since) to now, in slices;
/// rows upserted by key, call records only when Graph has a higher version than the store, and each slice's end
/// written as the checkpoint in the transaction of its last rows. A pass stopped anywhere leaves whole records and a
/// checkpoint that only covers what was committed, so the next pass completes the work.
/// </summary>
internal sealed class PassSync
{
    private const int LogRowsPerTransaction = 1000;
    private readonly SyncStore _store;
    private readonly SyncRequest _request;
    private readonly HashSet<CallRecordSyncKind> _kinds;
    private readonly CallRecordReader _records;
    private readonly CallLogReader _logs;
    private readonly Action<object>? _changed;
    private readonly Action<SyncProgress>? _progress;
    private readonly RequestLog _log;
    private readonly DateTimeOffset _now;
    private readonly Stopwatch _inStore = new();

    public PassSync(SyncStore store, GraphConnection connection, SyncRequest request, Action<object>? changed, Action<SyncProgress>? progress, RequestLog log)
    {
        _store = store;
        _request = request;
        _kinds = new HashSet<CallRecordSyncKind>(request.Kinds);
        _records = new CallRecordReader(connection);
        _logs = new CallLogReader(connection);
        _changed = changed;
        _progress = progress;
        _log = log;
        _now = request.Now ?? connection.Clock.UtcNow;
    }

    /// <summary>The summaries of the kinds the request asked for that the lease's pass serves.</summary>
    public Task<IReadOnlyList<CallRecordSyncSummary>> RunAsync(SyncLease lease, CancellationToken cancellationToken) =>
        lease.Pass.Log is null ? SyncCallRecordsAsync(lease, cancellationToken) : SyncLogAsync(lease, cancellationToken);

    /// <summary>
    /// Where a pass starts: the checkpoint less the overlap; on the first run, -Since (default 30 days back). A
    /// scheduled script passes the same -Since every time, so it must not send later runs back to it.
    /// </summary>
    internal static DateTimeOffset StartOf(SyncPass pass, DateTimeOffset? checkpoint, DateTimeOffset? since, DateTimeOffset now) =>
        checkpoint is { } done ? done - pass.Overlap : since ?? now - SyncPass.FirstRunLookback;

    private async Task<IReadOnlyList<CallRecordSyncSummary>> SyncCallRecordsAsync(SyncLease lease, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var pass = lease.Pass;
        var now = _now;
        var start = StartOf(pass, await _store.GetCheckpointAsync(lease.TenantId, pass.Name, cancellationToken).ConfigureAwait(false), _request.Since, now);
        var oldest = now - SyncPass.FirstRunLookback;
        if (start < oldest)
        {
            // Graph keeps call records for 30 days; asking for more would only be refused.
            start = oldest;
        }

        var records = Summary(lease, CallRecordSyncKind.CallRecord, start, now);
        var streams = Summary(lease, CallRecordSyncKind.MediaStream, start, now);
        for (var sliceStart = start; sliceStart < now; sliceStart += pass.Slice)
        {
            var sliceEnd = now - sliceStart > pass.Slice ? sliceStart + pass.Slice : now;
            var listed = new List<CallRecord>();
            await _records.ListAsync(new CallRecordQuery { StartDateTime = sliceStart, EndDateTime = sliceEnd }, listed.Add, _log, cancellationToken).ConfigureAwait(false);

            // The list carries each record's version: only records the store lacks, or has at a lower version,
            // are fetched with their sessions. A rerun with nothing new lists and fetches nothing else.
            var stored = await InStoreAsync(() => _store.GetStoredCallRecordsAsync(lease.TenantId, listed.Select(r => r.Id).ToList(), cancellationToken)).ConfigureAwait(false);
            var toFetch = new List<string>();
            foreach (var record in listed)
            {
                if (stored.TryGetValue(record.Id, out var have) && have.Version >= record.Version)
                {
                    records.Unchanged++;
                    streams.Unchanged += have.MediaStreams;
                }
                else
                {
                    toFetch.Add(record.Id);
                }
            }

            _log.WriteVerbose($"Call records of tenant {lease.TenantId} {sliceStart:u} to {sliceEnd:u}: {listed.Count} listed, {toFetch.Count} new or revised.");
            var chunk = Math.Max(1, _records.MaxConcurrency);
            await using (var writer = new WriteBehind(_inStore))
            {
                for (var offset = 0; offset < toFetch.Count || offset == 0; offset += chunk)
                {
                    var ids = toFetch.Skip(offset).Take(chunk).ToList();
                    var fetched = await Task.WhenAll(ids.Select(id => _records.GetAsync(id, expandSessions: true, _log, cancellationToken))).ConfigureAwait(false);

                    // Null: the record aged past 30 days between the list and the get.
                    var present = fetched.OfType<CallRecord>().ToList();
                    var commitsSlice = offset + chunk >= toFetch.Count;

                    // The chunk is written while the next one is fetched; chunks commit in order, each after the one before.
                    await writer.NextAsync(async () =>
                    {
                        var writing = Stopwatch.StartNew();
                        var changes = await _store.WriteCallRecordsAsync(lease, present, commitsSlice ? sliceEnd : null, cancellationToken).ConfigureAwait(false);
                        _log.WriteVerbose($"{_store.Description}: {present.Count} call records of tenant {lease.TenantId} with {present.Sum(r => r.Sessions?.Sum(s => s.Segments.Sum(g => g.MediaStreams.Count)) ?? 0)} media streams written in {writing.ElapsedMilliseconds} ms.");
                        for (var i = 0; i < present.Count; i++)
                        {
                            Count(records, changes[i], 1);
                            Count(streams, changes[i], present[i].Sessions?.Sum(s => s.Segments.Sum(g => g.MediaStreams.Count)) ?? 0);
                            if (changes[i] != RowChange.Unchanged)
                            {
                                Emit(present[i]);
                            }
                        }
                    }).ConfigureAwait(false);
                }

                await writer.DrainAsync().ConfigureAwait(false);
            }

            _progress?.Invoke(new SyncProgress(lease.TenantId, pass.Name, start, now, sliceEnd));
        }

        var checkpoint = await _store.GetCheckpointAsync(lease.TenantId, pass.Name, cancellationToken).ConfigureAwait(false);
        return new[] { records, streams }.Where(s => _kinds.Contains(s.Kind)).Select(s => Finish(s, checkpoint, watch, _inStore.Elapsed)).ToList();
    }

    private async Task<IReadOnlyList<CallRecordSyncSummary>> SyncLogAsync(SyncLease lease, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var pass = lease.Pass;
        var kind = pass.Serves[0];
        var table = SyncPass.TableOf(kind);
        var now = _now;
        var start = StartOf(pass, await _store.GetCheckpointAsync(lease.TenantId, pass.Name, cancellationToken).ConfigureAwait(false), _request.Since, now);
        var summary = Summary(lease, kind, start, now);
        var pending = new List<object>(LogRowsPerTransaction);
        await using var writer = new WriteBehind(_inStore);

        // Rows are written while the next pages are read; batches commit in order, each after the one before.
        async ValueTask FlushAsync(DateTimeOffset? checkpoint)
        {
            var rows = pending;
            pending = new List<object>(LogRowsPerTransaction);
            await writer.NextAsync(async () =>
            {
                var writing = Stopwatch.StartNew();
                var changes = await _store.WriteRowsAsync(lease, table, rows, checkpoint, cancellationToken).ConfigureAwait(false);
                _log.WriteVerbose($"{_store.Description}: {rows.Count} {table.Name} rows of tenant {lease.TenantId} written in {writing.ElapsedMilliseconds} ms.");
                for (var i = 0; i < rows.Count; i++)
                {
                    Count(summary, changes[i], 1);
                    if (changes[i] != RowChange.Unchanged)
                    {
                        _changed?.Invoke(rows[i]);
                    }
                }
            }).ConfigureAwait(false);
        }

        async ValueTask AddAsync(IReadOnlyList<object> page)
        {
            foreach (var row in page)
            {
                // A row the store could never match again stops the pass before anything of its chunk is written.
                table.RequireKey(row);
                pending.Add(row);
                if (pending.Count >= LogRowsPerTransaction)
                {
                    await FlushAsync(null).ConfigureAwait(false);
                }
            }
        }

        for (var sliceStart = start; sliceStart < now; sliceStart += pass.Slice)
        {
            var sliceEnd = now - sliceStart > pass.Slice ? sliceStart + pass.Slice : now;
            await _logs.ReadPagesAsync(pass.Log!, sliceStart, sliceEnd, AddAsync, _log, cancellationToken).ConfigureAwait(false);
            await FlushAsync(sliceEnd).ConfigureAwait(false);
            await writer.DrainAsync().ConfigureAwait(false);
            _progress?.Invoke(new SyncProgress(lease.TenantId, pass.Name, start, now, sliceEnd));
        }

        var checkpoint = await _store.GetCheckpointAsync(lease.TenantId, pass.Name, cancellationToken).ConfigureAwait(false);
        return new[] { Finish(summary, checkpoint, watch, _inStore.Elapsed) };
    }

    private static CallRecordSyncSummary Summary(SyncLease lease, CallRecordSyncKind kind, DateTimeOffset start, DateTimeOffset end) =>
        new() { TenantId = lease.TenantId, Kind = kind, StartDateTime = start, EndDateTime = end };

    private static CallRecordSyncSummary Finish(CallRecordSyncSummary summary, DateTimeOffset? checkpoint, Stopwatch watch, TimeSpan inStore)
    {
        summary.Checkpoint = checkpoint;
        summary.Duration = watch.Elapsed;
        summary.StoreDuration = inStore;
        return summary;
    }

    /// <summary>Times the pass's reads of stored rows, during which it waits for the database.</summary>
    private async Task<T> InStoreAsync<T>(Func<Task<T>> work)
    {
        _inStore.Start();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _inStore.Stop();
        }
    }

    private static void Count(CallRecordSyncSummary summary, RowChange change, long rows)
    {
        switch (change)
        {
            case RowChange.Added:
                summary.Added += rows;
                break;
            case RowChange.Updated:
                summary.Updated += rows;
                break;
            default:
                summary.Unchanged += rows;
                break;
        }
    }

    private void Emit(CallRecord record)
    {
        if (_changed is null)
        {
            return;
        }

        if (_kinds.Contains(CallRecordSyncKind.CallRecord))
        {
            _changed(record);
        }

        if (_kinds.Contains(CallRecordSyncKind.MediaStream))
        {
            foreach (var stream in CallRecordReader.MediaStreamsOf(record.Sessions ?? (IEnumerable<CallRecordSession>)Array.Empty<CallRecordSession>(), QualityThresholds.Current))
            {
                _changed(stream);
            }
        }
    }
}
