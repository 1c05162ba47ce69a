using System.Diagnostics;

namespace CallRecords.Emulator;

/// <summary>
/// One published Graph limit: at most <see cref="Limit"/> requests in any <see cref="Window"/> for a key. Keys of one
/// kind (every call record's, every log query's) share a <see cref="Group"/>, under which the stats report their peak.
/// </summary>
public readonly record struct ThrottleLimit(string Key, int Limit, TimeSpan Window, string Group);

/// <summary>
/// Graph's published throttling limits for call records and the PSTN-type logs (learn.microsoft.com/graph/throttling-limits, the call records and PSTN call log sections), as sliding
/// windows whose length is scaled by --time-scale. A request is admitted only if every limit it falls under has
/// room; only admitted requests use up room.
/// </summary>
public sealed class Throttling
{
    private static readonly TimeSpan s_callRecordsWindow = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_logsWindow = TimeSpan.FromSeconds(60);
    // How many admissions pass between two sweeps of the windows that have emptied (one per call record ever asked for).
    private const int AdmissionsPerSweep = 4096;
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, Queue<long>> _admitted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peaks = new(StringComparer.Ordinal);
    private int _admissionsSinceSweep;

    public Throttling(EmulatorOptions options) => _options = options;

    /// <summary>List, get, sessions and participants: per app per tenant, and per call record or for the list.</summary>
    public static ThrottleLimit[] CallRecordLimits(string? recordId) =>
    [
        new("callRecords:app", 1500, s_callRecordsWindow, "callRecords:app"),
        recordId is null
            ? new("callRecords:list", 40, s_callRecordsWindow, "callRecords:list")
            : new("callRecords:record:" + recordId.ToLowerInvariant(), 40, s_callRecordsWindow, "callRecords:record"),
    ];

    /// <summary>
    /// The call log functions (getPstnCalls, getDirectRoutingCalls, and beta's getSmsLog, getPstnBlockedUsersLog and
    /// getPstnOnlineMeetingDialoutReport, whose rows the page lists under the same PSTN call limits): per tenant, per
    /// app per tenant, and per collection: one query (a function call over one range, and its nextLinks), or with
    /// --log-collection function every query of the function.
    /// </summary>
    public ThrottleLimit[] LogLimits(LogKind kind, DateTimeOffset from, DateTimeOffset to) =>
    [
        new("logs:tenant", 1000, s_logsWindow, "logs:tenant"),
        new("logs:app", 200, s_logsWindow, "logs:app"),
        new(_options.LogCollectionPerFunction ? $"logs:collection:{kind}" : $"logs:collection:{kind}:{from.UtcTicks}-{to.UtcTicks}", 50, s_logsWindow, "logs:collection"),
    ];

    /// <summary>
    /// Subscriptions, per app per tenant. Graph publishes no limit of its own for them; the call records figure per
    /// app stands in, so a client's 429 handling is exercised on these routes too.
    /// </summary>
    public static ThrottleLimit[] SubscriptionLimits() => [new("subscriptions:app", 1500, s_callRecordsWindow, "subscriptions:app")];

    /// <summary>Forgets every request admitted so far, so the next client starts with every window empty (benchmarks run contenders one after another).</summary>
    public void Reset()
    {
        lock (_admitted)
        {
            _admitted.Clear();
            _peaks.Clear();
        }
    }

    /// <summary>Forgets the peaks, leaving the windows as they are (the stats are reset).</summary>
    public void ResetPeaks()
    {
        lock (_admitted)
        {
            _peaks.Clear();
        }
    }

    /// <summary>
    /// For each group of limits, the most requests admitted within one window (the window as Graph has it, scaled by
    /// --time-scale): how close the clients came to the limit, whatever their number.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> Peaks()
    {
        lock (_admitted)
        {
            return _peaks.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Admits the request, or returns how long until every full window has room again.</summary>
    public TimeSpan? Admit(ThrottleLimit[] limits)
    {
        if (!_options.Throttle)
        {
            return null;
        }

        var now = Stopwatch.GetTimestamp();
        lock (_admitted)
        {
            TimeSpan? wait = null;
            foreach (var limit in limits)
            {
                var window = _options.Scaled(limit.Window);
                if (!_admitted.TryGetValue(limit.Key, out var times))
                {
                    _admitted[limit.Key] = times = new Queue<long>();
                }

                while (times.Count > 0 && Stopwatch.GetElapsedTime(times.Peek(), now) >= window)
                {
                    times.Dequeue();
                }

                if (times.Count >= limit.Limit)
                {
                    var free = window - Stopwatch.GetElapsedTime(times.Peek(), now);
                    wait = wait is null || free > wait ? free : wait;
                }
            }

            if (wait is not null)
            {
                return wait;
            }

            foreach (var limit in limits)
            {
                var times = _admitted[limit.Key];
                times.Enqueue(now);
                _peaks[limit.Group] = Math.Max(_peaks.GetValueOrDefault(limit.Group), times.Count);
            }

            if (++_admissionsSinceSweep >= AdmissionsPerSweep)
            {
                _admissionsSinceSweep = 0;
                SweepEmptied(now);
            }

            return null;
        }
    }

    // A window whose last request has left it holds nothing: dropping it keeps memory to the keys in use.
    private void SweepEmptied(long now)
    {
        var longest = _options.Scaled(s_logsWindow);
        foreach (var key in _admitted.Where(p => p.Value.Count == 0 || Stopwatch.GetElapsedTime(p.Value.Last(), now) >= longest).Select(p => p.Key).ToList())
        {
            _admitted.Remove(key);
        }
    }
}
