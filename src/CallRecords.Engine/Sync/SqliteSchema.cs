using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Creates a SQLite store's tables, or brings a store written by an earlier release up to date in one transaction:
/// columns added since are added (old rows read NULL there), and keys without TenantId are rebuilt with it. Release
/// 0.1.0 kept one tenant without saying which; its rows are claimed by the tenant of the run that upgrades it, which
/// must therefore have exactly one.
/// </summary>
internal sealed class SqliteSchema
{
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private SqliteTransaction? _transaction;

    public SqliteSchema(SqliteConnection connection, string path)
    {
        _connection = connection;
        _path = path;
    }

    public void Create(IReadOnlyCollection<string> tenantIds, IEnumerable<string> indexes, string createCheckpoints, string createRuns, int version)
    {
        // WAL lets Get-CallRecordSyncState and SQL readers work while a run writes.
        Execute("PRAGMA journal_mode = WAL");
        using var transaction = _transaction = _connection.BeginTransaction();
        var claim = new Lazy<string>(() => ClaimingTenant(tenantIds));
        foreach (var table in StoreTable.All)
        {
            if (Columns(table.Name) is { Count: > 0 } existing)
            {
                foreach (var column in table.Columns.Where(c => !existing.ContainsKey(c.Name)))
                {
                    Execute(table.AddColumnSql(StoreDialect.Sqlite, column));
                }

                if (Execute($"SELECT count(*) FROM {StoreTable.Quote(table.Name)} WHERE TenantId IS NULL") > 0)
                {
                    Execute($"UPDATE {StoreTable.Quote(table.Name)} SET TenantId = @tenant WHERE TenantId IS NULL", claim.Value);
                }

                if (table.Key.Count > 0 && existing.GetValueOrDefault(StoreTable.TenantColumn) == 0)
                {
                    Rebuild(table.Name, table.CreateSql(StoreDialect.Sqlite), table.ColumnList());
                }
            }

            Execute(table.CreateSql(StoreDialect.Sqlite));
        }

        if (Columns("SyncCheckpoint") is { Count: > 0 } checkpoints && !checkpoints.ContainsKey(StoreTable.TenantColumn))
        {
            var hasRows = Execute("SELECT count(*) FROM SyncCheckpoint") > 0;
            Execute("ALTER TABLE SyncCheckpoint RENAME TO SyncCheckpoint_old");
            Execute(createCheckpoints);
            if (hasRows)
            {
                Execute("INSERT INTO SyncCheckpoint (TenantId, Kind, Checkpoint, UpdatedDateTime) SELECT @tenant, Kind, Checkpoint, UpdatedDateTime FROM SyncCheckpoint_old", claim.Value);
            }

            Execute("DROP TABLE SyncCheckpoint_old");
        }

        if (Columns("SyncRun") is { Count: > 0 } runs && !runs.ContainsKey(StoreTable.TenantColumn))
        {
            Execute("ALTER TABLE SyncRun ADD COLUMN TenantId TEXT");
            Execute("ALTER TABLE SyncRun ADD COLUMN Worker TEXT");
            if (Execute("SELECT count(*) FROM SyncRun") > 0)
            {
                Execute("UPDATE SyncRun SET TenantId = @tenant", claim.Value);
            }
        }

        Execute(createCheckpoints);
        Execute(createRuns);
        foreach (var sql in indexes.Append("CREATE INDEX IF NOT EXISTS CallRecordSession_CallRecordId ON CallRecordSession (TenantId, CallRecordId)"))
        {
            Execute(sql);
        }

        foreach (var (name, select) in StoreViews.For(StoreDialect.Sqlite))
        {
            Execute($"DROP VIEW IF EXISTS {StoreTable.Quote(name)}");
            Execute($"CREATE VIEW {StoreTable.Quote(name)} AS {select}");
        }

        Execute($"PRAGMA user_version = {version}");
        transaction.Commit();
    }

    private string ClaimingTenant(IReadOnlyCollection<string> tenantIds) => tenantIds.Count == 1
        ? tenantIds.First()
        : throw new SyncStoreException($"{_path} was written by an earlier release of CallRecords, which kept one tenant's rows without saying which. Run Sync-CallRecord on it once with only that tenant's connection: its rows become that tenant's, and then the store takes any tenants.", null);

    // SQLite cannot change a table's key in place: the table is made again with the new key and its rows copied over.
    private void Rebuild(string name, string createSql, string columns)
    {
        Execute($"ALTER TABLE {StoreTable.Quote(name)} RENAME TO {StoreTable.Quote(name + "_old")}");
        Execute(createSql);
        Execute($"INSERT INTO {StoreTable.Quote(name)} ({columns}) SELECT {columns} FROM {StoreTable.Quote(name + "_old")}");
        Execute($"DROP TABLE {StoreTable.Quote(name + "_old")}");
    }

    /// <summary>The table's columns, each with its place in the primary key (0 when not in it); empty when there is no such table.</summary>
    private Dictionary<string, long> Columns(string table)
    {
        var columns = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name, pk FROM pragma_table_info(@table)";
        command.Transaction = _transaction;
        command.Parameters.AddWithValue("@table", table);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns[reader.GetString(0)] = reader.GetInt64(1);
        }

        return columns;
    }

    private long Execute(string sql, string? tenant = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        if (tenant is not null)
        {
            command.Parameters.AddWithValue("@tenant", tenant);
        }

        return sql.StartsWith("SELECT", StringComparison.Ordinal) ? (long)command.ExecuteScalar()! : command.ExecuteNonQuery();
    }
}
