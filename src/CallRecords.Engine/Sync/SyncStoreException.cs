using System;

namespace CallRecords.Engine.Sync;

/// <summary>Thrown when a store cannot be used: not a database, not one of ours, or one this run cannot upgrade.</summary>
public sealed class SyncStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncStoreException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
