using System.Text.RegularExpressions;

namespace CallRecords.Emulator;

/// <summary>
/// The resource of a call records subscription: /communications/callRecords (the leading slash optional), for every
/// record, or with $filter=participants/any(p:p/id eq '...') for the records of some participants. The filter may
/// name participants_v2, join ids with 'or' inside or between any() clauses, or list them with 'in'.
/// </summary>
public static partial class CallRecordsResource
{
    /// <summary>Reads a subscription's resource; <paramref name="participantIds"/> is null when it has no filter.</summary>
    public static bool TryParse(string resource, out HashSet<string>? participantIds, out string problem)
    {
        participantIds = null;
        problem = "";
        var match = ResourcePattern().Match(resource);
        if (!match.Success)
        {
            problem = $"The resource '{resource}' is not supported. The emulator serves subscriptions to /communications/callRecords, optionally with ?$filter=participants/any(p:p/id eq '{{id}}').";
            return false;
        }

        if (!match.Groups["filter"].Success)
        {
            return true;
        }

        var filter = Uri.UnescapeDataString(match.Groups["filter"].Value);
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (true)
        {
            var any = AnyOpening().Match(filter, position);
            if (!any.Success)
            {
                problem = $"Invalid filter clause at position {position} in '{filter}'. Supported: participants/any(p:p/id eq '<id>') with 'or' or 'in'.";
                return false;
            }

            position += any.Length;
            var variable = any.Groups["var"].Value;
            while (true)
            {
                var condition = IdCondition().Match(filter, position);
                if (!condition.Success || !condition.Groups["var"].Value.Equals(variable, StringComparison.Ordinal))
                {
                    problem = $"Syntax error at position {position} in '{filter}': expected {variable}/id eq '<id>' or {variable}/id in ('<id>', ...).";
                    return false;
                }

                foreach (Capture id in condition.Groups["id"].Captures)
                {
                    ids.Add(id.Value.Replace("''", "'", StringComparison.Ordinal));
                }

                position += condition.Length;
                var or = InnerOr().Match(filter, position);
                if (!or.Success)
                {
                    break;
                }

                position += or.Length;
            }

            var closing = Closing().Match(filter, position);
            if (!closing.Success)
            {
                problem = $"Syntax error at position {position} in '{filter}': expected 'or' or ')'.";
                return false;
            }

            position += closing.Length;
            if (position == filter.Length)
            {
                participantIds = ids;
                return true;
            }
        }
    }

    [GeneratedRegex(@"^/?communications/callRecords/?(?:\?\$filter=(?<filter>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"\G\s*participants(?:_v2)?/any\(\s*(?<var>\w+)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AnyOpening();

    [GeneratedRegex(@"\G(?<var>\w+)/id\s+(?:eq\s+'(?<id>(?:[^']|'')*)'|in\s*\(\s*'(?<id>(?:[^']|'')*)'(?:\s*,\s*'(?<id>(?:[^']|'')*)')*\s*\))", RegexOptions.IgnoreCase)]
    private static partial Regex IdCondition();

    [GeneratedRegex(@"\G\s+or\s+", RegexOptions.IgnoreCase)]
    private static partial Regex InnerOr();

    /// <summary>The end of an any() clause, then 'or' and the next clause, or the end of the filter.</summary>
    [GeneratedRegex(@"\G\s*\)(?:\s+or\s+(?=\S)|\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex Closing();
}
