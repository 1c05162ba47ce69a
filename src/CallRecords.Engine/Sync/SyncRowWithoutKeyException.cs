using System;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Thrown when Graph returns a log row without a column of its table's key: the row cannot be matched with what the
/// store holds, so the run stops before writing it rather than store a row every later run would add again.
/// </summary>
public sealed class SyncRowWithoutKeyException : Exception
{
    /// <summary>Creates the exception for a table and the key column the row lacks.</summary>
    public SyncRowWithoutKeyException(string table, string column)
        : base($"Graph returned a {table} row without {column}, which the store keys that table by; the run stopped before storing it, and the checkpoint stays before it. If the kind reads a Graph beta API, its rows may have changed shape: sync the other kinds without it until the module handles the change.")
    {
        Table = table;
        Column = column;
    }

    /// <summary>Gets the table the row was for.</summary>
    public string Table { get; }

    /// <summary>Gets the key column the row lacks.</summary>
    public string Column { get; }
}
