using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CallRecords.Engine.Sync;

/// <summary>
/// The SQLite file Sync-CallRecord keeps: one flat table per output type, the checkpoints and the runs. Only one
/// run writes at a time: it holds an exclusive lock on "&lt;store&gt;.lock", which the operating system releases
/// when the process ends however it ends, so a killed run never leaves the store locked. Every write is a
/// transaction, so the store only ever holds whole records and checkpoints that match the data.
/// </summary>
public sealed class SyncStore : IDisposable
{
    private const int SchemaVersion = 1;
    private static readonly TimeSpan s_lockPoll = TimeSpan.FromMilliseconds(100);

    private static readonly string[] s_indexes =
    {
        "CREATE INDEX IF NOT EXISTS CallRecord_StartDateTime ON CallRecord (StartDateTime)",
        "CREATE INDEX IF NOT EXISTS CallRecord_OrganizerId ON CallRecord (OrganizerId)",
        "CREATE INDEX IF NOT EXISTS CallRecordSession_CallerUserPrincipalName ON CallRecordSession (CallerUserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS CallRecordSession_CalleeUserPrincipalName ON CallRecordSession (CalleeUserPrincipalName)",
        "CREATE INDEX IF NOT EXISTS CallRecordMediaStream_CallRecordId ON CallRecordMediaStream (CallRecordId)",
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
        "CREATE TABLE IF NOT EXISTS SyncCheckpoint (Kind TEXT NOT NULL PRIMARY KEY, Checkpoint TEXT NOT NULL, UpdatedDateTime TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS SyncRun (Id INTEGER PRIMARY KEY AUTOINCREMENT, Kinds TEXT NOT NULL, StartDateTime TEXT NOT NULL, EndDateTime TEXT, Outcome TEXT NOT NULL, Message TEXT)",
    };

    private readonly FileStream? _lock;
    private SqliteTransaction? _transaction;

    private SyncStore(string path, SqliteConnection connection, FileStream? runLock)
    {
        Path = path;
        Connection = connection;
        _lock = runLock;
    }

    /// <summary>Gets the store's full path.</summary>
    public string Path { get; }

    internal SqliteConnection Connection { get; }

    /// <summary>
    /// Opens (creating when missing) the store for a run: waits up to <paramref name="lockTimeout"/> for a run
    /// already writing it to finish, then throws <see cref="SyncStoreBusyException"/>.
    /// </summary>
    public static async Task<SyncStore> OpenForRunAsync(string path, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder of the store {path} does not exist.");
        }

        var runLock = await AcquireLockAsync(path, lockTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            SyncStore? store = null;
            try
            {
                store = new SyncStore(path, Connect(path, SqliteOpenMode.ReadWriteCreate), runLock);
                store.CreateSchema();

                // Holding the lock, no other run is alive: a run still marked running was killed.
                store.Execute("UPDATE SyncRun SET Outcome = 'Interrupted' WHERE Outcome = 'Running'");
            }
            catch (SqliteException e)
            {
                store?.Connection.Dispose();
                throw new SyncStoreException($"{path} cannot be used as a sync store: {e.Message}", e);
            }

            return store;
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store to read it; a run may be writing it at the same time.</summary>
    public static SyncStore OpenForReading(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no store at {path}; Sync-CallRecord -Path {path} creates it.", path);
        }

        try
        {
            // Read-write without create: a reader of a WAL database needs its shared-memory file, which a read-only
            // connection may not be able to create. Nothing is written.
            var store = new SyncStore(path, Connect(path, SqliteOpenMode.ReadWrite), null);
            store.Execute("SELECT count(*) FROM SyncCheckpoint");
            return store;
        }
        catch (SqliteException e)
        {
            throw new SyncStoreException($"{path} is not a sync store: {e.Message}", e);
        }
    }

    /// <summary>Closes the store and releases the run lock.</summary>
    public void Dispose()
    {
        Connection.Dispose();
        _lock?.Dispose();
    }

    /// <summary>The checkpoint of a pass, or null before its first completed slice.</summary>
    public DateTimeOffset? GetCheckpoint(string pass)
    {
        using var command = Command("SELECT Checkpoint FROM SyncCheckpoint WHERE Kind = $kind");
        command.Parameters.AddWithValue("$kind", pass);
        return command.ExecuteScalar() is string text ? ParseInstant(text) : null;
    }

    /// <summary>The stored version of a call record, or null when the store does not have it.</summary>
    public long? GetCallRecordVersion(string id)
    {
        using var command = Command("SELECT Version FROM CallRecord WHERE Id = $id");
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is long version ? version : null;
    }

    /// <summary>Records that a run started; the id is for <see cref="EndRun"/>.</summary>
    public long StartRun(string kinds, DateTimeOffset started)
    {
        using var command = Command("INSERT INTO SyncRun (Kinds, StartDateTime, Outcome) VALUES ($kinds, $start, 'Running'); SELECT last_insert_rowid()");
        command.Parameters.AddWithValue("$kinds", kinds);
        command.Parameters.AddWithValue("$start", GraphTime.Format(started));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Records how a run ended: Completed, Failed or Cancelled.</summary>
    public void EndRun(long runId, string outcome, string? message, DateTimeOffset ended)
    {
        using var command = Command("UPDATE SyncRun SET Outcome = $outcome, Message = $message, EndDateTime = $end WHERE Id = $id");
        command.Parameters.AddWithValue("$outcome", outcome);
        command.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("$end", GraphTime.Format(ended));
        command.Parameters.AddWithValue("$id", runId);
        command.ExecuteNonQuery();
    }

    /// <summary>Starts a transaction that writes rows and, last, a checkpoint.</summary>
    internal StoreTransaction BeginTransaction()
    {
        _transaction = Connection.BeginTransaction();
        return new StoreTransaction(this, _transaction, () => _transaction = null);
    }

    /// <summary>The state of every kind: checkpoint, rows, and the last run that included it.</summary>
    public IReadOnlyList<CallRecordSyncState> ReadState()
    {
        var states = new List<CallRecordSyncState>();
        foreach (var kind in Enum.GetValues<CallRecordSyncKind>())
        {
            var state = new CallRecordSyncState { Path = Path, Kind = kind, Checkpoint = GetCheckpoint(SyncPass.For(kind).Name) };

            // A store made by an earlier release has no table for a kind added since, until its next run makes it.
            var table = SyncPass.TableOf(kind).Name;
            using (var exists = Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table"))
            {
                exists.Parameters.AddWithValue("$table", table);
                if ((long)exists.ExecuteScalar()! > 0)
                {
                    using var count = Command($"SELECT count(*) FROM \"{table}\"");
                    state.Rows = (long)count.ExecuteScalar()!;
                }
            }

            using (var run = Command("SELECT StartDateTime, EndDateTime, Outcome, Message FROM SyncRun WHERE (',' || Kinds || ',') LIKE $kind ORDER BY Id DESC LIMIT 1"))
            {
                run.Parameters.AddWithValue("$kind", "%," + kind + ",%");
                using var reader = run.ExecuteReader();
                if (reader.Read())
                {
                    state.LastRunStartDateTime = ParseInstant(reader.GetString(0));
                    state.LastRunEndDateTime = reader.IsDBNull(1) ? null : ParseInstant(reader.GetString(1));
                    state.LastRunOutcome = reader.GetString(2) == "Running" && !IsRunning() ? "Interrupted" : reader.GetString(2);
                    state.LastRunMessage = reader.IsDBNull(3) ? null : reader.GetString(3);
                }
            }

            states.Add(state);
        }

        return states;
    }

    /// <summary>Whether a run holds the store now; a run marked running without the lock was killed.</summary>
    private bool IsRunning()
    {
        try
        {
            using var probe = new FileStream(Path + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    internal SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    internal static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

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

    private void CreateSchema()
    {
        // WAL lets Get-CallRecordSyncState and SQL readers work while a run writes.
        Execute("PRAGMA journal_mode = WAL");
        using var transaction = BeginTransaction();
        foreach (var table in StoreTable.All)
        {
            Execute(table.CreateSql());
            AddMissingColumns(table);
        }

        foreach (var sql in s_indexes)
        {
            Execute(sql);
        }

        Execute("CREATE INDEX IF NOT EXISTS CallRecordSession_CallRecordId ON CallRecordSession (CallRecordId)");
        Execute($"PRAGMA user_version = {SchemaVersion}");
        transaction.Commit();
    }

    // A store made by an earlier release lacks the columns added since; they are added, and its rows keep their values.
    private void AddMissingColumns(StoreTable table)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var columns = Command($"SELECT name FROM pragma_table_info('{table.Name}')"))
        using (var reader = columns.ExecuteReader())
        {
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var column in table.Columns)
        {
            if (!existing.Contains(column.Name))
            {
                Execute(table.AddColumnSql(column));
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}
