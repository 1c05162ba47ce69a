using System;
using System.Collections.Generic;

namespace CallRecords.Engine.Sync;

/// <summary>What a sync run should do.</summary>
public sealed class SyncRequest
{
    /// <summary>
    /// Gets the kinds a run brings up to date unless told otherwise: every kind from Graph v1.0. The beta logs (SMS,
    /// PSTN blocked users) are read only when asked for: Microsoft may change or remove beta APIs, and a scheduled
    /// run should not start failing, or storing changed columns, because of that without the admin having opted in.
    /// </summary>
    public static IReadOnlyList<CallRecordSyncKind> DefaultKinds { get; } = new[]
    {
        CallRecordSyncKind.CallRecord, CallRecordSyncKind.MediaStream, CallRecordSyncKind.PstnCall, CallRecordSyncKind.DirectRoutingCall,
    };

    /// <summary>Gets or sets the kinds to bring up to date.</summary>
    public IReadOnlyCollection<CallRecordSyncKind> Kinds { get; set; } = DefaultKinds;

    /// <summary>Gets or sets where the first run of each pass starts; later runs continue from their checkpoints.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Gets or sets the end of what the run reads; null for Graph's time when the run starts (the connection's clock).</summary>
    public DateTimeOffset? Now { get; set; }
}
