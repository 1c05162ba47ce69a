using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// The emulator's counters, served at /_emulator/stats. Only Graph requests count as requests; control routes never
/// do. Change notifications count as they are delivered or given up on.
/// </summary>
public sealed class Stats
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _requests;
    private long _throttled;
    private long _faults;
    private long _rowsServed;
    private long _notificationsSent;
    private long _notificationsFailed;
    private int _inFlight;
    private int _peakConcurrency;

    public void Begin()
    {
        Interlocked.Increment(ref _requests);
        var inFlight = Interlocked.Increment(ref _inFlight);
        var peak = Volatile.Read(ref _peakConcurrency);
        while (inFlight > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakConcurrency, inFlight, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }

    public void End() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Counts a response's status as it starts, so a client that has the response already sees it counted.</summary>
    public void Status(int status) => _byStatus.AddOrUpdate(status, 1, (_, count) => count + 1);

    /// <summary>Counts a 429, whether from the throttling limits or an injected fault.</summary>
    public void Throttled() => Interlocked.Increment(ref _throttled);

    public void Fault() => Interlocked.Increment(ref _faults);

    /// <summary>Counts items sent (records, sessions, participants or log rows), as their body is rendered.</summary>
    public void Rows(int count) => Interlocked.Add(ref _rowsServed, count);

    /// <summary>Counts a change or lifecycle notification: delivered (a 2xx), or failed after its retries.</summary>
    public void Notification(bool delivered) => Interlocked.Increment(ref delivered ? ref _notificationsSent : ref _notificationsFailed);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _faults, 0);
        Interlocked.Exchange(ref _rowsServed, 0);
        Interlocked.Exchange(ref _notificationsSent, 0);
        Interlocked.Exchange(ref _notificationsFailed, 0);
        Interlocked.Exchange(ref _peakConcurrency, Volatile.Read(ref _inFlight));
        _byStatus.Clear();
    }

    /// <param name="subscriptions">How many subscriptions the tenant has: state, not a counter, so a reset leaves it.</param>
    /// <param name="peaks">The most requests admitted within one window, per group of throttling limits.</param>
    public void Write(Utf8JsonWriter w, DateTimeOffset now, int subscriptions, IReadOnlyList<KeyValuePair<string, int>> peaks)
    {
        w.WriteStartObject();
        w.WriteNumber("requests", Interlocked.Read(ref _requests));
        w.WriteNumber("throttled", Interlocked.Read(ref _throttled));
        w.WriteNumber("faults", Interlocked.Read(ref _faults));
        w.WriteNumber("peakConcurrency", Volatile.Read(ref _peakConcurrency));
        w.WriteNumber("inFlight", Volatile.Read(ref _inFlight));
        w.WriteStartObject("byStatus");
        foreach (var (status, count) in _byStatus.OrderBy(p => p.Key))
        {
            w.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
        }

        w.WriteEndObject();
        w.WriteNumber("rowsServed", Interlocked.Read(ref _rowsServed));
        w.WriteNumber("notificationsSent", Interlocked.Read(ref _notificationsSent));
        w.WriteNumber("notificationsFailed", Interlocked.Read(ref _notificationsFailed));
        w.WriteNumber("subscriptions", subscriptions);
        w.WriteStartObject("peakInWindow");
        foreach (var (group, peak) in peaks)
        {
            w.WriteNumber(group, peak);
        }

        w.WriteEndObject();
        w.WriteInstant("now", now);
        w.WriteEndObject();
    }
}
