using System;
using System.Threading;

namespace CallRecords.Engine;

/// <summary>
/// The call log functions and how their ranges behave. getPstnCalls includes both ends and getDirectRoutingCalls
/// excludes its end (each page says so). The beta functions getSmsLog, getPstnBlockedUsersLog and
/// getPstnOnlineMeetingDialoutReport take at most 90 days; their current pages do not say whether the end is
/// included (an earlier revision of getSmsLog's said "UTC, inclusive" of both ends), so they are read as inclusive:
/// each window's request then stops one tick before the next window starts, and no row is read twice whichever way
/// Graph counts. Source: learn.microsoft.com/graph/api/callrecords-callrecord-{function name in lower case}.
/// </summary>
public sealed class CallLogKind
{
    /// <summary>PSTN calls: calling plans, Operator Connect and audio conferencing.</summary>
    public static readonly CallLogKind Pstn = new("getPstnCalls", "get PSTN calls", endInclusive: true);

    /// <summary>Direct Routing calls through the tenant's own SBCs.</summary>
    public static readonly CallLogKind DirectRouting = new("getDirectRoutingCalls", "get Direct Routing calls", endInclusive: false);

    /// <summary>SMS sent and received (beta).</summary>
    public static readonly CallLogKind Sms = new("getSmsLog", "get the SMS log", endInclusive: true, isBeta: true);

    /// <summary>Users blocked from PSTN calls, and unblocked (beta).</summary>
    public static readonly CallLogKind PstnBlockedUsers = new("getPstnBlockedUsersLog", "get the PSTN blocked users log", endInclusive: true, isBeta: true);

    /// <summary>Audio conferencing dial-out totals per meeting organizer (beta): a report over the range, not a log of events.</summary>
    public static readonly CallLogKind PstnOnlineMeetingDialout = new("getPstnOnlineMeetingDialoutReport", "get the PSTN online meeting dial-out report", endInclusive: true, isBeta: true, isAggregate: true);

    private readonly string _description;
    private int _betaNoticeShown;

    private CallLogKind(string function, string description, bool endInclusive, bool isBeta = false, bool isAggregate = false)
    {
        Function = function;
        _description = description;
        EndInclusive = endInclusive;
        IsBeta = isBeta;
        IsAggregate = isAggregate;
    }

    /// <summary>Gets the Graph function name.</summary>
    public string Function { get; }

    /// <summary>Gets whether the function includes rows that start exactly at toDateTime.</summary>
    public bool EndInclusive { get; }

    /// <summary>Gets the longest range one request may ask for: 90 days for every function (getDirectRoutingCalls documents no maximum; it gets the same).</summary>
    public TimeSpan MaximumWindow { get; } = TimeSpan.FromDays(90);

    /// <summary>Gets whether the function is only in Graph's beta endpoint.</summary>
    public bool IsBeta { get; }

    /// <summary>
    /// Gets whether each row totals the whole range asked for rather than recording one event: a longer window then
    /// holds no more rows, so windows are always as long as the API allows, and the rows of several windows are added up.
    /// </summary>
    public bool IsAggregate { get; }

    /// <summary>Warns, the first time a beta function is read in this process, that Microsoft may change it.</summary>
    internal void ShowBetaNotice(RequestLog log)
    {
        if (IsBeta && Interlocked.Exchange(ref _betaNoticeShown, 1) == 0)
        {
            log.WriteWarning($"{Function} is a Microsoft Graph beta API (/beta): Microsoft may change or remove it without notice and does not support it in production. This warning is shown once per session.");
        }
    }

    /// <summary>
    /// The operation for one query and its nextLinks: it counts against the per-app budget, its own per-collection
    /// budget, and the function's shared one once Graph has shown that "collection" means the whole function. A 429
    /// teaches the connection that.
    /// </summary>
    internal GraphOperation QueryOperation(GraphBudgets budgets)
    {
        var query = budgets.NewCallLogQuery(Function);
        return new GraphOperation(_description, GraphOperation.CallLogPermission, b => b.CallLogsPerApp, b => b.CallLogFunction(this), _ => query)
        {
            OnThrottled = (b, log) =>
            {
                if (b.LearnCallLogLimitPerFunction())
                {
                    log.WriteVerbose($"Graph throttled {Function} although each query kept under its limit; from now on this connection reads one window at a time and counts every {Function} query against one limit.");
                }
            },
        };
    }
}
