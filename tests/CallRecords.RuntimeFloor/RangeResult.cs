using System;

namespace CallRecords.RuntimeFloor;

/// <summary>What one read over a range returned, beside what the emulator says it must return.</summary>
public sealed class RangeResult
{
    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    /// <summary>Gets how many distinct ids the Engine returned.</summary>
    public int Count { get; init; }

    /// <summary>Gets how many ids the emulator's truth has for the range.</summary>
    public int Truth { get; init; }

    /// <summary>Gets whether the Engine returned exactly the truth's ids, each once.</summary>
    public bool SameIds { get; init; }

    public override string ToString() =>
        $"[{From:u}, {To:u}): {Count} returned, {Truth} in the truth, {(SameIds ? "the same ids" : "NOT the same ids")}";
}
