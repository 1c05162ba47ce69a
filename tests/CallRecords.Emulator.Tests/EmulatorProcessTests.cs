using System.Diagnostics;
using System.Net;

namespace CallRecords.Emulator.Tests;

/// <summary>The one launcher the tests share: the address comes from the ready line, and a start that fails says why.</summary>
public sealed class EmulatorProcessTests
{
    [Fact]
    public void An_emulator_that_exits_at_once_fails_the_start_at_once_with_its_exit_code_and_error_output()
    {
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<EmulatorStartException>(() => EmulatorProcess.Launch(EmulatorServer.EmulatorPath, ["--no-such-flag"]));

        Assert.True(clock.Elapsed < EmulatorProcess.DefaultReadyTimeout / 2, $"The failed start took {clock.Elapsed}, as if it waited for the timeout.");
        Assert.Equal(2, error.ExitCode);
        Assert.Contains("exited with code 2 before it was listening", error.Message);
        Assert.Contains("Unknown option '--no-such-flag'", error.Message);
    }

    [Fact]
    public void An_emulator_not_listening_in_time_is_stopped_and_the_start_fails_with_a_timeout()
    {
        var error = Assert.Throws<EmulatorStartException>(() => EmulatorProcess.Launch(EmulatorServer.EmulatorPath, [], TimeSpan.FromMilliseconds(1)));

        Assert.Null(error.ExitCode);
        Assert.Contains("did not say it was listening within 0.001 s", error.Message);
    }

    [Fact]
    public async Task Two_emulators_started_at_once_listen_on_different_ports_the_system_chose()
    {
        var starts = new[] { 0, 1 }.Select(_ => Task.Run(() => EmulatorServer.Start("--days", "1", "--calls-per-day", "5"))).ToArray();
        try
        {
            var servers = await Task.WhenAll(starts);

            Assert.NotEqual(servers[0].Root.Port, servers[1].Root.Port);
            foreach (var server in servers)
            {
                Assert.NotEqual(0, server.Root.Port);
                Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("_emulator/stats")).Status);
            }
        }
        finally
        {
            foreach (var start in starts.Where(start => start.IsCompletedSuccessfully))
            {
                (await start).Dispose();
            }
        }
    }
}
