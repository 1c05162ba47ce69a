using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace CallRecords.Engine.Sync;

/// <summary>
/// The store in PostgreSQL, shared by a fleet of workers on one machine or many: the same tables and columns as the
/// SQLite store (with PostgreSQL's own types: timestamptz, boolean, numeric), TenantId first in every key. Rows go in
/// by binary COPY, log rows through a staging table and one upsert; each tenant's pass is held by one worker at a time
/// through a lease row with an expiry (<see cref="PostgresLease"/>).
/// </summary>
public sealed class PostgresSyncStore : SyncStore
{
    /// <summary>How long a lease lasts without renewal unless told otherwise: how long a killed worker's pass waits for another.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromMinutes(1);

    /// <summary>The shortest lease: renewed at a third of its length, it must outlast a slow round trip to the database.</summary>
    public static readonly TimeSpan MinimumLeaseDuration = TimeSpan.FromSeconds(5);

    // Any fixed number: the workers that create or upgrade the schema at once take turns on it.
    private const long SchemaLock = 0x43616c6c5265636fL;

    private static readonly string[] s_indexes =
    {
        "CREATE INDEX IF NOT EXISTS \"CallRecord_StartDateTime\" ON \"CallRecord\" (\"TenantId\", \"StartDateTime\")",
        "CREATE INDEX IF NOT EXISTS \"CallRecord_OrganizerId\" ON \"CallRecord\" (\"TenantId\", \"OrganizerId\")",
        "CREATE INDEX IF NOT EXISTS \"CallRecordSession_CallerUserPrincipalName\" ON \"CallRecordSession\" (\"TenantId\", \"CallerUserPrincipalName\")",
        "CREATE INDEX IF NOT EXISTS \"CallRecordMediaStream_TenantId_CallRecordId\" ON \"CallRecordMediaStream\" (\"TenantId\", \"CallRecordId\")",
        "CREATE INDEX IF NOT EXISTS \"CallRecordMediaStream_StartDateTime\" ON \"CallRecordMediaStream\" (\"TenantId\", \"StartDateTime\")",
        "CREATE INDEX IF NOT EXISTS \"CallRecordMediaStream_CallerUserPrincipalName\" ON \"CallRecordMediaStream\" (\"TenantId\", \"CallerUserPrincipalName\")",
        "CREATE INDEX IF NOT EXISTS \"PstnCallLogRow_StartDateTime\" ON \"PstnCallLogRow\" (\"TenantId\", \"StartDateTime\")",
        "CREATE INDEX IF NOT EXISTS \"PstnCallLogRow_UserPrincipalName\" ON \"PstnCallLogRow\" (\"TenantId\", \"UserPrincipalName\")",
        "CREATE INDEX IF NOT EXISTS \"DirectRoutingCallLogRow_StartDateTime\" ON \"DirectRoutingCallLogRow\" (\"TenantId\", \"StartDateTime\")",
        "CREATE INDEX IF NOT EXISTS \"DirectRoutingCallLogRow_CorrelationId\" ON \"DirectRoutingCallLogRow\" (\"TenantId\", \"CorrelationId\")",
        "CREATE INDEX IF NOT EXISTS \"SmsLogRow_SentDateTime\" ON \"SmsLogRow\" (\"TenantId\", \"SentDateTime\")",
        "CREATE INDEX IF NOT EXISTS \"PstnBlockedUserLogRow_BlockDateTime\" ON \"PstnBlockedUserLogRow\" (\"TenantId\", \"BlockDateTime\")",
        "CREATE INDEX IF NOT EXISTS \"CallRecordSession_CallRecordId\" ON \"CallRecordSession\" (\"TenantId\", \"CallRecordId\")",
        "CREATE TABLE IF NOT EXISTS \"SyncCheckpoint\" (\"TenantId\" text NOT NULL, \"Kind\" text NOT NULL, \"Checkpoint\" timestamptz NOT NULL, \"UpdatedDateTime\" timestamptz NOT NULL, PRIMARY KEY (\"TenantId\", \"Kind\"))",
        "CREATE TABLE IF NOT EXISTS \"SyncRun\" (\"Id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, \"TenantId\" text, \"Kinds\" text NOT NULL, \"Worker\" text, \"StartDateTime\" timestamptz NOT NULL, \"EndDateTime\" timestamptz, \"Outcome\" text NOT NULL, \"Message\" text)",
        "CREATE INDEX IF NOT EXISTS \"SyncRun_TenantId_Kinds\" ON \"SyncRun\" (\"TenantId\", \"Kinds\")",
        "CREATE TABLE IF NOT EXISTS \"SyncLease\" (\"TenantId\" text NOT NULL, \"Kind\" text NOT NULL, \"Holder\" text NOT NULL, \"TakenDateTime\" timestamptz NOT NULL, \"ExpiresDateTime\" timestamptz NOT NULL, PRIMARY KEY (\"TenantId\", \"Kind\"))",
    };

    private readonly NpgsqlDataSource _dataSource;

    private PostgresSyncStore(NpgsqlDataSource dataSource, string description, TimeSpan leaseDuration)
        : base(StoreDialect.Postgres)
    {
        _dataSource = dataSource;
        Description = description;
        LeaseDuration = leaseDuration;
    }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <summary>Gets how long a lease lasts without renewal.</summary>
    public TimeSpan LeaseDuration { get; }

    /// <summary>
    /// Opens the store for a run: creates the tables, indexes and views when missing and adds the columns a newer
    /// release has, whichever worker comes first.
    /// </summary>
    public static Task<PostgresSyncStore> OpenForRunAsync(string connectionString, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        OpenAsync(connectionString, leaseDuration, "cannot be used as a sync store", store => store.CreateSchemaAsync(cancellationToken));

    /// <summary>Opens a store some run has made, to read it.</summary>
    public static Task<PostgresSyncStore> OpenForReadingAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenAsync(connectionString, DefaultLeaseDuration, "is not a sync store", async store =>
        {
            await using var connection = await store.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command("SELECT count(*) FROM \"SyncCheckpoint\"");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc/>
    internal override async Task<SyncLease?> TryTakeLeaseAsync(string tenantId, SyncPass pass, string holder, GraphClock clock, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        connection.Transaction = await connection.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One statement, so two workers asking at once cannot both get it: the row is inserted, or taken over only
        // when its lease has expired. The database's clock decides, so the workers' clocks need not agree.
        await using (var take = connection.Command(
            "INSERT INTO \"SyncLease\" (\"TenantId\", \"Kind\", \"Holder\", \"TakenDateTime\", \"ExpiresDateTime\") VALUES (@tenant, @kind, @holder, now(), now() + @duration) " +
            "ON CONFLICT (\"TenantId\", \"Kind\") DO UPDATE SET \"Holder\" = excluded.\"Holder\", \"TakenDateTime\" = excluded.\"TakenDateTime\", \"ExpiresDateTime\" = excluded.\"ExpiresDateTime\" " +
            "WHERE \"SyncLease\".\"ExpiresDateTime\" < now() RETURNING \"Holder\"",
            ("tenant", tenantId), ("kind", pass.Lease), ("holder", holder), ("duration", LeaseDuration)))
        {
            if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }
        }

        // Holding the lease, no other worker runs a pass under it: a run of one still marked running was killed.
        await using (var interrupted = connection.Command(
            "UPDATE \"SyncRun\" SET \"Outcome\" = 'Interrupted' WHERE \"TenantId\" = @tenant AND \"Kinds\" = ANY(@kinds) AND \"Outcome\" = 'Running'",
            ("tenant", tenantId), ("kinds", pass.KindsUnderLease.ToArray())))
        {
            await interrupted.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await connection.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresLease(this, tenantId, pass, holder, clock);
    }

    /// <inheritdoc/>
    internal override async Task<IReadOnlyList<RowChange>> WriteCallRecordsAsync(SyncLease lease, IReadOnlyList<CallRecord> records, DateTimeOffset? checkpoint, CancellationToken cancellationToken)
    {
        await using var connection = await BeginWriteAsync(lease, cancellationToken).ConfigureAwait(false);
        var stored = await StoredCallRecordsAsync(connection, lease.TenantId, records.Select(r => r.Id).ToList(), withStreams: false, cancellationToken).ConfigureAwait(false);
        var changes = Compare(records, stored);
        var replaced = records.Where((_, i) => changes[i] == RowChange.Updated).Select(r => r.Id).ToArray();
        if (replaced.Length > 0)
        {
            foreach (var table in StoreTable.CallRecordTables)
            {
                await using var delete = connection.Command(
                    $"DELETE FROM {StoreTable.Quote(table.Name)} WHERE \"TenantId\" = @tenant AND {StoreTable.Quote(table.CallRecordColumn)} = ANY(@ids)",
                    ("tenant", lease.TenantId), ("ids", replaced));
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var written = records.Where((_, i) => changes[i] != RowChange.Unchanged).ToList();
        var sessions = written.SelectMany(r => r.Sessions ?? (IReadOnlyList<CallRecordSession>)Array.Empty<CallRecordSession>()).ToList();
        var segments = sessions.SelectMany(s => s.Segments).ToList();
        await CopyAsync(connection, StoreTable.CallRecords, written, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, StoreTable.Sessions, sessions, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, StoreTable.Segments, segments, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, StoreTable.MediaStreams, segments.SelectMany(g => g.MediaStreams).ToList(), cancellationToken).ConfigureAwait(false);
        await FinishAsync(connection, lease, checkpoint, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <inheritdoc/>
    internal override async Task<IReadOnlyList<RowChange>> WriteRowsAsync(SyncLease lease, StoreTable table, IReadOnlyList<object> rows, DateTimeOffset? checkpoint, CancellationToken cancellationToken)
    {
        await using var connection = await BeginWriteAsync(lease, cancellationToken).ConfigureAwait(false);
        var changes = Enumerable.Repeat(RowChange.Unchanged, rows.Count).ToArray();
        if (rows.Count > 0)
        {
            // The rows go to a staging table by COPY, then into the table in one statement: new keys are inserted, and
            // rows whose columns differ are updated. The statement returns the rows it wrote, each with its place in
            // the batch; a key the batch repeats is written once, from its last row.
            const string Stage = "\"SyncStage\"";
            await ExecuteAsync(connection, $"CREATE TEMP TABLE {Stage} (LIKE {StoreTable.Quote(table.Name)}) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"ALTER TABLE {Stage} ADD COLUMN \"SyncOrdinal\" integer", cancellationToken).ConfigureAwait(false);
            await CopyAsync(connection, table, rows, cancellationToken, stage: Stage).ConfigureAwait(false);

            var key = StoreTable.QuotedList(table.Key);
            var columns = table.ColumnList();
            var others = table.Columns.Where(c => !table.Key.Contains(c.Name)).Select(c => StoreTable.Quote(c.Name)).ToList();
            var target = StoreTable.Quote(table.Name);
            var sql =
                $"WITH chosen AS (SELECT DISTINCT ON ({key}) * FROM {Stage} ORDER BY {key}, \"SyncOrdinal\" DESC), " +
                $"written AS (INSERT INTO {target} ({columns}) SELECT {columns} FROM chosen " +
                $"ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", others.Select(c => $"{c} = excluded.{c}"))} " +
                $"WHERE ({string.Join(", ", others.Select(c => $"{target}.{c}"))}) IS DISTINCT FROM ({string.Join(", ", others.Select(c => $"excluded.{c}"))}) " +
                $"RETURNING {key}, (xmax = 0) AS \"Inserted\") " +
                $"SELECT chosen.\"SyncOrdinal\", written.\"Inserted\" FROM written JOIN chosen USING ({key})";
            await using var upsert = connection.Command(sql);
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes[reader.GetInt32(0)] = reader.GetBoolean(1) ? RowChange.Added : RowChange.Updated;
            }
        }

        await FinishAsync(connection, lease, checkpoint, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <summary>Extends a lease this worker holds; false when it is no longer this worker's.</summary>
    internal async Task<bool> RenewLeaseAsync(SyncLease lease, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await RenewAsync(connection, lease, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a lease back, so a waiting worker need not wait for it to expire.</summary>
    internal async Task ReleaseLeaseAsync(SyncLease lease)
    {
        await using var connection = await ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        await using var release = connection.Command(
            "DELETE FROM \"SyncLease\" WHERE \"TenantId\" = @tenant AND \"Kind\" = @kind AND \"Holder\" = @holder",
            ("tenant", lease.TenantId), ("kind", lease.Pass.Lease), ("holder", lease.Holder));
        await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    private protected override bool IsDatabaseFailure(Exception exception) => exception is NpgsqlException;

    /// <inheritdoc/>
    private protected override async Task<StoreConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new StoreConnection(connection, Dialect, connection.DisposeAsync);
    }

    /// <inheritdoc/>
    private protected override async Task<bool> TableExistsAsync(StoreConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT to_regclass(@table) IS NOT NULL", ("table", StoreTable.Quote(table)));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    private protected override async Task<bool> IsAliveAsync(StoreConnection connection, string tenantId, SyncPass pass, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT count(*) FROM \"SyncLease\" WHERE \"TenantId\" = @tenant AND \"Kind\" = @kind AND \"ExpiresDateTime\" >= now()",
            ("tenant", tenantId), ("kind", pass.Lease));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }

    /// <summary>Creates the store and readies it; a database that cannot be reached or used is a SyncStoreException naming the server.</summary>
    private static async Task<PostgresSyncStore> OpenAsync(string connectionString, TimeSpan leaseDuration, string failure, Func<PostgresSyncStore, Task> ready)
    {
        var store = Create(connectionString, leaseDuration);
        try
        {
            await ready(store).ConfigureAwait(false);
            return store;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new SyncStoreException($"{store.Description} {failure}: {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static PostgresSyncStore Create(string connectionString, TimeSpan leaseDuration)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the keyword at fault, never a value: the string may hold a password.
            throw new SyncStoreException($"The connection string is not one Npgsql reads: {e.Message}", null);
        }

        var description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        return new PostgresSyncStore(NpgsqlDataSource.Create(builder), description, leaseDuration);
    }

    private static NpgsqlDbType DbTypeOf(Type valueType) =>
        valueType == typeof(long) ? NpgsqlDbType.Bigint
        : valueType == typeof(double) ? NpgsqlDbType.Double
        : valueType == typeof(decimal) ? NpgsqlDbType.Numeric
        : valueType == typeof(bool) ? NpgsqlDbType.Boolean
        : valueType == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
        : NpgsqlDbType.Text;

    /// <summary>Writes rows into the table by binary COPY, or into a staging table with each row's place in the batch.</summary>
    private static async Task CopyAsync<T>(StoreConnection connection, StoreTable table, IReadOnlyList<T> rows, CancellationToken cancellationToken, string? stage = null)
        where T : notnull
    {
        if (rows.Count == 0)
        {
            return;
        }

        var types = table.Columns.Select(c => DbTypeOf(c.ValueType)).ToArray();
        var columns = table.ColumnList() + (stage is null ? "" : ", \"SyncOrdinal\"");
        var npgsql = (NpgsqlConnection)connection.Connection;
        await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {stage ?? StoreTable.Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        for (var row = 0; row < rows.Count; row++)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < types.Length; i++)
            {
                if (table.Columns[i].ValueOf(rows[row]) is { } value)
                {
                    await copy.WriteAsync(value, types[i], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (stage is not null)
            {
                await copy.WriteAsync(row, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(StoreConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RenewAsync(StoreConnection connection, SyncLease lease, CancellationToken cancellationToken)
    {
        await using var renew = connection.Command(
            "UPDATE \"SyncLease\" SET \"ExpiresDateTime\" = now() + @duration WHERE \"TenantId\" = @tenant AND \"Kind\" = @kind AND \"Holder\" = @holder",
            ("duration", LeaseDuration), ("tenant", lease.TenantId), ("kind", lease.Pass.Lease), ("holder", lease.Holder));
        return await renew.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Opens a write transaction that first renews the lease, which also locks its row until the commit: a worker
    /// whose lease expired writes nothing, and no other worker can take the lease while this transaction writes.
    /// </summary>
    private async Task<StoreConnection> BeginWriteAsync(SyncLease lease, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            connection.Transaction = await connection.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (!await RenewAsync(connection, lease, cancellationToken).ConfigureAwait(false))
            {
                throw new SyncLeaseLostException(lease.TenantId, lease.Pass.Name);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task FinishAsync(StoreConnection connection, SyncLease lease, DateTimeOffset? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is { } end)
        {
            await AdvanceCheckpointAsync(connection, lease, end, cancellationToken).ConfigureAwait(false);
        }

        await connection.Transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the tables, indexes and views when the database lacks them or has them from another release. The DDL
    /// takes table locks that would stop a fleet at work, so a database whose schema fingerprint is this release's is
    /// left alone without any lock; otherwise one worker at a time changes it.
    /// </summary>
    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var ddl = new List<string>();
        foreach (var table in StoreTable.All)
        {
            ddl.Add(table.CreateSql(Dialect));

            // A store made by an earlier release lacks the columns added since; they are added, and its rows keep their values.
            ddl.Add($"ALTER TABLE {StoreTable.Quote(table.Name)} " + string.Join(", ", table.Columns.Select(c => $"ADD COLUMN IF NOT EXISTS {StoreTable.Quote(c.Name)} {Dialect.TypeOf(c.ValueType)}")));
        }

        ddl.AddRange(s_indexes);
        foreach (var (name, select) in StoreViews.For(Dialect))
        {
            ddl.Add($"DROP VIEW IF EXISTS {StoreTable.Quote(name)}");
            ddl.Add($"CREATE VIEW {StoreTable.Quote(name)} AS {select}");
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", ddl))));
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (await SchemaFingerprintAsync(connection, cancellationToken).ConfigureAwait(false) == fingerprint)
        {
            return;
        }

        connection.Transaction = await connection.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({SchemaLock})", cancellationToken).ConfigureAwait(false);
        if (await SchemaFingerprintAsync(connection, cancellationToken).ConfigureAwait(false) != fingerprint)
        {
            foreach (var sql in ddl)
            {
                await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS \"SyncSchema\" (\"Fingerprint\" text NOT NULL)", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "DELETE FROM \"SyncSchema\"", cancellationToken).ConfigureAwait(false);
            await using var record = connection.Command("INSERT INTO \"SyncSchema\" (\"Fingerprint\") VALUES (@fingerprint)", ("fingerprint", fingerprint));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await connection.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> SchemaFingerprintAsync(StoreConnection connection, CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(connection, "SyncSchema", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await using var command = connection.Command("SELECT max(\"Fingerprint\") FROM \"SyncSchema\"");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
