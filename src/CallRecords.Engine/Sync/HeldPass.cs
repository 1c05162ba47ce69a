namespace CallRecords.Engine.Sync;

/// <summary>A tenant's pass that another worker held when this run wanted it.</summary>
internal sealed record HeldPass(GraphConnection Connection, SyncPass Pass);
