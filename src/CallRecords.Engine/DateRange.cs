using System;
using System.Collections.Generic;

namespace CallRecords.Engine;

/// <summary>
/// A range of call start times [Start, End) as a command asked for it, made to fit what Graph serves: an end in the
/// future is clamped to now, and call records reach back only as far as Graph keeps them. Each change is said in
/// <see cref="Warnings"/>, for the command to write; a start not before the end is an <see cref="InvalidDateRangeException"/>.
/// </summary>
public sealed class DateRange
{
    /// <summary>How long Graph keeps call records: a record older than this is a 404 and is never listed (learn.microsoft.com/graph/api/resources/callrecords-api-overview).</summary>
    public static readonly TimeSpan CallRecordRetention = TimeSpan.FromDays(30);

    private DateRange(DateTimeOffset start, DateTimeOffset end, bool isEmpty, List<string> warnings)
    {
        Start = start;
        End = end;
        IsEmpty = isEmpty;
        Warnings = warnings;
    }

    /// <summary>Gets the earliest start time included.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the start time the range stops before.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Gets whether nothing in the range can exist: it ends before the oldest record Graph keeps.</summary>
    public bool IsEmpty { get; }

    /// <summary>Gets what was changed from what was asked, as sentences to show the user.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Call records: the end defaults to now, the start to (and is raised to) the oldest record Graph keeps; the range
    /// is empty when it ends before that.
    /// </summary>
    public static DateRange ForCallRecords(DateTime? start, DateTime? end, DateTimeOffset now)
    {
        var warnings = new List<string>();
        var oldest = now - CallRecordRetention;
        var to = EndOf(end, now, "listing", warnings);
        var from = start is { } requested ? ToUtc(requested) : oldest;
        Check(from, to);
        if (to <= oldest)
        {
            warnings.Add($"Graph keeps call records for {CallRecordRetention.TotalDays:0} days: records that started before {oldest:u} do not exist, so this range has none.");
            return new DateRange(from, to, isEmpty: true, warnings);
        }

        if (from < oldest)
        {
            if (start is not null)
            {
                warnings.Add($"Graph keeps call records for {CallRecordRetention.TotalDays:0} days: records that started before {oldest:u} do not exist. Listing from {oldest:u}.");
            }

            from = oldest;
        }

        return new DateRange(from, to, isEmpty: false, warnings);
    }

    /// <summary>PSTN and Direct Routing logs: any start, the end defaulting to and clamped to now.</summary>
    public static DateRange ForCallLogs(DateTime start, DateTime? end, DateTimeOffset now)
    {
        var warnings = new List<string>();
        var to = EndOf(end, now, "reading", warnings);
        var from = ToUtc(start);
        Check(from, to);
        return new DateRange(from, to, isEmpty: false, warnings);
    }

    /// <summary>A DateTime parameter in UTC; one without a kind is what the user typed at the prompt: local time.</summary>
    public static DateTimeOffset ToUtc(DateTime value) =>
        new(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The range as text, for error targets and messages.</summary>
    public override string ToString() => $"{Start:o}/{End:o}";

    private static DateTimeOffset EndOf(DateTime? end, DateTimeOffset now, string doing, List<string> warnings)
    {
        var to = end is { } requested ? ToUtc(requested) : now;
        if (to > now)
        {
            warnings.Add($"-EndDateTime {to:u} is in the future; {doing} up to now ({now:u}).");
            to = now;
        }

        return to;
    }

    private static void Check(DateTimeOffset from, DateTimeOffset to)
    {
        if (from >= to)
        {
            throw new InvalidDateRangeException($"-StartDateTime {from:u} must be before -EndDateTime {to:u} (and before now).");
        }
    }
}
