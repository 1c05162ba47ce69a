using System.Text.Json;

namespace CallRecords.Emulator.Tests;

public sealed class CommandLineAndDeterminismTests
{
    private static readonly string[] s_smallTenant = ["--days", "3", "--calls-per-day", "40", "--throttle", "off"];

    [Fact]
    public async Task The_same_seed_makes_the_same_tenant_in_another_process_and_another_seed_does_not()
    {
        var servers = new[] { "5", "5", "6" }.AsParallel().AsOrdered().Select(seed => EmulatorServer.Start([.. s_smallTenant, "--seed", seed])).ToArray();
        try
        {
            var snapshots = await Task.WhenAll(servers.Select(SnapshotAsync));

            Assert.Equal(snapshots[0], snapshots[1]);
            Assert.NotEqual(snapshots[0].Users, snapshots[2].Users);
            Assert.NotEqual(snapshots[0].Records, snapshots[2].Records);
            Assert.NotEqual(snapshots[0].PstnRows, snapshots[2].PstnRows);
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }
        }
    }

    [Fact]
    public void Startup_prints_one_line_naming_the_address_seed_and_clock()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "9"]);

        Assert.Equal($"CallRecords emulator listening on {server.Root.ToString().TrimEnd('/')} (seed 9, now {EmulatorServer.Now})", server.ListeningLine);
        Assert.NotEqual(0, server.Root.Port);
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("--seed", "many")]
    [InlineData("--throttle", "sometimes")]
    [InlineData("--fault-429", "1.5")]
    [InlineData("--time-scale", "0")]
    [InlineData("--users")]
    [InlineData("--wrong-client-state", "2")]
    [InlineData("--sms-rows-per-day", "-1")]
    [InlineData("--blocked-user-rows-per-day", "few")]
    [InlineData("--clock-skew", "soon")]
    [InlineData("--large-meeting-sessions", "-1")]
    public void Bad_flags_exit_with_code_2_and_say_why(params string[] arguments)
    {
        var error = Assert.Throws<EmulatorStartException>(() => EmulatorServer.Start(arguments));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains(arguments[0], error.StandardError);
        Assert.Contains("Usage:", error.StandardError);
    }

    private static async Task<Snapshot> SnapshotAsync(EmulatorServer server)
    {
        var tenant = await server.ControlAsync("_emulator/tenant");
        var largeCall = tenant.GetProperty("largeGroupCallIds")[0].GetString();
        var sessions = await server.GetAsync($"v1.0/communications/callRecords/{largeCall}/sessions?$expand=segments");
        var pstn = await server.GetAsync("v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-24,toDateTime=2026-11-26)");
        var records = await server.GetAllPagesAsync("v1.0/communications/callRecords");
        return new Snapshot(
            tenant.GetProperty("users").GetRawText(),
            string.Join(",", records.Select(r => r.GetProperty("id").GetString())),
            sessions.Json.GetProperty("value").GetRawText(),
            pstn.Json.GetProperty("value").GetRawText());
    }

    private sealed record Snapshot(string Users, string Records, string Sessions, string PstnRows);
}
