using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;

namespace CallRecords.Engine.Sync;

/// <summary>
/// The prepared statements of one SQLite transaction, made once per table and reused for every row: SQLite is fastest
/// row by row with a prepared statement, where PostgreSQL wants COPY.
/// </summary>
internal sealed class SqliteTableCommands : IDisposable
{
    private readonly StoreConnection _connection;
    private readonly Dictionary<(StoreTable Table, string Kind), DbCommand> _commands = new();

    public SqliteTableCommands(StoreConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Inserts a call record with its sessions, segments and media streams.</summary>
    public void InsertCallRecord(CallRecord record)
    {
        Run(StoreTable.CallRecords, "insert", record);
        foreach (var session in record.Sessions ?? (IReadOnlyList<CallRecordSession>)Array.Empty<CallRecordSession>())
        {
            Run(StoreTable.Sessions, "insert", session);
            foreach (var segment in session.Segments)
            {
                Run(StoreTable.Segments, "insert", segment);
                foreach (var stream in segment.MediaStreams)
                {
                    Run(StoreTable.MediaStreams, "insert", stream);
                }
            }
        }
    }

    /// <summary>Deletes a stored call record with everything under it.</summary>
    public void DeleteCallRecord(string tenantId, string id)
    {
        foreach (var table in StoreTable.CallRecordTables)
        {
            using var delete = _connection.Command($"DELETE FROM {StoreTable.Quote(table.Name)} WHERE TenantId = @tenant AND {StoreTable.Quote(table.CallRecordColumn)} = @id", ("tenant", tenantId), ("id", id));
            delete.ExecuteNonQuery();
        }
    }

    /// <summary>Inserts a log row, or updates the stored row with the same key when any column differs.</summary>
    public RowChange Upsert(StoreTable table, object row)
    {
        if (Run(table, "update", row) == 1)
        {
            return RowChange.Updated;
        }

        return Run(table, "insertIfMissing", row) == 1 ? RowChange.Added : RowChange.Unchanged;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private int Run(StoreTable table, string kind, object row)
    {
        if (!_commands.TryGetValue((table, kind), out var command))
        {
            command = _connection.Command(kind switch
            {
                "insert" => InsertSql(table),
                "insertIfMissing" => InsertSql(table) + " ON CONFLICT DO NOTHING",
                _ => UpdateIfChangedSql(table),
            });
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                command.Parameters.Add(parameter);
            }

            command.Prepare();
            _commands.Add((table, kind), command);
        }

        for (var i = 0; i < table.Columns.Count; i++)
        {
            command.Parameters[i].Value = _connection.Dialect.ParameterOf(table.Columns[i].ValueOf(row));
        }

        return command.ExecuteNonQuery();
    }

    private static string InsertSql(StoreTable table) =>
        $"INSERT INTO {StoreTable.Quote(table.Name)} ({table.ColumnList()}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i))})";

    /// <summary>Updates the row with the same key when any column differs; SQLite's changes() then says whether it did.</summary>
    private static string UpdateIfChangedSql(StoreTable table)
    {
        var set = string.Join(", ", table.Columns.Select((c, i) => $"{StoreTable.Quote(c.Name)} = @p{i}"));
        var key = string.Join(" AND ", table.Key.Select(k => $"{StoreTable.Quote(k)} = @p{table.IndexOf(k)}"));
        var same = string.Join(" AND ", table.Columns.Select((c, i) => $"{StoreTable.Quote(c.Name)} IS @p{i}"));
        return $"UPDATE {StoreTable.Quote(table.Name)} SET {set} WHERE {key} AND NOT ({same})";
    }
}
