using System;

namespace CallRecords.Engine;

/// <summary>Which call records to list: a start-time range (start inclusive, end exclusive) and optionally one participant.</summary>
public sealed class CallRecordQuery
{
    /// <summary>Gets or sets the earliest start time to include.</summary>
    public DateTimeOffset StartDateTime { get; set; }

    /// <summary>Gets or sets the start time to stop before.</summary>
    public DateTimeOffset EndDateTime { get; set; }

    /// <summary>Gets or sets a participant id (Entra object id) the records must include.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets whether to fetch each record's sessions and segments.</summary>
    public bool ExpandSessions { get; set; }

    /// <summary>The $filter this query sends.</summary>
    public string ToFilter()
    {
        var filter = $"startDateTime ge {GraphTime.Format(StartDateTime)} and startDateTime lt {GraphTime.Format(EndDateTime)}";
        if (!string.IsNullOrEmpty(UserId))
        {
            filter += $" and participants_v2/any(p:p/id eq '{UserId!.Replace("'", "''")}')";
        }

        return filter;
    }
}
