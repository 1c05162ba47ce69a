using System;

namespace CallRecords;

/// <summary>What one Sync-CallRecord run did to one kind of data in the store.</summary>
public sealed class CallRecordSyncSummary
{
    /// <summary>Gets or sets the tenant the data is from.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the kind of data.</summary>
    public CallRecordSyncKind Kind { get; set; }

    /// <summary>Gets or sets the first start time the run read (the checkpoint less the overlap, or -Since).</summary>
    public DateTimeOffset StartDateTime { get; set; }

    /// <summary>Gets or sets the start time the run read up to: the new checkpoint when the run completed.</summary>
    public DateTimeOffset EndDateTime { get; set; }

    /// <summary>Gets or sets how many rows were new to the store.</summary>
    public long Added { get; set; }

    /// <summary>Gets or sets how many rows the store had in an older form (for call records: a lower version).</summary>
    public long Updated { get; set; }

    /// <summary>Gets or sets how many rows read again were already in the store as they are.</summary>
    public long Unchanged { get; set; }

    /// <summary>Gets or sets the checkpoint after the run: the next run reads from it, less the overlap.</summary>
    public DateTimeOffset? Checkpoint { get; set; }

    /// <summary>Gets or sets how long this kind took.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Gets or sets how much of <see cref="Duration"/> went to reading and writing rows in the store (the rest is Graph's).</summary>
    public TimeSpan StoreDuration { get; set; }
}
