using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Tests;

/// <summary>The module imported into PowerShell hosted in this process, against the emulator over loopback.</summary>
public sealed class HostedModuleTests : IClassFixture<HostedModuleTests.Emulator>, IDisposable
{
    private readonly Emulator _emulator;
    private readonly HostedPowerShell _powerShell = new();

    public HostedModuleTests(Emulator emulator)
    {
        _emulator = emulator;
        _powerShell.ConnectTo(emulator.Process);
    }

    public void Dispose() => _powerShell.Dispose();

    [Fact]
    public void Get_CallRecord_lists_exactly_the_records_of_a_day()
    {
        var (start, end) = Yesterday();
        var expected = _emulator.Process.TruthIds($"/_emulator/truth/callRecords?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(end.ToString("O"))}");

        var output = _powerShell.Invoke("Get-CallRecord -StartDateTime $args[0] -EndDateTime $args[1]", start.UtcDateTime, end.UtcDateTime);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(id => id), output.Select(o => (string)o.Properties["Id"].Value).OrderBy(id => id));
        Assert.Equal("CallRecords.CallRecord", output[0].TypeNames[0]);
    }

    [Fact]
    public void Stopping_a_long_pull_ends_it_within_two_seconds_and_leaves_no_request_running()
    {
        using var slow = EmulatorProcess.Start("--latency-ms", "400");
        using var powerShell = new HostedPowerShell();
        powerShell.ConnectTo(slow);
        using var shell = powerShell.CreateShell();
        shell.AddScript("Get-CallRecord | Get-CallRecord -ExpandSessions");
        var output = new PSDataCollection<PSObject>();
        var firstRow = new ManualResetEventSlim();
        output.DataAdded += (_, _) => firstRow.Set();
        var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(firstRow.Wait(TimeSpan.FromSeconds(30)), "no row arrived");

        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Stop took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(running.IsCompleted);

        // Requests cancelled by the stop end at the emulator within its latency; none may be left afterwards.
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (slow.GetJson("/_emulator/stats").GetProperty("inFlight").GetInt32() > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Yield();
        }

        Assert.Equal(0, slow.GetJson("/_emulator/stats").GetProperty("inFlight").GetInt32());
    }

    [Fact]
    public void Verbose_shows_each_request_and_no_stream_shows_the_token()
    {
        const string token = "very-secret-token-7f3a";
        using var powerShell = new HostedPowerShell();
        powerShell.ConnectTo(_emulator.Process, token);
        var (start, end) = Yesterday();

        var (output, shell) = powerShell.Run(
            "Get-CallRecord -StartDateTime $args[0] -EndDateTime $args[1] -Verbose -Debug 5>&1 4>&1 3>&1 | Out-String; Get-CallRecordGraphContext | Format-List * | Out-String",
            start.UtcDateTime, end.UtcDateTime);
        using (shell)
        {
            var everything = string.Join("\n", output.Select(o => o.ToString()))
                + string.Join("\n", shell.Streams.Verbose.Select(v => v.Message))
                + string.Join("\n", shell.Streams.Error.Select(e => e.ToString()));

            Assert.Contains("GET /v1.0/communications/callRecords?$filter=startDateTime ge", everything);
            Assert.Matches(@"GET /v1\.0/communications/callRecords.* 200 \(\d+ ms\)", everything);
            Assert.DoesNotContain(token, everything);
        }
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Yesterday()
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        return (today.AddDays(-1), today);
    }

    /// <summary>One emulator for the class.</summary>
    public sealed class Emulator : IDisposable
    {
        public EmulatorProcess Process { get; } = EmulatorProcess.Start("--seed", "7");

        public void Dispose() => Process.Dispose();
    }
}
