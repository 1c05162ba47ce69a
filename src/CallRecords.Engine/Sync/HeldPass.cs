using System;

namespace CallRecords.Engine.Sync;

/// <summary>A pass another worker held when this run wanted it, and when this run saw that.</summary>
internal sealed record HeldPass(GraphConnection Connection, SyncPass Pass, DateTimeOffset SeenHeld);
