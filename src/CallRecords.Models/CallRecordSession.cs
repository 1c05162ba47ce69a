using System;
using CallRecords.Columns;

namespace CallRecords;

/// <summary>A session of a call record: one caller and one callee endpoint, flattened.</summary>
public sealed class CallRecordSession
{
    /// <summary>Gets or sets the tenant the row comes from: the connection's. A row of another tenant with the same id is another row.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Gets or sets the id of the call record this session belongs to.</summary>
    public string CallRecordId { get; set; } = "";

    /// <summary>Gets or sets the session id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets when the session started.</summary>
    public DateTimeOffset? StartDateTime { get; set; }

    /// <summary>Gets or sets when the session ended.</summary>
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>Gets the time between start and end.</summary>
    public TimeSpan? Duration => EndDateTime - StartDateTime;

    /// <summary>Gets or sets the modalities used in the session.</summary>
    public ValueList<string> Modalities { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>Gets or sets whether this was a test session.</summary>
    public bool? IsTest { get; set; }

    /// <summary>Gets or sets the caller endpoint, spread into Caller* columns.</summary>
    [Flatten("Caller")]
    internal CallEndpoint Caller { get; set; } = new CallEndpoint();

    /// <summary>Gets or sets the callee endpoint, spread into Callee* columns.</summary>
    [Flatten("Callee")]
    internal CallEndpoint Callee { get; set; } = new CallEndpoint();

    /// <summary>Gets or sets the failure stage, when the session failed.</summary>
    public string? FailureStage { get; set; }

    /// <summary>Gets or sets the failure reason, when the session failed.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Gets the number of segments returned with the session.</summary>
    public int SegmentCount => Segments.Count;

    /// <summary>Gets or sets the session's segments.</summary>
    [Nested]
    public ValueList<CallRecordSegment> Segments { get; set; } = new ValueList<CallRecordSegment>(Array.Empty<CallRecordSegment>(), "; ");

    /// <summary>The session id.</summary>
    public override string ToString() => Id;
}
