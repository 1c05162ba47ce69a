using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace CallRecords.Engine.Sync;

/// <summary>
/// One transaction of a run: rows and, in the last transaction of a slice, the checkpoint that says the slice
/// is complete. Disposing without <see cref="Commit"/> rolls everything back.
/// </summary>
internal sealed class StoreTransaction : IDisposable
{
    private readonly SyncStore _store;
    private readonly SqliteTransaction _transaction;
    private readonly Action _ended;
    private readonly Dictionary<StoreTable, TableCommands> _commands = new();

    public StoreTransaction(SyncStore store, SqliteTransaction transaction, Action ended)
    {
        _store = store;
        _transaction = transaction;
        _ended = ended;
    }

    /// <summary>
    /// Keeps the higher version of a call record: a record the store has at the same or a higher version is
    /// left as it is; otherwise the record replaces the stored one together with all its sessions, segments and
    /// media streams, so no part of an older version survives.
    /// </summary>
    public RowChange UpsertCallRecord(CallRecord record)
    {
        var stored = _store.GetCallRecordVersion(record.Id);
        if (stored >= record.Version)
        {
            return RowChange.Unchanged;
        }

        if (stored is not null)
        {
            foreach (var table in new[] { StoreTable.CallRecords, StoreTable.Sessions, StoreTable.Segments, StoreTable.MediaStreams })
            {
                using var delete = _store.Command($"DELETE FROM \"{table.Name}\" WHERE \"{(table == StoreTable.CallRecords ? "Id" : "CallRecordId")}\" = $id");
                delete.Parameters.AddWithValue("$id", record.Id);
                delete.ExecuteNonQuery();
            }
        }

        Commands(StoreTable.CallRecords).Insert(record);
        foreach (var session in record.Sessions ?? (IReadOnlyList<CallRecordSession>)Array.Empty<CallRecordSession>())
        {
            Commands(StoreTable.Sessions).Insert(session);
            foreach (var segment in session.Segments)
            {
                Commands(StoreTable.Segments).Insert(segment);
                foreach (var stream in segment.MediaStreams)
                {
                    Commands(StoreTable.MediaStreams).Insert(stream);
                }
            }
        }

        return stored is null ? RowChange.Added : RowChange.Updated;
    }

    /// <summary>Inserts a log row, or updates the stored row with the same key when any column differs.</summary>
    public RowChange UpsertRow(StoreTable table, object row)
    {
        // SQLite would take a NULL in a key of several columns and never match it again.
        foreach (var key in table.Key)
        {
            if (table.Columns[table.IndexOf(key)].ValueOf(row) == DBNull.Value)
            {
                throw new SyncRowWithoutKeyException(table.Name, key);
            }
        }

        var commands = Commands(table);
        if (commands.UpdateIfChanged(row))
        {
            return RowChange.Updated;
        }

        return commands.InsertIfMissing(row) ? RowChange.Added : RowChange.Unchanged;
    }

    /// <summary>Moves a pass's checkpoint forward (never back) to <paramref name="checkpoint"/>.</summary>
    public void AdvanceCheckpoint(string pass, DateTimeOffset checkpoint, DateTimeOffset now)
    {
        using var command = _store.Command(
            "INSERT INTO SyncCheckpoint (Kind, Checkpoint, UpdatedDateTime) VALUES ($kind, $checkpoint, $now) " +
            "ON CONFLICT (Kind) DO UPDATE SET Checkpoint = max(Checkpoint, excluded.Checkpoint), UpdatedDateTime = excluded.UpdatedDateTime");
        command.Parameters.AddWithValue("$kind", pass);
        command.Parameters.AddWithValue("$checkpoint", GraphTime.Format(checkpoint));
        command.Parameters.AddWithValue("$now", GraphTime.Format(now));
        command.ExecuteNonQuery();
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        foreach (var commands in _commands.Values)
        {
            commands.Dispose();
        }

        _transaction.Dispose();
        _ended();
    }

    private TableCommands Commands(StoreTable table)
    {
        if (!_commands.TryGetValue(table, out var commands))
        {
            commands = new TableCommands(_store, table);
            _commands.Add(table, commands);
        }

        return commands;
    }

    /// <summary>A table's prepared statements, reused for every row of the transaction.</summary>
    private sealed class TableCommands : IDisposable
    {
        private readonly StoreTable _table;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand? _insertIfMissing;
        private readonly SqliteCommand? _updateIfChanged;

        public TableCommands(SyncStore store, StoreTable table)
        {
            _table = table;
            _insert = Prepare(store, table.InsertSql());
            if (table.Key.Count > 0)
            {
                _insertIfMissing = Prepare(store, table.InsertSql() + " ON CONFLICT DO NOTHING");
                _updateIfChanged = Prepare(store, table.UpdateIfChangedSql());
            }
        }

        public void Insert(object row) => Run(_insert, row);

        public bool InsertIfMissing(object row) => Run(_insertIfMissing!, row) == 1;

        public bool UpdateIfChanged(object row) => Run(_updateIfChanged!, row) == 1;

        public void Dispose()
        {
            _insert.Dispose();
            _insertIfMissing?.Dispose();
            _updateIfChanged?.Dispose();
        }

        private int Run(SqliteCommand command, object row)
        {
            for (var i = 0; i < _table.Columns.Count; i++)
            {
                command.Parameters[i].Value = _table.Columns[i].ValueOf(row);
            }

            return command.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(SyncStore store, string sql)
        {
            var command = store.Command(sql);
            for (var i = 0; i < _table.Columns.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i, null));
            }

            return command;
        }
    }
}
