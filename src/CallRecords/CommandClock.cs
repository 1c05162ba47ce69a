using System;

namespace CallRecords;

/// <summary>"Now" for the commands: Graph's time on the current connection (see GraphClock), this machine's without one.</summary>
internal static class CommandClock
{
    public static DateTimeOffset UtcNow => ConnectionState.Current?.Clock.UtcNow ?? DateTimeOffset.UtcNow;
}
