using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Call log windows read several at once: how they are planned, the limits kept, memory held, order and failures.</summary>
public sealed class CallLogReadAheadTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_recent = new(DateTime.UtcNow.Date.AddDays(-70), TimeSpan.Zero);

    [Fact]
    public void Read_one_at_a_time_windows_are_as_long_as_the_api_allows_and_cover_the_range()
    {
        var end = s_start.AddDays(200).AddHours(5);

        var windows = Plan(new CallLogWindowPlanner(CallLogKind.Pstn, s_start, end), readingAhead: false, rowsPerWindow: 0);

        Assert.Equal(3, windows.Count);
        AssertCovers(windows, s_start, end);
        Assert.Equal("window 2 (2026-04-01 00:00:00Z to 2026-06-30 00:00:00Z)", windows[1].ToString());
    }

    [Fact]
    public void Read_ahead_windows_start_at_a_day_and_are_then_sized_for_eight_pages_from_the_density_read_so_far()
    {
        var planner = new CallLogWindowPlanner(CallLogKind.Pstn, s_start, s_start.AddDays(200));

        var first = planner.Next(readingAhead: true)!;
        planner.Read(first, 500);
        var second = planner.Next(readingAhead: true)!;
        planner.Read(second, 2_000);
        var third = planner.Next(readingAhead: true)!;
        planner.Read(third, 16 * 20_000);
        var fourth = planner.Next(readingAhead: true)!;

        Assert.Equal(TimeSpan.FromDays(1), Length(first));
        // 500 rows a day would make 16 days hold 8 pages, but a window grows at most fourfold.
        Assert.Equal(TimeSpan.FromDays(4), Length(second));
        Assert.Equal(TimeSpan.FromDays(16), Length(third));
        // A busy stretch: 322,500 rows in 21 days puts 8,000 rows in about 12.5 hours.
        Assert.InRange(Length(fourth), TimeSpan.FromHours(12.4), TimeSpan.FromHours(12.6));
    }

    [Fact]
    public void Read_ahead_windows_grow_fourfold_while_empty_stay_within_90_days_and_cover_the_range()
    {
        var end = s_start.AddDays(365);

        var windows = Plan(new CallLogWindowPlanner(CallLogKind.DirectRouting, s_start, end), readingAhead: true, rowsPerWindow: 0);

        Assert.Equal(new[] { 1.0, 4, 16, 64, 90, 90, 90, 10 }, windows.Select(w => Length(w).TotalDays));
        AssertCovers(windows, s_start, end);
    }

    [Fact]
    public void A_reports_windows_read_ahead_are_as_long_as_the_api_allows_whatever_the_rows_seen()
    {
        var end = s_start.AddDays(200);
        var planner = new CallLogWindowPlanner(CallLogKind.PstnOnlineMeetingDialout, s_start, end);

        var windows = Plan(planner, readingAhead: true, rowsPerWindow: 50_000);

        Assert.Equal(new[] { 90.0, 90, 20 }, windows.Select(w => Length(w).TotalDays));
        AssertCovers(windows, s_start, end);
    }

    [Fact]
    public void A_remainder_shorter_than_a_minute_joins_the_last_window()
    {
        var end = s_start.AddDays(1).AddSeconds(30);

        var windows = Plan(new CallLogWindowPlanner(CallLogKind.Pstn, s_start, end), readingAhead: true, rowsPerWindow: 0);

        Assert.Single(windows);
        AssertCovers(windows, s_start, end);
    }

    [Fact]
    public async Task A_long_pull_reads_several_windows_at_once_within_every_limit_and_writes_rows_in_date_order()
    {
        using var emulator = EmulatorProcess.Start("--seed", "43", "--pstn-rows-per-day", "1500", "--latency-ms", "200", "--time-scale", "0.05");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, policy: Scaled(0.05));
        var end = s_recent.AddDays(60);
        var rows = new List<PstnCallLogRow>();

        await new CallLogReader(connection).ReadPstnAsync(s_recent, end, rows.Add, null, RequestLog.None, CancellationToken.None);

        var stats = emulator.GetJson("/_emulator/stats");
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
        Assert.True(stats.GetProperty("peakConcurrency").GetInt32() >= 4, $"peak concurrency {stats.GetProperty("peakConcurrency")}");
        Assert.Equal(emulator.TruthIds(Truth(s_recent, end.AddTicks(-1))).OrderBy(id => id), rows.Select(r => r.Id).OrderBy(id => id));
        Assert.Equal(rows.OrderBy(r => r.StartDateTime).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.False(connection.Http.Budgets.CallLogLimitPerFunction);
    }

    [Fact]
    public async Task When_Graph_counts_every_query_of_a_function_together_its_first_429s_turn_the_connection_to_one_window_at_a_time()
    {
        using var emulator = EmulatorProcess.Start("--seed", "44", "--pstn-rows-per-day", "1500", "--time-scale", "0.05", "--log-collection", "function");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, policy: Scaled(0.05));
        var reader = new CallLogReader(connection);
        var rows = new List<PstnCallLogRow>();
        var verbose = new List<string>();
        var log = new RequestLog { Verbose = line => { lock (verbose) { verbose.Add(line); } } };

        await reader.ReadPstnAsync(s_recent, s_recent.AddDays(60), rows.Add, null, log, CancellationToken.None);
        var throttledWhileLearning = emulator.GetJson("/_emulator/stats").GetProperty("throttled").GetInt32();
        emulator.PostJson("/_emulator/stats/reset");
        var later = new List<PstnCallLogRow>();
        await reader.ReadPstnAsync(s_recent.AddDays(-60), s_recent, later.Add, null, RequestLog.None, CancellationToken.None);

        Assert.True(connection.Http.Budgets.CallLogLimitPerFunction);
        Assert.InRange(throttledWhileLearning, 1, 25);
        Assert.Single(verbose, line => line.Contains("one window at a time", StringComparison.Ordinal));
        Assert.Equal(emulator.TruthIds(Truth(s_recent, s_recent.AddDays(60).AddTicks(-1))).OrderBy(id => id), rows.Select(r => r.Id).OrderBy(id => id));
        Assert.Equal(emulator.TruthIds(Truth(s_recent.AddDays(-60), s_recent.AddTicks(-1))).Count, later.Count);
        var stats = emulator.GetJson("/_emulator/stats");
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
        Assert.Equal(1, stats.GetProperty("peakConcurrency").GetInt32());
    }

    [Fact]
    public async Task While_the_writer_is_blocked_each_window_holds_at_most_its_twelve_pages()
    {
        using var emulator = EmulatorProcess.Start("--seed", "45", "--pstn-rows-per-day", "20000", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, policy: Scaled(0.001));
        using var writerBlocked = new ManualResetEventSlim();
        var firstRow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long rows = 0;

        var pull = Task.Run(() => new CallLogReader(connection).ReadPstnAsync(s_recent, s_recent.AddDays(5), _ =>
        {
            if (Interlocked.Increment(ref rows) == 1)
            {
                firstRow.SetResult();
                writerBlocked.Wait();
            }
        }, null, RequestLog.None, CancellationToken.None));
        await firstRow.Task;
        var requestsWhileBlocked = await SettledRequestCountAsync(emulator);
        writerBlocked.Set();
        await pull;

        // Five one-day windows of 20 pages each: every window may fetch the page being written or held plus twelve.
        Assert.InRange(requestsWhileBlocked, CallLogReader.WindowsAtOnce * 2, CallLogReader.WindowsAtOnce * (CallLogReader.PagesHeldPerWindow + 1));
        Assert.Equal(100_000, Interlocked.Read(ref rows));
    }

    [Fact]
    public async Task A_window_read_ahead_that_fails_is_reported_only_after_every_earlier_row_is_written()
    {
        using var server = new FixtureServer();
        const string function = "/v1.0/communications/callRecords/microsoft.graph.callRecords.getPstnCalls";
        server.Json(function + "(fromDateTime=2026-01-01T00:00:00.0000000Z,toDateTime=2026-01-01T23:59:59.9999999Z)", "{\"value\":[{\"id\":\"day1-a\"},{\"id\":\"day1-b\"}]}");
        server.Json(function + "(fromDateTime=2026-01-02T00:00:00.0000000Z,toDateTime=2026-01-02T23:59:59.9999999Z)", "{\"error\":{\"code\":\"Forbidden\",\"message\":\"denied\"}}", 403);
        server.Json(function + "(fromDateTime=2026-01-03T00:00:00.0000000Z,toDateTime=2026-01-03T23:59:59.9999999Z)", "{\"value\":[{\"id\":\"day3\"}]}");
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var rows = new List<string>();

        var error = await Assert.ThrowsAsync<GraphRequestException>(() => new CallLogReader(connection).ReadPstnAsync(
            s_start, s_start.AddDays(3), row => rows.Add(row.Id!), null, RequestLog.None, CancellationToken.None));

        Assert.Equal(new[] { "day1-a", "day1-b" }, rows);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("window 2 (2026-01-02 00:00:00Z to 2026-01-03 00:00:00Z), page 1, after 2 rows", error.Message);
    }

    private static RequestPolicy Scaled(double windowScale)
    {
        var policy = EngineTestConnections.FastRetries();
        policy.ThrottleWindowScale = windowScale;
        return policy;
    }

    private static List<CallLogWindow> Plan(CallLogWindowPlanner planner, bool readingAhead, long rowsPerWindow)
    {
        var windows = new List<CallLogWindow>();
        while (planner.Next(readingAhead) is { } window)
        {
            windows.Add(window);
            planner.Read(window, rowsPerWindow);
        }

        return windows;
    }

    private static void AssertCovers(List<CallLogWindow> windows, DateTimeOffset start, DateTimeOffset end)
    {
        Assert.Equal(start, windows[0].Start);
        Assert.Equal(end, windows[^1].End);
        Assert.All(windows, w => Assert.True(w.Start < w.End && Length(w) <= TimeSpan.FromDays(90)));
        Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(Enumerable.Range(1, windows.Count), windows.Select(w => w.Number));
    }

    private static TimeSpan Length(CallLogWindow window) => window.End - window.Start;

    private static string Truth(DateTimeOffset from, DateTimeOffset to) =>
        $"/_emulator/truth/pstn?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    /// <summary>The emulator's request count once it has stopped changing.</summary>
    private static async Task<int> SettledRequestCountAsync(EmulatorProcess emulator)
    {
        var last = -1;
        for (var unchanged = 0; unchanged < 3;)
        {
            await Task.Delay(300);
            var requests = emulator.GetJson("/_emulator/stats").GetProperty("requests").GetInt32();
            unchanged = requests == last ? unchanged + 1 : 0;
            last = requests;
        }

        return last;
    }
}
