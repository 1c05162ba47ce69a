using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>What a request is for: named in errors, with the permission a 403 should point to, and the budgets it counts against.</summary>
internal sealed class GraphOperation
{
    public const string CallRecordsPermission = "CallRecords.Read.All";
    public const string CallLogPermission = "CallRecord-PstnCalls.Read.All (or CallRecords.Read.All)";

    public static readonly GraphOperation ListCallRecords = new("list call records", CallRecordsPermission, b => b.CallRecordsPerApp, b => b.ListCallRecords);
    public static readonly GraphOperation GetCallRecord = new("get a call record", CallRecordsPermission, b => b.CallRecordsPerApp);
    public static readonly GraphOperation ListSessions = new("list sessions", CallRecordsPermission, b => b.CallRecordsPerApp);
    public static readonly GraphOperation ListParticipants = new("list participants", CallRecordsPermission, b => b.CallRecordsPerApp);

    public static readonly GraphOperation CreateSubscription = new("create the subscription", CallRecordsPermission);
    public static readonly GraphOperation ListSubscriptions = new("list subscriptions", CallRecordsPermission);
    public static readonly GraphOperation UpdateSubscription = new("renew the subscription", CallRecordsPermission);
    public static readonly GraphOperation DeleteSubscription = new("delete the subscription", CallRecordsPermission);

    private readonly Func<GraphBudgets, RateBudget?>[] _budgets;

    public GraphOperation(string description, string requiredPermission, params Func<GraphBudgets, RateBudget?>[] budgets)
    {
        Description = description;
        RequiredPermission = requiredPermission;
        _budgets = budgets;
    }

    public string Description { get; }

    public string RequiredPermission { get; }

    /// <summary>Gets or sets what to do when Graph throttles this operation anyway (a 429), before the retry.</summary>
    public Action<GraphBudgets, RequestLog>? OnThrottled { get; set; }

    /// <summary>The same operation on one call record: it counts against that record's budget as well.</summary>
    public GraphOperation On(CallRecordBudgetLease record) =>
        new(Description, RequiredPermission, [.. _budgets, _ => record.Budget]) { OnThrottled = OnThrottled };

    /// <summary>Waits until every budget this operation counts against has room for one more request; says how long that took.</summary>
    public Task<BudgetWait> WaitForBudgetsAsync(GraphBudgets budgets, RequestLog log, CancellationToken cancellationToken)
    {
        var applying = new List<RateBudget>(_budgets.Length);
        foreach (var budget in _budgets)
        {
            if (budget(budgets) is { } applies)
            {
                applying.Add(applies);
            }
        }

        return applying.Count == 0 ? Task.FromResult(BudgetWait.None) : RateBudget.WaitAllAsync(applying, log, cancellationToken);
    }
}
