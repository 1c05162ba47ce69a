using System;

namespace CallRecords.Engine;

/// <summary>
/// The two call log functions and how their ranges behave: getPstnCalls includes both ends and takes at most
/// 90 days; getDirectRoutingCalls excludes its end and documents no maximum. Source:
/// learn.microsoft.com/graph/api/callrecords-callrecord-getpstncalls and .../callrecords-callrecord-getdirectroutingcalls.
/// </summary>
public sealed class CallLogKind
{
    /// <summary>PSTN calls: calling plans, Operator Connect and audio conferencing.</summary>
    public static readonly CallLogKind Pstn = new("getPstnCalls", endInclusive: true, TimeSpan.FromDays(90), "get PSTN calls");

    /// <summary>Direct Routing calls through the tenant's own SBCs.</summary>
    public static readonly CallLogKind DirectRouting = new("getDirectRoutingCalls", endInclusive: false, TimeSpan.FromDays(90), "get Direct Routing calls");

    private readonly string _description;

    private CallLogKind(string function, bool endInclusive, TimeSpan maximumWindow, string description)
    {
        Function = function;
        EndInclusive = endInclusive;
        MaximumWindow = maximumWindow;
        _description = description;
    }

    /// <summary>Gets the Graph function name.</summary>
    public string Function { get; }

    /// <summary>Gets whether the function includes rows that start exactly at toDateTime.</summary>
    public bool EndInclusive { get; }

    /// <summary>Gets the longest range one request may ask for.</summary>
    public TimeSpan MaximumWindow { get; }

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
