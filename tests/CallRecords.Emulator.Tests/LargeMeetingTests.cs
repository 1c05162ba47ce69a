namespace CallRecords.Emulator.Tests;

/// <summary>--large-meeting-sessions (a town hall a day) and the peaks the stats report for each throttling limit.</summary>
public sealed class LargeMeetingTests
{
    private static readonly string[] s_smallTenant = ["--days", "2", "--calls-per-day", "10", "--seed", "14"];

    [Fact]
    public async Task A_town_hall_a_day_has_the_sessions_and_participants_asked_for_and_leaves_the_other_records_as_they_were()
    {
        using var plain = EmulatorServer.Start([.. s_smallTenant, "--throttle", "off"]);
        using var withTownHalls = EmulatorServer.Start([.. s_smallTenant, "--throttle", "off", "--large-meeting-sessions", "700"]);

        var townHalls = (await withTownHalls.ControlAsync("_emulator/tenant")).GetProperty("largeMeetingCallIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        var plainIds = (await plain.GetAllPagesAsync("v1.0/communications/callRecords")).Select(r => r.GetProperty("id").GetString()!);
        var allIds = (await withTownHalls.GetAllPagesAsync("v1.0/communications/callRecords")).Select(r => r.GetProperty("id").GetString()!);
        var sessions = await withTownHalls.GetAllPagesAsync($"v1.0/communications/callRecords/{townHalls[0]}/sessions");
        var participants = await withTownHalls.GetAllPagesAsync($"v1.0/communications/callRecords/{townHalls[0]}/participants_v2");

        Assert.NotEmpty(townHalls);
        Assert.Equal(plainIds.Concat(townHalls).Order(), allIds.Order());
        Assert.Empty((await plain.ControlAsync("_emulator/tenant")).GetProperty("largeMeetingCallIds").EnumerateArray());
        Assert.Equal(700, sessions.Select(s => s.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(700, participants.Count);
    }

    [Fact]
    public async Task Stats_report_the_most_requests_admitted_in_one_window_for_each_kind_of_limit_until_reset()
    {
        using var server = EmulatorServer.Start([.. s_smallTenant]);
        var id = (await server.ControlAsync("_emulator/tenant")).GetProperty("largeGroupCallIds")[0].GetString();
        for (var i = 0; i < 5; i++)
        {
            await server.GetAsync($"v1.0/communications/callRecords/{id}/sessions");
        }

        for (var i = 0; i < 3; i++)
        {
            await server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=1");
        }

        var peaks = (await server.ControlAsync("_emulator/stats")).GetProperty("peakInWindow");
        await server.Http.PostAsync("_emulator/stats/reset", null);
        var afterReset = (await server.ControlAsync("_emulator/stats")).GetProperty("peakInWindow");

        Assert.Equal(5, peaks.GetProperty("callRecords:record").GetInt32());
        Assert.Equal(3, peaks.GetProperty("callRecords:list").GetInt32());
        Assert.Equal(8, peaks.GetProperty("callRecords:app").GetInt32());
        Assert.Empty(afterReset.EnumerateObject());
    }
}
