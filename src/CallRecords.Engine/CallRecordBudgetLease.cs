using System;

namespace CallRecords.Engine;

/// <summary>A command's hold on one call record's budget, from its first request about the record to its last.</summary>
internal sealed class CallRecordBudgetLease : IDisposable
{
    private readonly string _id;
    private CallRecordBudgets? _owner;

    public CallRecordBudgetLease(CallRecordBudgets owner, string id, RateBudget budget)
    {
        _owner = owner;
        _id = id;
        Budget = budget;
    }

    public RateBudget Budget { get; }

    public void Dispose()
    {
        _owner?.Release(_id);
        _owner = null;
    }
}
