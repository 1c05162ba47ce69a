using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Where Sync-CallRecord keeps what it reads: the SQLite file of one admin (<see cref="SqliteSyncStore"/>) or a
/// PostgreSQL database shared by a fleet of workers (<see cref="PostgresSyncStore"/>). Both hold the same tables
/// (<see cref="StoreTable"/>) with TenantId in every key, a checkpoint per tenant and pass (SyncCheckpoint) and a
/// record of every pass run (SyncRun). Every write is one transaction that ends with the checkpoint it earns, so a
/// store only ever holds whole records and checkpoints that match its rows.
/// </summary>
public abstract class SyncStore : IAsyncDisposable
{
    private protected SyncStore(StoreDialect dialect)
    {
        Dialect = dialect;
    }

    /// <summary>Gets what the store is, for messages: a file path, or a PostgreSQL server and database (never a password).</summary>
    public abstract string Description { get; }

    private protected StoreDialect Dialect { get; }

    /// <summary>Closes the store.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>The state of every kind of every tenant the store has seen: checkpoint, rows, and the last run of its pass.</summary>
    public async Task<IReadOnlyList<CallRecordSyncState>> ReadStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadStatesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            throw Explain(e);
        }
    }

    private async Task<IReadOnlyList<CallRecordSyncState>> ReadStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var tenants = await TenantsAsync(connection, cancellationToken).ConfigureAwait(false);

        var rows = new Dictionary<(string Table, string Tenant), long>();
        foreach (var table in StoreTable.All.DistinctBy(t => t.Name))
        {
            // A store made by an earlier release has no table for a kind added since, until its next run makes it.
            if (!await TableExistsAsync(connection, table.Name, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await using var count = connection.Command($"SELECT \"TenantId\", count(*) FROM {StoreTable.Quote(table.Name)} GROUP BY \"TenantId\"");
            await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows[(table.Name, reader.IsDBNull(0) ? "" : reader.GetString(0))] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var states = new List<CallRecordSyncState>();
        // A store no run has written yet still shows every kind, with no tenant.
        foreach (var tenant in tenants.Count == 0 ? new string?[] { null } : tenants.OrderBy(t => t, StringComparer.Ordinal).ToArray<string?>())
        {
            foreach (var kind in Enum.GetValues<CallRecordSyncKind>())
            {
                var pass = SyncPass.For(kind);
                var state = new CallRecordSyncState
                {
                    TenantId = tenant,
                    Path = Description,
                    Kind = kind,
                    Checkpoint = tenant is null ? null : await CheckpointAsync(connection, tenant, pass.Name, cancellationToken).ConfigureAwait(false),
                    Rows = rows.GetValueOrDefault((SyncPass.TableOf(kind).Name, tenant ?? "")),
                };
                if (tenant is not null)
                {
                    await ReadLastRunAsync(connection, state, pass, cancellationToken).ConfigureAwait(false);
                }

                states.Add(state);
            }
        }

        return states;
    }

    /// <summary>A failure of the database itself (unreachable, refused, out of space) as a <see cref="SyncStoreException"/>; any other failure as it is.</summary>
    internal Exception Explain(Exception exception) =>
        IsDatabaseFailure(exception) ? new SyncStoreException($"{Description} failed: {exception.Message}", exception) : exception;

    /// <summary>The checkpoint of a tenant's pass, or null before its first completed slice.</summary>
    internal async Task<DateTimeOffset?> GetCheckpointAsync(string tenantId, string pass, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await CheckpointAsync(connection, tenantId, pass, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version and media stream count of each of <paramref name="ids"/> the store has for the tenant.</summary>
    internal async Task<IReadOnlyDictionary<string, StoredCallRecord>> GetStoredCallRecordsAsync(string tenantId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await StoredCallRecordsAsync(connection, tenantId, ids, withStreams: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that a worker started a pass of a tenant; the id is for <see cref="EndRunAsync"/>.</summary>
    internal async Task<long> StartRunAsync(SyncLease lease, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO \"SyncRun\" (\"TenantId\", \"Kinds\", \"Worker\", \"StartDateTime\", \"Outcome\") VALUES (@tenant, @kinds, @worker, @start, 'Running') RETURNING \"Id\"",
            ("tenant", lease.TenantId), ("kinds", lease.Pass.Kinds), ("worker", lease.Holder), ("start", started));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Records how a pass ended: Completed, Failed or Cancelled. Recorded even when the run is being cancelled.</summary>
    internal async Task EndRunAsync(long runId, string outcome, string? message, DateTimeOffset ended)
    {
        await using var connection = await ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = connection.Command(
            "UPDATE \"SyncRun\" SET \"Outcome\" = @outcome, \"Message\" = @message, \"EndDateTime\" = @end WHERE \"Id\" = @id",
            ("outcome", outcome), ("message", message), ("end", ended), ("id", runId));
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The runs recorded so far: the newest run's id, and the runs still running, at the moment a run begins.</summary>
    internal async Task<SyncRunMark> MarkRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT \"TenantId\", \"Kinds\", \"Id\", \"Outcome\" FROM \"SyncRun\" WHERE \"Outcome\" = 'Running' OR \"Id\" = (SELECT max(\"Id\") FROM \"SyncRun\")");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long last = 0;
        var running = new Dictionary<(string, string), long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            last = Math.Max(last, id);
            if (reader.GetString(3) == "Running" && !reader.IsDBNull(0))
            {
                running[(reader.GetString(0), reader.GetString(1))] = id;
            }
        }

        return new SyncRunMark(last, running);
    }

    /// <summary>
    /// Whether the tenant's pass has been completed since <paramref name="mark"/> was taken: by a run begun after it,
    /// or by the run that was running then.
    /// </summary>
    internal async Task<bool> CompletedSinceAsync(string tenantId, SyncPass pass, SyncRunMark mark, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT count(*) FROM \"SyncRun\" WHERE \"TenantId\" = @tenant AND \"Kinds\" = @kinds AND \"Outcome\" = 'Completed' AND (\"Id\" > @after OR \"Id\" = @running)",
            ("tenant", tenantId), ("kinds", pass.Kinds), ("after", mark.LastRunId), ("running", mark.RunningOf(tenantId, pass) ?? -1L));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Takes the lease on a tenant's pass for <paramref name="holder"/>, or returns null while another live worker holds it.</summary>
    internal abstract Task<SyncLease?> TryTakeLeaseAsync(string tenantId, SyncPass pass, string holder, GraphClock clock, CancellationToken cancellationToken);

    /// <summary>
    /// Writes call records in one transaction, with <paramref name="checkpoint"/> (when given) as the pass's new
    /// checkpoint: a record the store has at the same or a higher version is left as it is; otherwise it replaces the
    /// stored one together with all its sessions, segments and media streams, so no part of an older version survives.
    /// </summary>
    internal abstract Task<IReadOnlyList<RowChange>> WriteCallRecordsAsync(SyncLease lease, IReadOnlyList<CallRecord> records, DateTimeOffset? checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Writes log rows in one transaction, with <paramref name="checkpoint"/> (when given) as the pass's new checkpoint:
    /// each row is added, or updates the stored row with its key when a column differs.
    /// </summary>
    internal abstract Task<IReadOnlyList<RowChange>> WriteRowsAsync(SyncLease lease, StoreTable table, IReadOnlyList<object> rows, DateTimeOffset? checkpoint, CancellationToken cancellationToken);

    /// <summary>Whether the exception comes from the database provider.</summary>
    private protected abstract bool IsDatabaseFailure(Exception exception);

    /// <summary>Lends a connection for one operation.</summary>
    private protected abstract Task<StoreConnection> ConnectAsync(CancellationToken cancellationToken);

    private protected abstract Task<bool> TableExistsAsync(StoreConnection connection, string table, CancellationToken cancellationToken);

    /// <summary>Whether the worker that recorded a run as Running still holds its pass; one that does not was killed.</summary>
    private protected abstract Task<bool> IsAliveAsync(StoreConnection connection, string tenantId, SyncPass pass, CancellationToken cancellationToken);

    /// <summary>Which of the records are new, revised or unchanged against the versions the store has.</summary>
    private protected static RowChange[] Compare(IReadOnlyList<CallRecord> records, IReadOnlyDictionary<string, StoredCallRecord> stored)
    {
        var changes = new RowChange[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            changes[i] = !stored.TryGetValue(records[i].Id, out var have) ? RowChange.Added
                : have.Version >= records[i].Version ? RowChange.Unchanged
                : RowChange.Updated;
        }

        return changes;
    }

    private protected async Task<IReadOnlyDictionary<string, StoredCallRecord>> StoredCallRecordsAsync(StoreConnection connection, string tenantId, IReadOnlyCollection<string> ids, bool withStreams, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, StoredCallRecord>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return stored;
        }

        var streams = withStreams
            ? "(SELECT count(*) FROM \"CallRecordMediaStream\" m WHERE m.\"TenantId\" = r.\"TenantId\" AND m.\"CallRecordId\" = r.\"Id\")"
            : "0";
        await using var command = connection.Command(
            $"SELECT r.\"Id\", r.\"Version\", {streams} FROM \"CallRecord\" r WHERE r.\"TenantId\" = @tenant AND {Dialect.InList("r.\"Id\"", "@ids")}",
            ("tenant", tenantId), ("ids", Dialect.ListOf(ids)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[reader.GetString(0)] = new StoredCallRecord(
                reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
        }

        return stored;
    }

    /// <summary>Moves a tenant's pass checkpoint forward (never back), in the connection's transaction.</summary>
    private protected async Task AdvanceCheckpointAsync(StoreConnection connection, SyncLease lease, DateTimeOffset checkpoint, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "INSERT INTO \"SyncCheckpoint\" (\"TenantId\", \"Kind\", \"Checkpoint\", \"UpdatedDateTime\") VALUES (@tenant, @kind, @checkpoint, @now) " +
            $"ON CONFLICT (\"TenantId\", \"Kind\") DO UPDATE SET \"Checkpoint\" = {Dialect.Greatest}(\"SyncCheckpoint\".\"Checkpoint\", excluded.\"Checkpoint\"), \"UpdatedDateTime\" = excluded.\"UpdatedDateTime\"",
            ("tenant", lease.TenantId), ("kind", lease.Pass.Name), ("checkpoint", checkpoint), ("now", lease.Clock.UtcNow));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> TenantsAsync(StoreConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT \"TenantId\" FROM \"SyncCheckpoint\" UNION SELECT \"TenantId\" FROM \"SyncRun\" WHERE \"TenantId\" IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tenants = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }

    private async Task<DateTimeOffset?> CheckpointAsync(StoreConnection connection, string tenantId, string pass, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT \"Checkpoint\" FROM \"SyncCheckpoint\" WHERE \"TenantId\" = @tenant AND \"Kind\" = @kind", ("tenant", tenantId), ("kind", pass));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Dialect.InstantOf(value);
    }

    private async Task ReadLastRunAsync(StoreConnection connection, CallRecordSyncState state, SyncPass pass, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT \"StartDateTime\", \"EndDateTime\", \"Outcome\", \"Message\", \"Worker\" FROM \"SyncRun\" WHERE \"TenantId\" = @tenant AND (',' || \"Kinds\" || ',') LIKE @kind ORDER BY \"Id\" DESC LIMIT 1",
            ("tenant", state.TenantId), ("kind", "%," + state.Kind + ",%"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        state.LastRunStartDateTime = Dialect.InstantOf(reader.GetValue(0));
        state.LastRunEndDateTime = reader.IsDBNull(1) ? null : Dialect.InstantOf(reader.GetValue(1));
        state.LastRunOutcome = reader.GetString(2);
        state.LastRunMessage = reader.IsDBNull(3) ? null : reader.GetString(3);
        state.LastRunWorker = reader.IsDBNull(4) ? null : reader.GetString(4);
        await reader.DisposeAsync().ConfigureAwait(false);
        if (state.LastRunOutcome == "Running" && !await IsAliveAsync(connection, state.TenantId!, pass, cancellationToken).ConfigureAwait(false))
        {
            state.LastRunOutcome = "Interrupted";
        }
    }
}
