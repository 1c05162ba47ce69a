using System;

namespace CallRecords.Engine;

/// <summary>
/// Plans the windows of one call log pull, one at a time and in date order. Read one at a time, or for a report
/// (<see cref="CallLogKind.IsAggregate"/>), a window is as long as the API allows. Read several at once, each is sized from the row density seen so far to hold about
/// <see cref="TargetPages"/> pages: small enough that the windows read ahead of the one being written can wait in
/// memory, large enough that the part-full last page of each costs few extra requests.
/// </summary>
internal sealed class CallLogWindowPlanner
{
    /// <summary>Rows on a full page of these functions (the getPstnCalls and getDirectRoutingCalls pages: more than 1,000 rows give a nextLink).</summary>
    public const int RowsPerPage = 1000;

    /// <summary>The pages a window read ahead is sized to hold.</summary>
    public const int TargetPages = 8;

    // Until a window has been read the density is unknown; a day is one page for a tenant with 1,000 calls a day.
    private static readonly TimeSpan s_firstLength = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_shortest = TimeSpan.FromMinutes(1);

    // A quiet window (a night, a weekend) must not make the next one so long that a busy stretch floods memory.
    private const int MaxGrowth = 4;

    private readonly CallLogKind _kind;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;
    private DateTimeOffset _next;
    private TimeSpan _lastLength;
    private long _rowsRead;
    private TimeSpan _timeRead;
    private int _planned;

    public CallLogWindowPlanner(CallLogKind kind, DateTimeOffset start, DateTimeOffset end)
    {
        _kind = kind;
        _start = start;
        _end = end;
        _next = start;
    }

    /// <summary>The next window, or null when the range is covered; <paramref name="readingAhead"/> says whether others are read at the same time.</summary>
    public CallLogWindow? Next(bool readingAhead)
    {
        if (_next >= _end)
        {
            return null;
        }

        // A report's rows total their window, so a shorter window only costs more requests.
        var length = readingAhead && !_kind.IsAggregate ? EstimatedLength() : _kind.MaximumWindow;
        var remaining = _end - _next;
        if (remaining - length < s_shortest)
        {
            length = remaining;
        }

        length = length < _kind.MaximumWindow ? length : _kind.MaximumWindow;
        var window = new CallLogWindow(++_planned, _next, _next + length);
        _next = window.End;
        _lastLength = length;
        return window;
    }

    /// <summary>Counts the rows a finished window held, for the density the next windows are sized by.</summary>
    public void Read(CallLogWindow window, long rows)
    {
        _rowsRead += rows;
        _timeRead += window.End - window.Start;
    }

    /// <summary>The share of the range that lies before <paramref name="window"/>.</summary>
    public double CompletedBefore(CallLogWindow window) => (double)(window.Start - _start).Ticks / (_end - _start).Ticks;

    private TimeSpan EstimatedLength()
    {
        if (_timeRead == TimeSpan.Zero)
        {
            return s_firstLength;
        }

        var grown = TimeSpan.FromTicks(_lastLength.Ticks * MaxGrowth);
        var length = _rowsRead == 0 ? grown : TimeSpan.FromTicks((long)((double)_timeRead.Ticks * TargetPages * RowsPerPage / _rowsRead));
        length = length < grown ? length : grown;
        length = TimeSpan.FromMinutes(Math.Floor(length.TotalMinutes));
        return length > s_shortest ? length : s_shortest;
    }
}
