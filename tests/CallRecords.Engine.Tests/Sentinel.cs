namespace CallRecords.Engine.Tests;

/// <summary>The value a leaf of a <see cref="SentinelPayload"/> was given, and how to recognise it in a column.</summary>
internal sealed record Sentinel(object Value, SentinelKind Kind);
