namespace CallRecords.Engine.Sync;

/// <summary>A pass another worker held when this run wanted it, and that worker's run of it (null when not yet recorded).</summary>
internal sealed record HeldPass(GraphConnection Connection, SyncPass Pass, long? HoldersRunId);
