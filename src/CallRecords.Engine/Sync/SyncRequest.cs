using System;
using System.Collections.Generic;

namespace CallRecords.Engine.Sync;

/// <summary>What a sync run should do.</summary>
public sealed class SyncRequest
{
    /// <summary>Gets or sets the kinds to bring up to date.</summary>
    public IReadOnlyCollection<CallRecordSyncKind> Kinds { get; set; } = Enum.GetValues<CallRecordSyncKind>();

    /// <summary>Gets or sets where the first run of each pass starts; later runs continue from their checkpoints.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Gets or sets the end of what the run reads; null for Graph's time when the run starts (the connection's clock).</summary>
    public DateTimeOffset? Now { get; set; }
}
