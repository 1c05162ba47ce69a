using System.Net;

namespace CallRecords.Emulator.Tests;

public sealed class ThrottlingTests : IClassFixture<ThrottlingTests.Emulators>
{
    private readonly Emulators _emulators;

    public ThrottlingTests(Emulators emulators) => _emulators = emulators;

    [Fact]
    public async Task The_41st_request_for_one_record_within_20_seconds_is_a_429_with_Retry_After()
    {
        var server = _emulators.RealTime;
        var id = (await server.ControlAsync("_emulator/tenant")).GetProperty("largeGroupCallIds")[0].GetString();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await server.GetAsync($"v1.0/communications/callRecords/{id}{(i % 2 == 0 ? "" : "/sessions")}")).Status);
        }

        var throttled = await server.GetAsync($"v1.0/communications/callRecords/{id}/participants_v2");
        var otherRecord = await server.GetAsync($"v1.0/communications/callRecords/{(await server.ControlAsync("_emulator/tenant")).GetProperty("largeGroupCallIds")[1].GetString()}");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("TooManyRequests", throttled.ErrorCode);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 20);
        Assert.Equal(HttpStatusCode.OK, otherRecord.Status);
        Assert.True((await server.ControlAsync("_emulator/stats")).GetProperty("throttled").GetInt32() >= 1);
    }

    [Fact]
    public async Task The_51st_call_of_one_log_function_within_60_seconds_is_a_429_but_the_other_function_is_not()
    {
        var server = _emulators.RealTime;
        const string pstn = "v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01,toDateTime=2026-11-01T01:00:00Z)";
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.GetAsync(pstn)).Status);
        }

        var throttled = await server.GetAsync(pstn);
        var directRouting = await server.GetAsync("v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-01,toDateTime=2026-11-01T01:00:00Z)");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, directRouting.Status);
    }

    [Fact]
    public async Task A_compressed_window_lets_requests_through_again_after_Retry_After()
    {
        var server = _emulators.Compressed;
        var burst = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=1")));
        var throttled = burst.First(r => r.Status == HttpStatusCode.TooManyRequests);

        // A 20-s window at time scale 0.05 is 1 s; Retry-After cannot go below 1.
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        await Task.Delay(throttled.Headers.RetryAfter.Delta!.Value);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=1")).Status);
    }

    public sealed class Emulators : IDisposable
    {
        public EmulatorServer RealTime { get; } = EmulatorServer.Start("--days", "3", "--throttle", "on");

        public EmulatorServer Compressed { get; } = EmulatorServer.Start("--days", "3", "--throttle", "on", "--time-scale", "0.05");

        public void Dispose()
        {
            RealTime.Dispose();
            Compressed.Dispose();
        }
    }
}
