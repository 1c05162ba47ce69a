namespace CallRecords.Emulator.Tests;

/// <summary>
/// The tenant most tests read: seed 7, clock at noon on 2026-11-26, 32 days of history (so some records are past
/// the 30-day retention), throttling off so long paging runs are not cut short. Each test class gets its own
/// process, so classes run in parallel without sharing counters.
/// </summary>
public sealed class DefaultTenant : IDisposable
{
    public EmulatorServer Server { get; } = EmulatorServer.Start("--seed", "7", "--days", "32", "--throttle", "off");

    public void Dispose() => Server.Dispose();
}
