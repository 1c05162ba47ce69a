using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CallRecords.Engine.Sync;

/// <summary>
/// The SQLite file Sync-CallRecord keeps for one admin on one machine. Only one run writes it at a time: it holds an
/// exclusive lock on "&lt;store&gt;.lock", which the operating system releases when the process ends however it
/// ends, so a killed run never leaves the store locked. A run that syncs several tenants writes them through the
/// one connection, one transaction at a time.
/// </summary>
public sealed class SqliteSyncStore : SyncStore
{
    // 1: release 0.1.0, keys without TenantId. 2: TenantId first in every key, SyncRun.TenantId and Worker.
    private const int SchemaVersion = 2;
    private static readonly TimeSpan s_lockPoll = TimeSpan.FromMilliseconds(100);

    private static readonly string[] s_indexes =
    {
        "CREATE INDEX IF NOT EXISTS CallRecord_StartDateTime ON CallRecord (StartDateTime)",
        "CREATE INDEX IF NOT EXISTS CallRecord_OrganizerId ON CallRecord (OrganizerId)",
        "CREATE INDEX IF NOT EXISTS CallRecordSession_CallerUserPrincipalName ON CallRecordSession (CallerUserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS CallRecordSession_CalleeUserPrincipalName ON CallRecordSession (CalleeUserPrincipalName)",
        "DROP INDEX IF EXISTS CallRecordMediaStream_CallRecordId",
        "CREATE INDEX IF NOT EXISTS CallRecordMediaStream_TenantId_CallRecordId ON CallRecordMediaStream (TenantId, CallRecordId)",
        "CREATE INDEX IF NOT EXISTS CallRecordMediaStream_StartDateTime ON CallRecordMediaStream (StartDateTime)",
        "CREATE INDEX IF NOT EXISTS CallRecordMediaStream_Quality ON CallRecordMediaStream (Quality, MediaType)",
        "CREATE INDEX IF NOT EXISTS CallRecordMediaStream_CallerUserPrincipalName ON CallRecordMediaStream (CallerUserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS PstnCallLogRow_StartDateTime ON PstnCallLogRow (StartDateTime)",
        "CREATE INDEX IF NOT EXISTS PstnCallLogRow_UserPrincipalName ON PstnCallLogRow (UserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS DirectRoutingCallLogRow_StartDateTime ON DirectRoutingCallLogRow (StartDateTime)",
        "CREATE INDEX IF NOT EXISTS DirectRoutingCallLogRow_UserPrincipalName ON DirectRoutingCallLogRow (UserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS DirectRoutingCallLogRow_CorrelationId ON DirectRoutingCallLogRow (CorrelationId)",
        "CREATE INDEX IF NOT EXISTS SmsLogRow_SentDateTime ON SmsLogRow (SentDateTime)",
        "CREATE INDEX IF NOT EXISTS SmsLogRow_UserPrincipalName ON SmsLogRow (UserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS PstnBlockedUserLogRow_BlockDateTime ON PstnBlockedUserLogRow (BlockDateTime)",
    };

    private const string CreateCheckpoints = "CREATE TABLE IF NOT EXISTS SyncCheckpoint (TenantId TEXT NOT NULL, Kind TEXT NOT NULL, Checkpoint TEXT NOT NULL, UpdatedDateTime TEXT NOT NULL, PRIMARY KEY (TenantId, Kind))";
    private const string CreateRuns = "CREATE TABLE IF NOT EXISTS SyncRun (Id INTEGER PRIMARY KEY AUTOINCREMENT, TenantId TEXT, Kinds TEXT NOT NULL, Worker TEXT, StartDateTime TEXT NOT NULL, EndDateTime TEXT, Outcome TEXT NOT NULL, Message TEXT)";

    private readonly SqliteConnection _connection;
    private readonly FileStream? _lock;
    private readonly SemaphoreSlim _turn = new(1, 1);

    private SqliteSyncStore(string path, SqliteConnection connection, FileStream? runLock)
        : base(StoreDialect.Sqlite)
    {
        Path = path;
        _connection = connection;
        _lock = runLock;
    }

    /// <summary>Gets the store's full path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string Description => Path;

    /// <summary>
    /// Opens (creating when missing) the store for a run over <paramref name="tenantIds"/>: waits up to
    /// <paramref name="lockTimeout"/> for a run already writing it to finish, then throws
    /// <see cref="SyncStoreBusyException"/>. A store written by release 0.1.0 holds one tenant's rows without saying
    /// which: a run with exactly one tenant claims them for it, and its keys gain TenantId.
    /// </summary>
    public static async Task<SqliteSyncStore> OpenForRunAsync(string path, IReadOnlyCollection<string> tenantIds, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder of the store {path} does not exist.");
        }

        var runLock = await AcquireLockAsync(path, lockTimeout, cancellationToken).ConfigureAwait(false);
        SqliteSyncStore? store = null;
        try
        {
            store = new SqliteSyncStore(path, Connect(path, SqliteOpenMode.ReadWriteCreate), runLock);
            new SqliteSchema(store._connection, path).Create(tenantIds, s_indexes, CreateCheckpoints, CreateRuns, SchemaVersion);

            // Holding the lock, no other run is alive: a run still marked running was killed.
            using var interrupted = store._connection.CreateCommand();
            interrupted.CommandText = "UPDATE SyncRun SET Outcome = 'Interrupted' WHERE Outcome = 'Running'";
            interrupted.ExecuteNonQuery();
            return store;
        }
        catch (SqliteException e)
        {
            await DisposeAfterFailureAsync(store, runLock).ConfigureAwait(false);
            throw new SyncStoreException($"{path} cannot be used as a sync store: {e.Message}", e);
        }
        catch
        {
            await DisposeAfterFailureAsync(store, runLock).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens an existing store to read it; a run may be writing it at the same time.</summary>
    public static SqliteSyncStore OpenForReading(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no store at {path}; Sync-CallRecord -Path {path} creates it.", path);
        }

        SqliteConnection? connection = null;
        try
        {
            // Read-write without create: a reader of a WAL database needs its shared-memory file, which a read-only
            // connection may not be able to create. Nothing is written.
            connection = Connect(path, SqliteOpenMode.ReadWrite);
            using var version = connection.CreateCommand();
            version.CommandText = "SELECT count(*) FROM SyncCheckpoint; PRAGMA user_version";
            using (var reader = version.ExecuteReader())
            {
                reader.NextResult();
                reader.Read();
                if (reader.GetInt64(0) < SchemaVersion)
                {
                    throw new SyncStoreException($"{path} was written by an earlier release of CallRecords, before stores kept the tenant of each row. The next Sync-CallRecord -Path {path} upgrades it and keeps its rows.", null);
                }
            }

            return new SqliteSyncStore(path, connection, null);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw new SyncStoreException($"{path} is not a sync store: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>Closes the store and releases the run lock.</summary>
    public override ValueTask DisposeAsync()
    {
        _connection.Dispose();
        _lock?.Dispose();
        _turn.Dispose();
        return default;
    }

    /// <inheritdoc/>
    internal override Task<SyncLease?> TryTakeLeaseAsync(string tenantId, SyncPass pass, string holder, GraphClock clock, CancellationToken cancellationToken) =>
        Task.FromResult<SyncLease?>(new SyncLease(tenantId, pass, holder, clock));

    /// <inheritdoc/>
    internal override async Task<IReadOnlyList<RowChange>> WriteCallRecordsAsync(SyncLease lease, IReadOnlyList<CallRecord> records, DateTimeOffset? checkpoint, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        connection.Transaction = _connection.BeginTransaction();
        var stored = await StoredCallRecordsAsync(connection, lease.TenantId, records.Select(r => r.Id).ToList(), withStreams: false, cancellationToken).ConfigureAwait(false);
        var changes = Compare(records, stored);
        using (var commands = new SqliteTableCommands(connection))
        {
            for (var i = 0; i < records.Count; i++)
            {
                if (changes[i] == RowChange.Updated)
                {
                    commands.DeleteCallRecord(lease.TenantId, records[i].Id);
                }

                if (changes[i] != RowChange.Unchanged)
                {
                    commands.InsertCallRecord(records[i]);
                }
            }
        }

        await FinishAsync(connection, lease, checkpoint, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <inheritdoc/>
    internal override async Task<IReadOnlyList<RowChange>> WriteRowsAsync(SyncLease lease, StoreTable table, IReadOnlyList<object> rows, DateTimeOffset? checkpoint, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        connection.Transaction = _connection.BeginTransaction();
        var changes = new RowChange[rows.Count];
        using (var commands = new SqliteTableCommands(connection))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                changes[i] = commands.Upsert(table, rows[i]);
            }
        }

        await FinishAsync(connection, lease, checkpoint, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <inheritdoc/>
    private protected override bool IsDatabaseFailure(Exception exception) => exception is SqliteException;

    /// <inheritdoc/>
    private protected override async Task<StoreConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new StoreConnection(_connection, Dialect, () =>
        {
            _turn.Release();
            return default;
        });
    }

    /// <inheritdoc/>
    private protected override async Task<bool> TableExistsAsync(StoreConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table", ("table", table));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }

    /// <inheritdoc/>
    private protected override Task<bool> IsAliveAsync(StoreConnection connection, string tenantId, SyncPass pass, CancellationToken cancellationToken)
    {
        // The run that writes holds the lock file; a run marked running without it was killed.
        try
        {
            using var probe = new FileStream(Path + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult(false);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(false);
        }
        catch (IOException)
        {
            return Task.FromResult(true);
        }
    }

    private static async ValueTask DisposeAfterFailureAsync(SqliteSyncStore? store, FileStream runLock)
    {
        if (store is not null)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        runLock.Dispose();
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lockPath = path + ".lock";
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock on every platform .NET runs on (flock on Unix).
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw new SyncStoreBusyException(path, timeout);
                }

                await Task.Delay(s_lockPoll, cancellationToken).ConfigureAwait(false);
            }
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
}
