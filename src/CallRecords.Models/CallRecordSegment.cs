using System;
using CallRecords.Columns;

namespace CallRecords;

/// <summary>A segment of a session: one leg between two endpoints, with its media.</summary>
public sealed class CallRecordSegment
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the id of the call record.</summary>
    public string CallRecordId { get; set; } = "";

    /// <summary>Gets or sets the id of the session.</summary>
    public string SessionId { get; set; } = "";

    /// <summary>Gets or sets the segment id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets when the segment started.</summary>
    public DateTimeOffset? StartDateTime { get; set; }

    /// <summary>Gets or sets when the segment ended.</summary>
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>Gets or sets the caller endpoint, spread into Caller* columns.</summary>
    [Flatten("Caller")]
    internal CallEndpoint Caller { get; set; } = new CallEndpoint();

    /// <summary>Gets or sets the callee endpoint, spread into Callee* columns.</summary>
    [Flatten("Callee")]
    internal CallEndpoint Callee { get; set; } = new CallEndpoint();

    /// <summary>Gets or sets the failure stage, when the segment failed.</summary>
    public string? FailureStage { get; set; }

    /// <summary>Gets or sets the failure reason, when the segment failed.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Gets or sets the media labels in the segment, such as main-audio.</summary>
    public ValueList<string> MediaLabels { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>Gets or sets one flat row per media stream of the segment.</summary>
    [Nested]
    public ValueList<CallRecordMediaStream> MediaStreams { get; set; } = new ValueList<CallRecordMediaStream>(Array.Empty<CallRecordMediaStream>(), "; ");

    /// <summary>The segment id.</summary>
    public override string ToString() => Id;
}
