using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>
/// A client-side budget of at most N requests in any sliding window, shared by every command on a connection,
/// so the module stays under Graph's published throttling limits instead of running into 429s.
/// </summary>
internal sealed class RateBudget
{
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly Queue<DateTime> _granted = new();
    private readonly object _lock = new();

    public RateBudget(string name, int limit, TimeSpan window)
    {
        Name = name;
        _limit = limit;
        _window = window;
    }

    public string Name { get; }

    /// <summary>Waits until one more request fits in the window, then counts it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = DateTime.UtcNow;
                while (_granted.Count > 0 && now - _granted.Peek() >= _window)
                {
                    _granted.Dequeue();
                }

                if (_granted.Count < _limit)
                {
                    _granted.Enqueue(now);
                    return;
                }

                wait = _granted.Peek() + _window - now;
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Graph's published limits, with a margin, as budgets. Source: reference/graph-callrecords-api.md section 4, Throttling.</summary>
internal sealed class GraphBudgets
{
    /// <summary>Creates the budgets; <paramref name="windowScale"/> shrinks every window, to match an emulator run with --time-scale.</summary>
    public GraphBudgets(double windowScale = 1)
    {
        TimeSpan Window(double seconds) => TimeSpan.FromSeconds(seconds * windowScale);

        // 90% of each published limit leaves room for other clients of the same app and for clock skew.
        CallRecordsPerApp = new("call records per app and tenant (1,500 / 20 s)", 1350, Window(20));
        ListCallRecords = new("list call records (40 / 20 s)", 36, Window(20));
        PstnPerApp = new("PSTN-type calls per app and tenant (200 / 60 s)", 180, Window(60));
        PstnCalls = new("getPstnCalls collection (50 / 60 s)", 45, Window(60));
        DirectRoutingCalls = new("getDirectRoutingCalls collection (50 / 60 s)", 45, Window(60));
    }

    public RateBudget CallRecordsPerApp { get; }

    public RateBudget ListCallRecords { get; }

    public RateBudget PstnPerApp { get; }

    public RateBudget PstnCalls { get; }

    public RateBudget DirectRoutingCalls { get; }
}
