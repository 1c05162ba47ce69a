using System.Diagnostics;
using System.Net;

namespace CallRecords.Emulator.Tests;

public sealed class LatencyAndStatsTests : IClassFixture<LatencyAndStatsTests.SlowTenant>
{
    private readonly EmulatorServer _server;

    public LatencyAndStatsTests(SlowTenant tenant) => _server = tenant.Server;

    [Fact]
    public async Task Latency_delays_every_Graph_request_and_concurrent_requests_overlap()
    {
        await _server.Http.PostAsync("_emulator/stats/reset", null);
        var clock = Stopwatch.StartNew();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _server.GetAsync("v1.0/communications/callRecords?$filter=startDateTime ge 2026-11-25T00:00:00Z")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"{clock.ElapsedMilliseconds} ms");
        var stats = await _server.ControlAsync("_emulator/stats");
        Assert.Equal(4, stats.GetProperty("requests").GetInt32());
        Assert.InRange(stats.GetProperty("peakConcurrency").GetInt32(), 2, 4);
        Assert.Equal(0, await InFlightOnceSettledAsync());
    }

    [Fact]
    public async Task Stats_count_only_Graph_requests_by_status_and_rows_and_reset_zeroes_them()
    {
        await _server.Http.PostAsync("_emulator/stats/reset", null);
        await _server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=5");
        await _server.GetAsync($"v1.0/communications/callRecords/{Guid.NewGuid()}");
        await _server.ControlAsync("_emulator/tenant");

        var stats = await _server.ControlAsync("_emulator/stats");
        var reset = (await _server.Http.PostAsync("_emulator/stats/reset", null)).StatusCode;
        var afterReset = await _server.ControlAsync("_emulator/stats");

        Assert.Equal(2, stats.GetProperty("requests").GetInt32());
        Assert.Equal(1, stats.GetProperty("byStatus").GetProperty("200").GetInt32());
        Assert.Equal(1, stats.GetProperty("byStatus").GetProperty("404").GetInt32());
        Assert.Equal(5, stats.GetProperty("rowsServed").GetInt32());
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
        Assert.Equal(EmulatorServer.Now, stats.GetProperty("now").GetString());
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Equal(0, afterReset.GetProperty("requests").GetInt32());
        Assert.Equal(0, afterReset.GetProperty("rowsServed").GetInt32());
        Assert.Empty(afterReset.GetProperty("byStatus").EnumerateObject());
    }

    /// <summary>The server counts a request out just after its last byte, so a client may read the counter a moment early.</summary>
    private async Task<int> InFlightOnceSettledAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var inFlight = (await _server.ControlAsync("_emulator/stats")).GetProperty("inFlight").GetInt32();
            if (inFlight == 0 || attempt == 100)
            {
                return inFlight;
            }

            await Task.Delay(10);
        }
    }

    public sealed class SlowTenant : IDisposable
    {
        public EmulatorServer Server { get; } = EmulatorServer.Start("--days", "3", "--latency-ms", "300");

        public void Dispose() => Server.Dispose();
    }
}
