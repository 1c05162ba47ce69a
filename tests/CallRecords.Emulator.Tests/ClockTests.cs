using System.Net;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>The tenant's clock, late records, scheduled revisions and late log rows.</summary>
public sealed class ClockTests
{
    private static readonly string[] s_smallTenant = ["--days", "3", "--calls-per-day", "60", "--throttle", "off", "--pstn-rows-per-day", "48"];
    private static readonly DateTimeOffset s_start = DateTimeOffset.Parse(EmulatorServer.Now);

    [Fact]
    public async Task Advancing_the_clock_moves_now_and_the_calls_of_the_new_hours_appear_in_the_list_and_the_truth()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "71"]);
        var before = await ListAsync(server, s_start.AddDays(-1), s_start.AddDays(1));

        var advanced = await server.SendAsync(HttpMethod.Post, "/_emulator/clock?advance=PT10H");

        Assert.Equal(HttpStatusCode.OK, advanced.Status);
        Assert.Equal(s_start.AddHours(10), advanced.Json.GetProperty("now").GetDateTimeOffset());
        Assert.Equal(s_start.AddHours(10), (await server.ControlAsync("/_emulator/stats")).GetProperty("now").GetDateTimeOffset());
        Assert.Equal(s_start.AddHours(10), (await server.ControlAsync("/_emulator/tenant")).GetProperty("now").GetDateTimeOffset());
        var after = await ListAsync(server, s_start.AddDays(-1), s_start.AddDays(1));
        var added = after.Keys.Except(before.Keys).ToList();
        Assert.NotEmpty(added);
        Assert.Empty(before.Keys.Except(after.Keys));
        Assert.All(after.Values, r => Assert.True(r.GetProperty("endDateTime").GetDateTimeOffset() <= s_start.AddHours(10)));
        Assert.Contains(after.Values, r => r.GetProperty("endDateTime").GetDateTimeOffset() > s_start);
        var truth = await server.TruthAsync($"/_emulator/truth/callRecords?from={Uri.EscapeDataString(s_start.AddDays(-1).ToString("o"))}&to={Uri.EscapeDataString(s_start.AddDays(1).ToString("o"))}");
        Assert.Equal(after.Keys.Order(), truth.Order());
        Assert.All(before, r => Assert.Equal(r.Value.GetProperty("version").GetInt64(), after[r.Key].GetProperty("version").GetInt64()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?advance=soon")]
    [InlineData("?advance=-PT1H")]
    [InlineData("?advance=PT0S")]
    public async Task The_clock_refuses_a_missing_bad_or_backward_step(string query)
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "72"]);

        var answer = await server.SendAsync(HttpMethod.Post, "/_emulator/clock" + query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(s_start, (await server.ControlAsync("/_emulator/stats")).GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task With_a_record_delay_a_record_appears_that_long_after_its_call_ends()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "73", "--record-delay-minutes", "150"]);
        var before = await ListAsync(server, s_start.AddDays(-2), s_start);
        Assert.All(before.Values, r => Assert.True(r.GetProperty("endDateTime").GetDateTimeOffset() <= s_start.AddMinutes(-150)));

        await server.SendAsync(HttpMethod.Post, "/_emulator/clock?advance=PT150M");

        var after = await ListAsync(server, s_start.AddDays(-2), s_start);
        var late = after.Values.Where(r => !before.ContainsKey(r.GetProperty("id").GetString()!)).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, r => Assert.InRange(r.GetProperty("endDateTime").GetDateTimeOffset(), s_start.AddMinutes(-150), s_start));
    }

    [Fact]
    public async Task With_a_revision_share_records_get_one_higher_version_with_new_sessions_within_12_hours()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "74", "--revision-share", "1"]);
        var before = await ListAsync(server, s_start.AddHours(-4), s_start);

        // A revision comes one to twelve hours after a record appears: records of calls that ended in the last hour
        // cannot have had theirs yet, older ones may have.
        var fresh = before.Where(r => r.Value.GetProperty("endDateTime").GetDateTimeOffset() > s_start.AddHours(-1)).Select(r => r.Key).ToList();
        Assert.NotEmpty(fresh);
        var sessionsBefore = await SessionIdsAsync(server, fresh[0]);

        await server.SendAsync(HttpMethod.Post, "/_emulator/clock?advance=PT12H");

        var after = await ListAsync(server, s_start.AddHours(-4), s_start);
        Assert.Empty(before.Keys.Except(after.Keys));
        Assert.All(fresh, id => Assert.Equal(before[id].GetProperty("version").GetInt64() + 1, after[id].GetProperty("version").GetInt64()));
        Assert.All(before, r => Assert.InRange(after[r.Key].GetProperty("version").GetInt64() - r.Value.GetProperty("version").GetInt64(), 0, 1));
        Assert.NotEqual(sessionsBefore, await SessionIdsAsync(server, fresh[0]));
    }

    [Fact]
    public async Task Without_a_revision_share_moving_the_clock_revises_nothing()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "75"]);
        var before = await ListAsync(server, s_start.AddDays(-2), s_start);

        await server.SendAsync(HttpMethod.Post, "/_emulator/clock?advance=P1D");

        var after = await ListAsync(server, s_start.AddDays(-2), s_start);
        Assert.Equal(before.ToDictionary(r => r.Key, r => r.Value.GetProperty("version").GetInt64()), after.ToDictionary(r => r.Key, r => r.Value.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task With_a_log_delay_rows_appear_that_long_after_they_start_and_the_truth_follows()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant, "--seed", "76", "--log-delay-hours", "36"]);
        var from = Uri.EscapeDataString(s_start.AddDays(-3).ToString("o"));
        var edge = s_start.AddHours(-36);

        var before = await server.GetAllPagesAsync($"v1.0/communications/callRecords/getPstnCalls(fromDateTime={from},toDateTime={Uri.EscapeDataString(s_start.ToString("o"))})");
        Assert.NotEmpty(before);
        Assert.All(before, r => Assert.True(r.GetProperty("startDateTime").GetDateTimeOffset() < edge));

        await server.SendAsync(HttpMethod.Post, "/_emulator/clock?advance=PT24H");

        var now = s_start.AddHours(24);
        var after = await server.GetAllPagesAsync($"v1.0/communications/callRecords/getPstnCalls(fromDateTime={from},toDateTime={Uri.EscapeDataString(now.ToString("o"))})");
        var truth = await server.TruthAsync($"/_emulator/truth/pstn?from={from}&to={Uri.EscapeDataString(now.ToString("o"))}");
        Assert.Equal(truth.Order(), after.Select(r => r.GetProperty("id").GetString()!).Order());
        Assert.Contains(after, r => r.GetProperty("startDateTime").GetDateTimeOffset() >= edge);
        Assert.All(after, r => Assert.True(r.GetProperty("startDateTime").GetDateTimeOffset() < now.AddHours(-36)));
        Assert.Empty(before.Select(r => r.GetProperty("id").GetString()).Except(after.Select(r => r.GetProperty("id").GetString())));
    }

    private static async Task<Dictionary<string, JsonElement>> ListAsync(EmulatorServer server, DateTimeOffset from, DateTimeOffset to)
    {
        var filter = Uri.EscapeDataString($"startDateTime ge {from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} and startDateTime lt {to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        var records = await server.GetAllPagesAsync($"v1.0/communications/callRecords?$filter={filter}");
        return records.ToDictionary(r => r.GetProperty("id").GetString()!);
    }

    private static async Task<List<string>> SessionIdsAsync(EmulatorServer server, string id) =>
        (await server.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/sessions")).Select(s => s.GetProperty("id").GetString()!).ToList();
}
