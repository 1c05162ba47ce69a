using System;
using System.Collections.Concurrent;
using System.Threading;

namespace CallRecords.Engine;

/// <summary>Graph's published limits, with a margin, as budgets. Source: learn.microsoft.com/graph/throttling-limits, the call records and PSTN call log sections.</summary>
internal sealed class GraphBudgets
{
    /// <summary>
    /// Requests about one call record (its get, its sessions' and its participants' pages) per 20 s: 90% of Graph's
    /// 40 (learn.microsoft.com/graph/throttling-limits, call records, "Per call record"). A meeting of more than
    /// 36 pages of sessions waits for it instead of drawing 429s.
    /// </summary>
    internal const int PerCallRecordBudget = 36;

    // Graph's per-app limits with their margins: 1,500 / 20 s for call records, 200 / 60 s for the PSTN-type logs.
    private const int CallRecordsPerAppBudget = 1350;
    private const int CallLogsPerAppBudget = 190;

    // The PSTN-type logs' per-collection limit (50 / 60 s), at the same share as their per-app budget.
    private const int CallLogCollectionBudget = 47;
    private readonly TimeSpan _callLogWindow;
    private readonly ConcurrentDictionary<string, RateBudget> _callLogFunctions = new(StringComparer.Ordinal);
    private int _callLogLimitPerFunction;

    /// <summary>
    /// Creates the budgets; <paramref name="windowScale"/> shrinks every window, to match an emulator run with
    /// --time-scale. With a <paramref name="scope"/>, the per-app budgets are shared with every process of the module
    /// on this machine that connects with the same scope (<see cref="SharedBudgetFile"/>); the others stay in process.
    /// </summary>
    public GraphBudgets(double windowScale = 1, BudgetScope? scope = null)
    {
        TimeSpan Window(double seconds) => TimeSpan.FromSeconds(seconds * windowScale);

        _callLogWindow = Window(60);
        var shared = scope is null
            ? null
            : SharedBudgetFile.For(scope, windowScale, [(CallRecordsPerAppBudget, Window(20)), (CallLogsPerAppBudget, _callLogWindow)]);
        SharedFile = shared;

        // 90% of each call records limit leaves room for other clients of the same app and for clock skew. The
        // PSTN-type logs keep 95%: their limits are four times smaller, and 90% of the per-app ceiling is the target.
        CallRecordsPerApp = new("call records per app and tenant (1,500 / 20 s)", CallRecordsPerAppBudget, Window(20), shared, 0);
        ListCallRecords = new("list call records (40 / 20 s)", 36, Window(20));
        CallRecords = new CallRecordBudgets("per call record (40 / 20 s)", PerCallRecordBudget, Window(20));

        // Every call log function, the beta SMS, blocked users and dial-out ones included, counts against this one.
        CallLogsPerApp = new("PSTN-type logs per app and tenant (200 / 60 s)", CallLogsPerAppBudget, _callLogWindow, shared, 1);
    }

    public RateBudget CallRecordsPerApp { get; }

    /// <summary>Gets the file the per-app budgets are shared through, if any.</summary>
    public SharedBudgetFile? SharedFile { get; }

    public RateBudget ListCallRecords { get; }

    public RateBudget CallLogsPerApp { get; }

    /// <summary>Gets the budgets of the call records being worked on, one per record.</summary>
    public CallRecordBudgets CallRecords { get; }

    /// <summary>
    /// Gets whether Graph has shown that its per-collection limit on the PSTN-type logs counts every query of a
    /// function together: it throttled a pull that kept each query under the limit.
    /// </summary>
    public bool CallLogLimitPerFunction => Volatile.Read(ref _callLogLimitPerFunction) == 1;

    /// <summary>A budget for one query (one function call and its nextLinks): the per-collection limit.</summary>
    public RateBudget NewCallLogQuery(string function) => new(function + " query (50 / 60 s)", CallLogCollectionBudget, _callLogWindow);

    /// <summary>The budget all queries of a function share, once Graph has shown that it counts them together; otherwise null.</summary>
    public RateBudget? CallLogFunction(CallLogKind kind) =>
        !CallLogLimitPerFunction ? null : _callLogFunctions.GetOrAdd(kind.Function, function => new(function + " (50 / 60 s)", CallLogCollectionBudget, _callLogWindow));

    /// <summary>Records that a call log request was throttled; returns true the first time.</summary>
    public bool LearnCallLogLimitPerFunction() => Interlocked.Exchange(ref _callLogLimitPerFunction, 1) == 0;
}
