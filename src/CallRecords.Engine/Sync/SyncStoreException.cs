using System;

namespace CallRecords.Engine.Sync;

/// <summary>Thrown when a file cannot be opened as a sync store (not a SQLite database, or not one of ours).</summary>
public sealed class SyncStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
