using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Quality;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Brings a <see cref="SyncStore"/> up to date from Graph: per pass, from the checkpoint less the overlap (or
/// -Since) to now, in slices; rows upserted by id, call records only when Graph has a higher version than the
/// store, and each slice's end written as the checkpoint in the transaction of its last rows. A run stopped
/// anywhere leaves whole records and a checkpoint that only covers what was committed, so the next run
/// completes the work.
/// </summary>
public sealed class CallRecordSync
{
    private const int LogRowsPerTransaction = 1000;
    private readonly CallRecordReader _records;
    private readonly CallLogReader _logs;
    private readonly GraphClock _clock;

    /// <summary>Creates a sync on a connection; its times (the end of each pass, when runs and checkpoints were written) are Graph's.</summary>
    public CallRecordSync(GraphConnection connection)
    {
        _records = new CallRecordReader(connection);
        _logs = new CallLogReader(connection);
        _clock = connection.Clock;
    }

    /// <summary>Gets or sets what is told each time a slice is committed with its checkpoint.</summary>
    public Action<SyncProgress>? Progress { get; set; }

    /// <summary>
    /// Runs the request on the store. <paramref name="onChanged"/> receives every new or changed row once its
    /// transaction has committed: call records (with sessions), media streams, PSTN, Direct Routing, SMS and blocked
    /// users rows, as the kinds ask.
    /// </summary>
    public async Task<IReadOnlyList<CallRecordSyncSummary>> RunAsync(SyncStore store, SyncRequest request, Action<object>? onChanged, RequestLog log, CancellationToken cancellationToken)
    {
        var kinds = new HashSet<CallRecordSyncKind>(request.Kinds);
        var now = request.Now ?? _clock.UtcNow;
        var runId = store.StartRun(string.Join(",", kinds.OrderBy(k => k)), _clock.UtcNow);
        var summaries = new List<CallRecordSyncSummary>();
        try
        {
            if (kinds.Contains(CallRecordSyncKind.CallRecord) || kinds.Contains(CallRecordSyncKind.MediaStream))
            {
                summaries.AddRange(await SyncCallRecordsAsync(store, request, now, kinds, onChanged, log, cancellationToken).ConfigureAwait(false));
            }

            foreach (var kind in new[] { CallRecordSyncKind.PstnCall, CallRecordSyncKind.DirectRoutingCall, CallRecordSyncKind.SmsLog, CallRecordSyncKind.PstnBlockedUser })
            {
                if (kinds.Contains(kind))
                {
                    summaries.Add(await SyncLogAsync(store, request, now, kind, onChanged, log, cancellationToken).ConfigureAwait(false));
                }
            }

            store.EndRun(runId, "Completed", null, _clock.UtcNow);
            return summaries;
        }
        catch (OperationCanceledException)
        {
            store.EndRun(runId, "Cancelled", null, _clock.UtcNow);
            throw;
        }
        catch (Exception e)
        {
            store.EndRun(runId, "Failed", e.Message, _clock.UtcNow);
            throw;
        }
    }

    /// <summary>
    /// Where a pass starts: the checkpoint less the overlap; on the first run, -Since (default 30 days back). A
    /// scheduled script passes the same -Since every time, so it must not send later runs back to it.
    /// </summary>
    internal static DateTimeOffset StartOf(SyncPass pass, DateTimeOffset? checkpoint, DateTimeOffset? since, DateTimeOffset now) =>
        checkpoint is { } done ? done - pass.Overlap : since ?? now - SyncPass.FirstRunLookback;

    private async Task<IReadOnlyList<CallRecordSyncSummary>> SyncCallRecordsAsync(SyncStore store, SyncRequest request, DateTimeOffset now, HashSet<CallRecordSyncKind> kinds, Action<object>? onChanged, RequestLog log, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var pass = SyncPass.CallRecords;
        var start = StartOf(pass, store.GetCheckpoint(pass.Name), request.Since, now);
        var oldest = now - SyncPass.FirstRunLookback;
        if (start < oldest)
        {
            // Graph keeps call records for 30 days; asking for more would only be refused.
            start = oldest;
        }

        var records = new CallRecordSyncSummary { Kind = CallRecordSyncKind.CallRecord, StartDateTime = start, EndDateTime = now };
        var streams = new CallRecordSyncSummary { Kind = CallRecordSyncKind.MediaStream, StartDateTime = start, EndDateTime = now };
        for (var sliceStart = start; sliceStart < now; sliceStart += pass.Slice)
        {
            var sliceEnd = now - sliceStart > pass.Slice ? sliceStart + pass.Slice : now;
            var listed = new List<CallRecord>();
            await _records.ListAsync(new CallRecordQuery { StartDateTime = sliceStart, EndDateTime = sliceEnd }, listed.Add, log, cancellationToken).ConfigureAwait(false);

            // The list carries each record's version: only records the store lacks, or has at a lower version,
            // are fetched with their sessions. A rerun with nothing new lists and fetches nothing else.
            var toFetch = new List<string>();
            foreach (var record in listed)
            {
                var stored = store.GetCallRecordVersion(record.Id);
                if (stored >= record.Version)
                {
                    records.Unchanged++;
                    if (kinds.Contains(CallRecordSyncKind.MediaStream))
                    {
                        streams.Unchanged += StoredStreamCount(store, record.Id);
                    }
                }
                else
                {
                    toFetch.Add(record.Id);
                }
            }

            log.WriteVerbose($"Call records {sliceStart:u} to {sliceEnd:u}: {listed.Count} listed, {toFetch.Count} new or revised.");
            var chunk = Math.Max(1, _records.MaxConcurrency);
            for (var offset = 0; offset < toFetch.Count || offset == 0; offset += chunk)
            {
                var ids = toFetch.Skip(offset).Take(chunk).ToList();
                var fetched = await Task.WhenAll(ids.Select(id => _records.GetAsync(id, expandSessions: true, log, cancellationToken))).ConfigureAwait(false);
                var last = offset + chunk >= toFetch.Count;
                var changed = new List<CallRecord>();
                using (var transaction = store.BeginTransaction())
                {
                    foreach (var record in fetched)
                    {
                        // Null: the record aged past 30 days between the list and the get.
                        if (record is null)
                        {
                            continue;
                        }

                        var change = transaction.UpsertCallRecord(record);
                        var streamCount = record.Sessions?.Sum(s => s.Segments.Sum(g => g.MediaStreams.Count)) ?? 0;
                        Count(records, change, 1);
                        Count(streams, change, streamCount);
                        if (change != RowChange.Unchanged)
                        {
                            changed.Add(record);
                        }
                    }

                    if (last)
                    {
                        transaction.AdvanceCheckpoint(pass.Name, sliceEnd, _clock.UtcNow);
                    }

                    transaction.Commit();
                }

                Emit(changed, kinds, onChanged);
            }

            Progress?.Invoke(new SyncProgress(pass.Name, start, now, sliceEnd));
        }

        var checkpoint = store.GetCheckpoint(pass.Name);
        var result = new List<CallRecordSyncSummary>();
        foreach (var summary in new[] { records, streams })
        {
            if (kinds.Contains(summary.Kind))
            {
                summary.Checkpoint = checkpoint;
                summary.Duration = watch.Elapsed;
                result.Add(summary);
            }
        }

        return result;
    }

    private async Task<CallRecordSyncSummary> SyncLogAsync(SyncStore store, SyncRequest request, DateTimeOffset now, CallRecordSyncKind kind, Action<object>? onChanged, RequestLog log, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var pass = SyncPass.For(kind);
        var table = SyncPass.TableOf(kind);
        var start = StartOf(pass, store.GetCheckpoint(pass.Name), request.Since, now);
        var summary = new CallRecordSyncSummary { Kind = kind, StartDateTime = start, EndDateTime = now };
        var pending = new List<object>(LogRowsPerTransaction);

        void Flush(DateTimeOffset? checkpoint)
        {
            var changed = new List<object>();
            using (var transaction = store.BeginTransaction())
            {
                foreach (var row in pending)
                {
                    var change = transaction.UpsertRow(table, row);
                    Count(summary, change, 1);
                    if (change != RowChange.Unchanged)
                    {
                        changed.Add(row);
                    }
                }

                if (checkpoint is { } end)
                {
                    transaction.AdvanceCheckpoint(pass.Name, end, _clock.UtcNow);
                }

                transaction.Commit();
            }

            pending.Clear();
            foreach (var row in changed)
            {
                onChanged?.Invoke(row);
            }
        }

        void Add(object row)
        {
            pending.Add(row);
            if (pending.Count >= LogRowsPerTransaction)
            {
                Flush(null);
            }
        }

        for (var sliceStart = start; sliceStart < now; sliceStart += pass.Slice)
        {
            var sliceEnd = now - sliceStart > pass.Slice ? sliceStart + pass.Slice : now;
            await (kind switch
            {
                CallRecordSyncKind.PstnCall => _logs.ReadPstnAsync(sliceStart, sliceEnd, Add, null, log, cancellationToken),
                CallRecordSyncKind.SmsLog => _logs.ReadSmsAsync(sliceStart, sliceEnd, Add, null, log, cancellationToken),
                CallRecordSyncKind.PstnBlockedUser => _logs.ReadPstnBlockedUsersAsync(sliceStart, sliceEnd, Add, null, log, cancellationToken),
                _ => _logs.ReadDirectRoutingAsync(sliceStart, sliceEnd, Add, null, log, cancellationToken),
            }).ConfigureAwait(false);

            Flush(sliceEnd);
            Progress?.Invoke(new SyncProgress(pass.Name, start, now, sliceEnd));
        }

        summary.Checkpoint = store.GetCheckpoint(pass.Name);
        summary.Duration = watch.Elapsed;
        return summary;
    }

    private static long StoredStreamCount(SyncStore store, string callRecordId)
    {
        using var command = store.Command("SELECT count(*) FROM CallRecordMediaStream WHERE CallRecordId = $id");
        command.Parameters.AddWithValue("$id", callRecordId);
        return (long)command.ExecuteScalar()!;
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

    private static void Emit(List<CallRecord> changed, HashSet<CallRecordSyncKind> kinds, Action<object>? onChanged)
    {
        if (onChanged is null)
        {
            return;
        }

        foreach (var record in changed)
        {
            if (kinds.Contains(CallRecordSyncKind.CallRecord))
            {
                onChanged(record);
            }

            if (kinds.Contains(CallRecordSyncKind.MediaStream))
            {
                foreach (var stream in CallRecordReader.MediaStreamsOf(record.Sessions ?? (IEnumerable<CallRecordSession>)Array.Empty<CallRecordSession>(), QualityThresholds.Current))
                {
                    onChanged(stream);
                }
            }
        }
    }
}
