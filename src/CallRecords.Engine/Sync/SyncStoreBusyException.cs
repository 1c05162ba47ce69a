using System;

namespace CallRecords.Engine.Sync;

/// <summary>Thrown when another run holds the store longer than the caller would wait.</summary>
public sealed class SyncStoreBusyException : Exception
{
    /// <summary>Creates the exception for a store and the time waited.</summary>
    public SyncStoreBusyException(string path, TimeSpan waited)
        : base($"Another Sync-CallRecord run is writing {path}; waited {waited.TotalSeconds:0.#} s for it to finish. Run again later, or give -LockTimeout more time.")
    {
        StorePath = path;
    }

    /// <summary>Gets the store's path.</summary>
    public string StorePath { get; }
}
