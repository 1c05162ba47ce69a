using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace CallRecords.Engine;

/// <summary>
/// One budget per call record, made when a command starts working on the record and forgotten once no command
/// holds it and none of its requests is still inside the window, so a pull over thousands of records keeps only
/// those in use (and those used within the last window) in memory.
/// </summary>
internal sealed class CallRecordBudgets
{
    private readonly Dictionary<string, (RateBudget Budget, int Holders)> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _name;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private long _lastSweep = Stopwatch.GetTimestamp();

    public CallRecordBudgets(string name, int limit, TimeSpan window)
    {
        _name = name;
        _limit = limit;
        _window = window;
    }

    /// <summary>Gets how many record budgets are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The budget of record <paramref name="id"/>, held until the lease is disposed; every holder of one record shares one budget.</summary>
    public CallRecordBudgetLease Take(string id)
    {
        lock (_entries)
        {
            SweepIfDue();
            var (budget, holders) = _entries.TryGetValue(id, out var found) ? found : (new RateBudget(_name, _limit, _window), 0);
            _entries[id] = (budget, holders + 1);
            return new CallRecordBudgetLease(this, id, budget);
        }
    }

    /// <summary>Ends one hold on the record's budget; the budget stays until a sweep finds it idle.</summary>
    public void Release(string id)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                _entries[id] = (entry.Budget, entry.Holders - 1);
            }
        }
    }

    // At most once a window, so its cost stays a small share of the requests that made the entries.
    private void SweepIfDue()
    {
        if (Stopwatch.GetElapsedTime(_lastSweep) < _window)
        {
            return;
        }

        _lastSweep = Stopwatch.GetTimestamp();
        var idle = new List<string>();
        foreach (var (id, entry) in _entries)
        {
            if (entry.Holders == 0 && entry.Budget.IsIdle())
            {
                idle.Add(id);
            }
        }

        foreach (var id in idle)
        {
            _entries.Remove(id);
        }
    }
}
