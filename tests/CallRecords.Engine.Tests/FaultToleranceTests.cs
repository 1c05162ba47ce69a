using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Faults change nothing in what is returned; when retries run out, what was written is a prefix and the error says where it stopped.</summary>
public sealed class FaultToleranceTests
{
    private static readonly string[] s_faults = { "--fault-429", "0.1", "--fault-503", "0.05", "--fault-reset", "0.02", "--fault-truncate", "0.02" };
    private static readonly DateTimeOffset s_today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    [Fact]
    public async Task Call_logs_and_participants_under_faults_equal_a_clean_run()
    {
        var common = new[] { "--seed", "81", "--pstn-rows-per-day", "200", "--dr-rows-per-day", "200", "--throttle", "off" };
        using var clean = EmulatorProcess.Start(common);
        using var faulty = EmulatorProcess.Start(common.Concat(s_faults).ToArray());

        var expected = await ReadEverythingAsync(clean);
        var actual = await ReadEverythingAsync(faulty);

        Assert.True(expected.Count > 3000, $"only {expected.Count} rows");
        Assert.Equal(expected, actual);
        Assert.True(faulty.GetJson("/_emulator/stats").GetProperty("faults").GetInt64() > 0, "no fault was injected");
    }

    [Fact]
    public async Task When_retries_run_out_the_rows_written_are_a_prefix_and_the_error_names_window_page_and_rows()
    {
        using var server = new FixtureServer();
        var firstPath = "/v1.0/communications/callRecords/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2026-01-01T00:00:00.0000000Z,toDateTime=2026-01-01T23:59:59.9999999Z)";
        server.Json(firstPath, "{\"value\":[{\"id\":\"r1\"},{\"id\":\"r2\"}],\"@odata.nextLink\":\"" + server.Url + "v1.0/communications/callRecords/getPstnCalls(from=2026-01-01,to=2026-01-02)/page2\"}");
        server.Json("/v1.0/communications/callRecords/getPstnCalls(from=2026-01-01,to=2026-01-02)/page2", "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"down\"}}", 503);
        var policy = EngineTestConnections.FastRetries();
        policy.MaxAttempts = 3;
        using var connection = EngineTestConnections.ConnectWithToken(server.Url, policy: policy);
        var rows = new List<string>();

        var error = await Assert.ThrowsAsync<GraphRequestException>(() => new CallLogReader(connection).ReadPstnAsync(
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), row => rows.Add(row.Id!), null, RequestLog.None, CancellationToken.None));

        Assert.Equal(new[] { "r1", "r2" }, rows);
        Assert.True(error.RetriesExhausted);
        Assert.Contains("window 1 (", error.Message);
        Assert.Contains("page 2", error.Message);
        Assert.Contains("after 2 rows", error.Message);
    }

    private static async Task<List<string>> ReadEverythingAsync(EmulatorProcess emulator)
    {
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var rows = new List<string>();
        var logs = new CallLogReader(connection);
        await logs.ReadPstnAsync(s_today.AddDays(-12), s_today, r => rows.Add("pstn|" + r.Id), null, RequestLog.None, CancellationToken.None);
        await logs.ReadDirectRoutingAsync(s_today.AddDays(-12), s_today, r => rows.Add("dr|" + r.Id), null, RequestLog.None, CancellationToken.None);
        var id = emulator.GetJson("/_emulator/tenant").GetProperty("manyParticipantCallIds")[0].GetString()!;
        var participants = await new CallRecordReader(connection).GetParticipantsAsync(id, RequestLog.None, CancellationToken.None);
        rows.AddRange(participants!.Select(p => "participant|" + p.Id));
        return rows;
    }
}
