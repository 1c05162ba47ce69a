using System;
using System.Threading;

namespace CallRecords.Engine;

/// <summary>
/// Graph's time as this machine can know it: the machine's clock plus an offset learned from the Date header of
/// Graph's responses. A Date is whole seconds, written somewhere between the moment a request left and the moment its
/// answer arrived, so each response bounds the offset from both sides; the bounds of successive responses are
/// intersected, which narrows the offset to about a round trip, and start again from the newest response when they
/// no longer meet (this machine's clock was set). Until a response has been seen, Graph's time is the machine's.
/// </summary>
public sealed class GraphClock
{
    private static readonly TimeSpan s_dateResolution = TimeSpan.FromSeconds(1);
    private readonly object _lock = new();
    private TimeSpan _earliest;
    private TimeSpan _latest;
    private long _offsetTicks;
    private int _observed;

    /// <summary>Gets Graph's time now.</summary>
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + Offset;

    /// <summary>Gets how far Graph's clock is ahead of this machine's (negative: behind); zero until a response was seen.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Gets whether a Date header of Graph's has been seen.</summary>
    public bool HasObserved => Volatile.Read(ref _observed) != 0;

    /// <summary>Learns from a response whose Date header said <paramref name="date"/>, sent at <paramref name="sent"/> and answered at <paramref name="received"/> by this machine's clock.</summary>
    internal void Observe(DateTimeOffset date, DateTimeOffset sent, DateTimeOffset received)
    {
        // Graph wrote date..date+1s at some moment between sent and received.
        var earliest = date - received;
        var latest = date + s_dateResolution - sent;
        lock (_lock)
        {
            if (HasObserved && earliest <= _latest && latest >= _earliest)
            {
                earliest = earliest > _earliest ? earliest : _earliest;
                latest = latest < _latest ? latest : _latest;
            }

            _earliest = earliest;
            _latest = latest;
            Interlocked.Exchange(ref _offsetTicks, (earliest + ((latest - earliest) / 2)).Ticks);
            Volatile.Write(ref _observed, 1);
        }
    }
}
