using System.Net;

namespace CallRecords.Emulator.Tests;

/// <summary>What the logs' per-collection limit counts (--log-collection), and emptying the throttling windows.</summary>
public sealed class LogCollectionThrottlingTests
{
    private const string Function = "v1.0/communications/callRecords/getPstnCalls";

    [Fact]
    public async Task By_default_each_query_has_its_own_50_a_minute_and_its_nextLinks_count_with_it()
    {
        using var server = EmulatorServer.Start("--days", "3", "--throttle", "on");
        var query = Function + "(fromDateTime=2026-11-02T00:00:00Z,toDateTime=2026-11-02T01:00:00Z)";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((await server.GetAsync(i % 2 == 0 ? query : Function + $"(from=2026-11-02T00:00:00Z,to=2026-11-02T01:00:00Z)?$skip={i}")).Status);
        }

        var fiftyFirst = await server.GetAsync(query);
        var otherRange = await server.GetAsync(Function + "(fromDateTime=2026-11-02T01:00:00Z,toDateTime=2026-11-02T02:00:00Z)");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fiftyFirst.Status);
        Assert.Equal(HttpStatusCode.OK, otherRange.Status);
    }

    [Fact]
    public async Task With_log_collection_function_every_query_of_the_function_counts_together()
    {
        using var server = EmulatorServer.Start("--days", "3", "--throttle", "on", "--log-collection", "function");
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.GetAsync(Function + $"(fromDateTime=2026-11-02T00:00:00Z,toDateTime=2026-11-02T{i % 24:00}:59:00Z)")).Status);
        }

        var otherRange = await server.GetAsync(Function + "(fromDateTime=2026-11-03T00:00:00Z,toDateTime=2026-11-03T01:00:00Z)");

        Assert.Equal(HttpStatusCode.TooManyRequests, otherRange.Status);
    }

    [Fact]
    public async Task Resetting_the_throttling_empties_every_window()
    {
        using var server = EmulatorServer.Start("--days", "3", "--throttle", "on");
        var query = Function + "(fromDateTime=2026-11-04T00:00:00Z,toDateTime=2026-11-04T01:00:00Z)";
        for (var i = 0; i < 50; i++)
        {
            await server.GetAsync(query);
        }

        var beforeReset = await server.GetAsync(query);
        var reset = await server.SendAsync(HttpMethod.Post, "_emulator/throttling/reset");
        var afterReset = await server.GetAsync(query);

        Assert.Equal(HttpStatusCode.TooManyRequests, beforeReset.Status);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(HttpStatusCode.OK, afterReset.Status);
    }

    [Fact]
    public void An_unknown_log_collection_reading_is_refused()
    {
        var error = Assert.Throws<EmulatorStartException>(() => EmulatorServer.Start("--log-collection", "tenant"));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains("--log-collection takes query or function", error.StandardError);
    }
}
