using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>The emulator's counters, served at /_emulator/stats. Only Graph requests count; control routes never do.</summary>
public sealed class Stats
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _requests;
    private long _throttled;
    private long _faults;
    private long _rowsServed;
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

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _faults, 0);
        Interlocked.Exchange(ref _rowsServed, 0);
        Interlocked.Exchange(ref _peakConcurrency, Volatile.Read(ref _inFlight));
        _byStatus.Clear();
    }

    public void Write(Utf8JsonWriter w, DateTimeOffset now)
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
        w.WriteInstant("now", now);
        w.WriteEndObject();
    }
}
