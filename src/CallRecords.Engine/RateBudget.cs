using System;
using System.Collections.Generic;
using System.Diagnostics;
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
    private static readonly TimeSpan s_shortestWait = TimeSpan.FromMilliseconds(1);
    private readonly int _limit;
    private readonly TimeSpan _window;

    // Stopwatch timestamps: a monotonic clock, so a change of the system clock neither frees nor blocks room.
    private readonly Queue<long> _granted = new();

    // Where the budget is shared with other processes: that file's window also counts their requests. This
    // process's own are counted here as well, so losing the file loses nothing of them.
    private readonly SharedBudgetFile? _sharedFile;
    private readonly int _sharedWindow;

    public RateBudget(string name, int limit, TimeSpan window, SharedBudgetFile? sharedFile = null, int sharedWindow = -1)
    {
        Name = name;
        _limit = limit;
        _window = window;
        _sharedFile = sharedFile;
        _sharedWindow = sharedWindow;
    }

    public string Name { get; }

    /// <summary>Gets how many requests the budget allows in one window.</summary>
    public int Limit => _limit;

    /// <summary>Gets the length of the sliding window.</summary>
    public TimeSpan Window => _window;

    /// <summary>
    /// Waits until one more request fits in every one of <paramref name="budgets"/>, then counts it in each; says how
    /// long that took and which budget held the request up.
    /// </summary>
    public static Task<BudgetWait> WaitAllAsync(IReadOnlyList<RateBudget> budgets, CancellationToken cancellationToken) =>
        WaitAllAsync(budgets, RequestLog.None, cancellationToken);

    /// <summary>
    /// Waits until one more request fits in every one of <paramref name="budgets"/>, in this process and in the shared
    /// file of those that have one, then counts it in each; <paramref name="log"/> hears once why a shared file is not used.
    /// </summary>
    public static async Task<BudgetWait> WaitAllAsync(IReadOnlyList<RateBudget> budgets, RequestLog log, CancellationToken cancellationToken)
    {
        long firstWait = 0;
        RateBudget? holdingUp = null;
        while (true)
        {
            var wait = TimeSpan.Zero;
            RateBudget? narrowest = null;
            lock (s_lock)
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var budget in budgets)
                {
                    var free = budget.TimeUntilRoom(now);
                    if (free > wait)
                    {
                        wait = free;
                        narrowest = budget;
                    }
                }

                if (wait == TimeSpan.Zero && Shared(budgets) is { } shared)
                {
                    // Only once this process has room: the file is then asked to count the request, or to say how long.
                    var windows = new List<int>(budgets.Count);
                    foreach (var budget in budgets)
                    {
                        if (budget._sharedFile == shared)
                        {
                            windows.Add(budget._sharedWindow);
                        }
                    }

                    if (shared.TryTake(windows, now, log, out var fullest) is { } sharedWait && sharedWait > TimeSpan.Zero)
                    {
                        wait = sharedWait;
                        foreach (var budget in budgets)
                        {
                            narrowest = budget._sharedFile == shared && budget._sharedWindow == fullest ? budget : narrowest;
                        }
                    }
                }

                if (wait == TimeSpan.Zero)
                {
                    foreach (var budget in budgets)
                    {
                        budget._granted.Enqueue(now);
                    }

                    return holdingUp is null ? BudgetWait.None : new BudgetWait(Stopwatch.GetElapsedTime(firstWait, now), holdingUp.Name);
                }
            }

            if (holdingUp is null)
            {
                firstWait = Stopwatch.GetTimestamp();
                holdingUp = narrowest;
            }

            await Task.Delay(wait < s_shortestWait ? s_shortestWait : wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether no request counted in this budget is still inside its window, so forgetting it loses nothing.</summary>
    public bool IsIdle()
    {
        lock (s_lock)
        {
            TimeUntilRoom(Stopwatch.GetTimestamp());
            return _granted.Count == 0;
        }
    }

    // A connection's budgets share at most one file: that of its tenant, app and host.
    private static SharedBudgetFile? Shared(IReadOnlyList<RateBudget> budgets)
    {
        foreach (var budget in budgets)
        {
            if (budget._sharedFile is { Failed: false } file)
            {
                return file;
            }
        }

        return null;
    }

    private TimeSpan TimeUntilRoom(long now)
    {
        while (_granted.Count > 0 && Stopwatch.GetElapsedTime(_granted.Peek(), now) >= _window)
        {
            _granted.Dequeue();
        }

        return _granted.Count < _limit ? TimeSpan.Zero : _window - Stopwatch.GetElapsedTime(_granted.Peek(), now);
    }
}
