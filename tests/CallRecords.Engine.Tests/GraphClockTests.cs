using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Sync;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>"Now" on Graph's clock: a machine whose clock is off asks for the same ranges as one whose clock is right.</summary>
public sealed class GraphClockTests : IDisposable
{
    private static readonly TimeSpan s_closeEnough = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("callrecords-clock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("-03:00:00")]
    [InlineData("03:00:00")]
    public async Task On_a_machine_3_hours_off_Graphs_clock_a_sync_of_the_last_day_and_a_first_run_equal_the_truth(string skewText)
    {
        // The tenant's data reaches up to Graph's now, so records exist at both ends of each range.
        var skew = TimeSpan.Parse(skewText, CultureInfo.InvariantCulture);
        var graphNow = DateTimeOffset.UtcNow + skew;
        var dataNow = new DateTimeOffset(graphNow.Ticks - (graphNow.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        using var emulator = EmulatorProcess.Start("--seed", "65", "--users", "20", "--days", "31", "--calls-per-day", "8", "--throttle", "off", "--clock-skew", skewText, "--now", dataNow.ToString("o"));
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);

        Assert.True(connection.Clock.HasObserved, "connecting read no Date header");
        Assert.InRange(connection.Clock.Offset - skew, -s_closeEnough, s_closeEnough);
        Assert.InRange(connection.Context.GraphClockOffset!.Value - skew, -s_closeEnough, s_closeEnough);

        var lastDay = Path.Combine(_folder, "last-day.db");
        var day = (await SyncTests.RunAsync(connection, lastDay, new SyncRequest { Kinds = new[] { CallRecordSyncKind.CallRecord }, Since = dataNow.AddDays(-1) })).Single();
        var firstRun = Path.Combine(_folder, "first-run.db");
        var all = (await SyncTests.RunAsync(connection, firstRun, new SyncRequest { Kinds = new[] { CallRecordSyncKind.CallRecord } })).Single();

        Assert.InRange(day.EndDateTime - dataNow, TimeSpan.Zero, s_closeEnough);
        Assert.Equal(day.EndDateTime, day.Checkpoint);
        Assert.Equal(SyncTests.TruthIds(emulator, "callRecords", day.StartDateTime, day.EndDateTime), SyncTests.Column(lastDay, "SELECT Id FROM CallRecord"));
        Assert.NotEmpty(SyncTests.Column(lastDay, "SELECT Id FROM CallRecord"));

        // The first run reaches back as far as Graph keeps records, counted on Graph's clock, and no further.
        Assert.InRange(all.StartDateTime - (dataNow - DateRange.CallRecordRetention), TimeSpan.Zero, s_closeEnough);
        Assert.InRange(all.EndDateTime - dataNow, TimeSpan.Zero, s_closeEnough);
        Assert.Equal(SyncTests.TruthIds(emulator, "callRecords", all.StartDateTime, all.EndDateTime), SyncTests.Column(firstRun, "SELECT Id FROM CallRecord"));
    }

    [Fact]
    public void Each_Date_header_narrows_the_offset_and_a_set_clock_starts_it_again()
    {
        var clock = new GraphClock();
        var machine = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.False(clock.HasObserved);
        Assert.Equal(TimeSpan.Zero, clock.Offset);

        // Graph is 3 h ahead; its Date is whole seconds, written while the request was out.
        clock.Observe(machine.AddHours(3), machine.AddMilliseconds(-400), machine.AddMilliseconds(100));
        Assert.InRange(clock.Offset, TimeSpan.FromHours(3) - TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(3) + TimeSpan.FromMilliseconds(1400));
        clock.Observe(machine.AddHours(3).AddSeconds(5), machine.AddSeconds(4.7), machine.AddSeconds(4.75));
        Assert.InRange(clock.Offset, TimeSpan.FromHours(3) + TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(3) + TimeSpan.FromMilliseconds(1300));

        // This machine's clock was set 10 minutes forward: the bounds no longer meet, and the newest answer decides.
        clock.Observe(machine.AddHours(3).AddSeconds(10), machine.AddMinutes(10).AddSeconds(9.9), machine.AddMinutes(10).AddSeconds(10));
        Assert.InRange(clock.Offset, TimeSpan.FromHours(3) - TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(3) - TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.True(clock.HasObserved);
    }

    [Fact]
    public async Task Connecting_to_a_Graph_that_does_not_answer_still_connects_and_keeps_the_machines_clock()
    {
        var log = new CapturedLog();
        using var connection = await GraphConnection.ConnectAsync(
            new ConnectionRequest
            {
                Kind = AuthenticationKind.AccessToken,
                AccessToken = EngineTestConnections.Secure("test-token"),
                TenantId = EngineTestConnections.EmulatorTenantId,
                GraphEndpoint = new Uri($"http://127.0.0.1:{Loopback.FreePort()}"),
            },
            log.Log,
            CancellationToken.None);

        Assert.False(connection.Clock.HasObserved);
        Assert.Null(connection.Context.GraphClockOffset);
        Assert.InRange(connection.Clock.UtcNow - DateTimeOffset.UtcNow, -s_closeEnough, s_closeEnough);
        Assert.Matches(@"^GET /v1\.0/ failed: .* \(\d+ ms\)$", Assert.Single(log.Verbose));
    }
}
