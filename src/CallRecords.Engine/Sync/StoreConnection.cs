using System;
using System.Data.Common;
using System.Threading.Tasks;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A database connection lent to one operation of a store, with its transaction when it has one: the SQLite store's
/// only connection (one operation at a time) or a pooled PostgreSQL connection. Disposing gives it back.
/// </summary>
internal sealed class StoreConnection : IAsyncDisposable
{
    private readonly Func<ValueTask> _release;

    public StoreConnection(DbConnection connection, StoreDialect dialect, Func<ValueTask> release)
    {
        Connection = connection;
        Dialect = dialect;
        _release = release;
    }

    public DbConnection Connection { get; }

    public StoreDialect Dialect { get; }

    /// <summary>Gets or sets the transaction every command of this connection joins.</summary>
    public DbTransaction? Transaction { get; set; }

    /// <summary>A command with @parameters given as name and store value (converted for the database).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Dialect.ParameterOf(value);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            Transaction = null;
        }

        await _release().ConfigureAwait(false);
    }
}
