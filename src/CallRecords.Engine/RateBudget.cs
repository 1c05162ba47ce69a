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
    // One lock for all budgets: a request takes room in every budget it counts against at once, or in none, so
    // waiting on a narrow budget never holds room in a wide one that other requests could use.
    private static readonly object s_lock = new();
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly Queue<DateTime> _granted = new();

    public RateBudget(string name, int limit, TimeSpan window)
    {
        Name = name;
        _limit = limit;
        _window = window;
    }

    public string Name { get; }

    /// <summary>Gets how many requests the budget allows in one window.</summary>
    public int Limit => _limit;

    /// <summary>Waits until one more request fits in every one of <paramref name="budgets"/>, then counts it in each.</summary>
    public static async Task WaitAllAsync(IReadOnlyList<RateBudget> budgets, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TimeSpan.Zero;
            lock (s_lock)
            {
                var now = DateTime.UtcNow;
                foreach (var budget in budgets)
                {
                    var free = budget.TimeUntilRoom(now);
                    wait = free > wait ? free : wait;
                }

                if (wait == TimeSpan.Zero)
                {
                    foreach (var budget in budgets)
                    {
                        budget._granted.Enqueue(now);
                    }

                    return;
                }
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan TimeUntilRoom(DateTime now)
    {
        while (_granted.Count > 0 && now - _granted.Peek() >= _window)
        {
            _granted.Dequeue();
        }

        return _granted.Count < _limit ? TimeSpan.Zero : _granted.Peek() + _window - now;
    }
}
