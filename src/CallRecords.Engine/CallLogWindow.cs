using System;

namespace CallRecords.Engine;

/// <summary>One request range of a long pull.</summary>
public sealed class CallLogWindow
{
    internal CallLogWindow(int number, DateTimeOffset start, DateTimeOffset end)
    {
        Number = number;
        Start = start;
        End = end;
    }

    /// <summary>Gets the window's position, from 1.</summary>
    public int Number { get; }

    /// <summary>Gets the first start time the window includes.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the start time the window stops before.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The window as a readable range.</summary>
    public override string ToString() => $"window {Number} ({Start:u} to {End:u})";
}
