using System.Globalization;
using System.Text.RegularExpressions;

namespace CallRecords.Emulator;

/// <summary>
/// The $filter forms the list endpoint documents: startDateTime with ge, gt, le or lt, and
/// participants_v2/any(p:p/id eq '...'), joined by 'and'. Anything else is a 400, as from Graph.
/// </summary>
public sealed partial class CallFilter
{
    private readonly List<Func<CallRecordHeader, bool>> _conditions = new();

    private CallFilter()
    {
    }

    /// <summary>Gets the earliest start any match can have, so listing can begin with a binary search.</summary>
    public DateTimeOffset? EarliestStart { get; private set; }

    /// <summary>Gets the latest start any match can have, so listing can stop early.</summary>
    public DateTimeOffset? LatestStart { get; private set; }

    /// <summary>Gets the participant id a participants_v2 clause asks for, if any.</summary>
    public string? ParticipantId { get; private set; }

    public static bool TryParse(string text, out CallFilter filter, out string problem)
    {
        filter = new CallFilter();
        problem = "";
        var position = string.IsNullOrWhiteSpace(text) ? text.Length : 0;
        while (position < text.Length)
        {
            var date = DateClause().Match(text, position);
            var participant = ParticipantClause().Match(text, position);
            if (date.Success && DateTimeOffset.TryParse(date.Groups["value"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                filter.AddDateCondition(date.Groups["op"].Value.ToLowerInvariant(), value);
                position += date.Length;
            }
            else if (participant.Success)
            {
                var id = participant.Groups["id"].Value.Replace("''", "'", StringComparison.Ordinal);
                filter.ParticipantId = id;
                filter._conditions.Add(call => call.Participants.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)));
                position += participant.Length;
            }
            else
            {
                problem = $"Invalid filter clause at position {position} in '{text}'. Supported: startDateTime ge|gt|le|lt <date and time>, participants_v2/any(p:p/id eq '<id>'), joined by 'and'.";
                return false;
            }

            var joiner = And().Match(text, position);
            if (!joiner.Success)
            {
                problem = $"Syntax error at position {position} in '{text}': expected 'and' or the end of the filter.";
                return false;
            }

            position += joiner.Length;
        }

        return true;
    }

    public bool Matches(CallRecordHeader call)
    {
        foreach (var condition in _conditions)
        {
            if (!condition(call))
            {
                return false;
            }
        }

        return true;
    }

    private void AddDateCondition(string op, DateTimeOffset value)
    {
        switch (op)
        {
            case "ge":
            case "gt":
                EarliestStart = EarliestStart is { } earliest && earliest > value ? earliest : value;
                _conditions.Add(op == "ge" ? call => call.Start >= value : call => call.Start > value);
                break;
            default:
                LatestStart = LatestStart is { } latest && latest < value ? latest : value;
                _conditions.Add(op == "le" ? call => call.Start <= value : call => call.Start < value);
                break;
        }
    }

    [GeneratedRegex(@"\G\s*startDateTime\s+(?<op>ge|gt|le|lt)\s+(?<quote>'?)(?<value>[0-9][0-9T:.+\-Z]*)\k<quote>", RegexOptions.IgnoreCase)]
    private static partial Regex DateClause();

    [GeneratedRegex(@"\G\s*participants_v2/any\(\s*(?<var>\w+)\s*:\s*\k<var>/id\s+eq\s+'(?<id>(?:[^']|'')*)'\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ParticipantClause();

    [GeneratedRegex(@"\G(?:\s+and\s+(?=\S)|\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex And();
}
