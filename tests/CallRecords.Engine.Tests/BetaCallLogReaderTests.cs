using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Columns;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The beta call logs: SMS, PSTN blocked users and the dial-out report; their URLs, documented payloads, windows and the emulator's truth.</summary>
public sealed class BetaCallLogReaderTests
{
    // A UTC midnight on a day the emulator puts a row exactly at midnight (every third day since 1970); 90-day
    // windows from it end on such days too, so every window edge has a row on it.
    private static readonly DateTimeOffset s_edgeDay = EdgeDayBefore(DateTime.UtcNow.Date.AddDays(-210));

    [Fact]
    public void Beta_requests_use_the_qualified_name_and_end_one_tick_before_the_next_window()
    {
        var window = new CallLogWindow(1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            "communications/callRecords/microsoft.graph.callRecords.getSmsLog(fromDateTime=2026-01-01T00%3A00%3A00.0000000Z,toDateTime=2026-01-31T23%3A59%3A59.9999999Z)",
            CallLogReader.RequestPath(CallLogKind.Sms, window));
        Assert.EndsWith(".getPstnBlockedUsersLog(fromDateTime=2026-01-01T00%3A00%3A00.0000000Z,toDateTime=2026-01-31T23%3A59%3A59.9999999Z)", CallLogReader.RequestPath(CallLogKind.PstnBlockedUsers, window));
        Assert.EndsWith(".getPstnOnlineMeetingDialoutReport(fromDateTime=2026-01-01T00%3A00%3A00.0000000Z,toDateTime=2026-01-31T23%3A59%3A59.9999999Z)", CallLogReader.RequestPath(CallLogKind.PstnOnlineMeetingDialout, window));
        Assert.All(new[] { CallLogKind.Sms, CallLogKind.PstnBlockedUsers, CallLogKind.PstnOnlineMeetingDialout }, k => Assert.True(k.IsBeta));
        Assert.All(new[] { CallLogKind.Pstn, CallLogKind.DirectRouting }, k => Assert.False(k.IsBeta));
    }

    [Fact]
    public async Task The_documented_sms_page_reads_every_column_from_beta_and_its_next_link_is_followed_as_given()
    {
        using var server = new FixtureServer();
        var documented = Fixture("callrecord-getsmslog-beta.json");
        server.Json("/beta/communications/callRecords/microsoft.graph.callRecords.getSmsLog(fromDateTime=2022-10-06T00:00:00.0000000Z,toDateTime=2022-10-06T23:59:59.9999999Z)", documented);
        server.Json("/beta/communications/callRecords/getSmsLog(fromDateTime=2022-11-01,toDateTime=2022-12-01)", "{\"value\":[{\"id\":\"second-page-row\",\"callCharge\":0.05}]}");
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var rows = new List<SmsLogRow>();

        await new CallLogReader(connection).ReadSmsAsync(Day(2022, 10, 6), Day(2022, 10, 7), rows.Add, null, RequestLog.None, CancellationToken.None);

        Assert.Equal(2, rows.Count);
        AssertEveryPropertyIsAColumn(FirstRow(documented), rows[0]);
        Assert.Null(rows[0].Id);
        Assert.Equal(new[] { "639b616c-f164-4a6f-a933-24936b8eb210", "cc6ea167-4e92-4c2d-9391-85791e978006" }, rows[0].AdministrativeUnitIds);
        Assert.Equal("0.00", rows[0].CallCharge!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.05m, rows[1].CallCharge);
        Assert.StartsWith("/beta/communications/callRecords/getSmsLog(", server.Requests.Last().Target);
        Assert.Contains("?$skip=1000", server.Requests.Last().Target);
    }

    [Fact]
    public async Task The_documented_blocked_users_page_reads_every_column()
    {
        using var server = new FixtureServer();
        var documented = Fixture("callrecord-getpstnblockeduserslog-beta.json");
        server.Json("/beta/communications/callRecords/microsoft.graph.callRecords.getPstnBlockedUsersLog(fromDateTime=2022-11-23T00:00:00.0000000Z,toDateTime=2022-11-23T23:59:59.9999999Z)", documented);
        server.Json("/beta/communications/callRecords/getPstnBlockedUsersLog(fromDateTime=2022-11-01,toDateTime=2022-12-01)", "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var rows = new List<PstnBlockedUserLogRow>();

        await new CallLogReader(connection).ReadPstnBlockedUsersAsync(Day(2022, 11, 23), Day(2022, 11, 24), rows.Add, null, RequestLog.None, CancellationToken.None);

        Assert.Equal(2, rows.Count);
        var documentedRows = JsonDocument.Parse(documented).RootElement.GetProperty("value");
        AssertEveryPropertyIsAColumn(documentedRows[0], rows[0]);
        AssertEveryPropertyIsAColumn(documentedRows[1], rows[1]);
        Assert.Equal(new[] { "Blocked", "Unblocked" }, rows.Select(r => r.UserBlockMode));
        Assert.Equal(new DateTimeOffset(2022, 11, 23, 13, 51, 9, 796, TimeSpan.Zero), rows[0].BlockDateTime);
    }

    [Fact]
    public async Task The_documented_dial_out_report_page_reads_every_column_in_one_window_of_a_month()
    {
        using var server = new FixtureServer();
        var documented = Fixture("callrecord-getpstnonlinemeetingdialoutreport-beta.json");
        server.Json("/beta/communications/callRecords/microsoft.graph.callRecords.getPstnOnlineMeetingDialoutReport(fromDateTime=2022-11-01T00:00:00.0000000Z,toDateTime=2022-11-30T23:59:59.9999999Z)", documented);
        server.Json("/beta/communications/callRecords/getPstnOnlineMeetingDialoutReport(fromDateTime=2022-11-01,toDateTime=2022-12-01)", "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var rows = new List<PstnOnlineMeetingDialoutReportRow>();

        await new CallLogReader(connection).ReadPstnOnlineMeetingDialoutReportAsync(Day(2022, 11, 1), Day(2022, 12, 1), rows.Add, null, RequestLog.None, CancellationToken.None);

        var row = Assert.Single(rows);
        AssertEveryPropertyIsAColumn(FirstRow(documented), row);
        Assert.Equal(12.83m, row.TotalCallCharge);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_dial_out_report_over_several_windows_adds_up_each_organizers_totals_per_location_context_and_currency()
    {
        using var server = new FixtureServer();
        const string report = "/beta/communications/callRecords/microsoft.graph.callRecords.getPstnOnlineMeetingDialoutReport";
        server.Json(report + "(fromDateTime=2022-01-01T00:00:00.0000000Z,toDateTime=2022-03-31T23:59:59.9999999Z)", Report(
            ("u1", "ada@contoso.com", "International", "USD", 2, 1.50m, 300),
            ("u1", "ada@contoso.com", "Domestic", "USD", 1, 0.10m, 60),
            ("u2", "bo@contoso.com", "Domestic", "USD", 4, 0.40m, 400)));
        server.Json(report + "(fromDateTime=2022-04-01T00:00:00.0000000Z,toDateTime=2022-05-31T23:59:59.9999999Z)", Report(
            ("u2", "bo.renamed@contoso.com", "Domestic", "USD", 1, 0.25m, 100),
            ("u1", "ada@contoso.com", "International", "EUR", 1, 2.00m, 120),
            ("u3", "cy@contoso.com", "Domestic", "USD", 3, 0.30m, 90)));
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var rows = new List<PstnOnlineMeetingDialoutReportRow>();

        await new CallLogReader(connection).ReadPstnOnlineMeetingDialoutReportAsync(Day(2022, 1, 1), Day(2022, 6, 1), rows.Add, null, RequestLog.None, CancellationToken.None);

        Assert.Equal(
            new[]
            {
                ("u1", "International", "USD", 2, 1.50m, 300),
                ("u1", "Domestic", "USD", 1, 0.10m, 60),
                ("u2", "Domestic", "USD", 5, 0.65m, 500),
                ("u1", "International", "EUR", 1, 2.00m, 120),
                ("u3", "Domestic", "USD", 3, 0.30m, 90),
            },
            rows.Select(r => (r.UserId!, r.DestinationContext!, r.Currency!, r.TotalCalls!.Value, r.TotalCallCharge!.Value, r.TotalCallSeconds!.Value)));
        Assert.Equal("bo.renamed@contoso.com", rows[2].UserPrincipalName);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_403_on_a_beta_log_names_the_call_log_permission()
    {
        using var server = new FixtureServer();
        server.Json("/beta/communications/callRecords/microsoft.graph.callRecords.getPstnBlockedUsersLog(fromDateTime=2022-11-01T00:00:00.0000000Z,toDateTime=2022-11-01T23:59:59.9999999Z)", "{\"error\":{\"code\":\"Forbidden\",\"message\":\"denied\"}}", 403);
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);

        var error = await Assert.ThrowsAsync<GraphRequestException>(() => new CallLogReader(connection).ReadPstnBlockedUsersAsync(
            Day(2022, 11, 1), Day(2022, 11, 2), _ => { }, null, RequestLog.None, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("CallRecord-PstnCalls.Read.All", error.RequiredPermission);
        Assert.Contains("PSTN blocked users log", error.Message);
    }

    [Fact]
    public async Task The_beta_notice_is_a_warning_given_at_most_once_in_a_process_however_many_reads()
    {
        using var emulator = EmulatorProcess.Start("--seed", "44", "--sms-rows-per-day", "5", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var reader = new CallLogReader(connection);
        var first = new CapturedLog();
        var second = new CapturedLog();
        var to = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

        await reader.ReadSmsAsync(to.AddDays(-2), to, _ => { }, null, first.Log, CancellationToken.None);
        await reader.ReadSmsAsync(to.AddDays(-2), to, _ => { }, null, second.Log, CancellationToken.None);

        Assert.Empty(second.Warnings);
        Assert.InRange(first.Warnings.Count, 0, 1);
        Assert.All(first.Warnings, w => Assert.Contains("getSmsLog is a Microsoft Graph beta API", w));
        Assert.Contains(first.Verbose, line => line.StartsWith("GET /beta/communications/callRecords/microsoft.graph.callRecords.getSmsLog(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_200_day_sms_pull_returns_exactly_the_emulators_rows_including_those_on_window_edges()
    {
        using var emulator = EmulatorProcess.Start("--seed", "45", "--sms-rows-per-day", "60", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var (start, end) = (s_edgeDay, s_edgeDay.AddDays(200));
        var rows = new List<SmsLogRow>();
        var progress = new List<CallLogProgress>();

        await new CallLogReader(connection).ReadSmsAsync(start, end, rows.Add, progress.Add, RequestLog.None, CancellationToken.None);

        var expected = emulator.TruthIds(Truth("sms", start, end.AddTicks(-1)));
        Assert.Equal(expected.OrderBy(id => id), rows.Select(r => r.Id).OrderBy(id => id));
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.Contains(rows, r => r.SentDateTime == start.AddDays(90));
        Assert.DoesNotContain(rows, r => r.SentDateTime >= end);
        Assert.Equal(rows.OrderBy(r => r.SentDateTime).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.True(progress.Select(p => p.Window.Number).Distinct().Count() > 2, "several windows were read");
        Assert.Contains(rows, r => r.AdministrativeUnitIds.Count == 1);
    }

    [Fact]
    public async Task A_200_day_blocked_users_pull_returns_exactly_the_emulators_rows()
    {
        using var emulator = EmulatorProcess.Start("--seed", "46", "--blocked-user-rows-per-day", "6", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var (start, end) = (s_edgeDay, s_edgeDay.AddDays(200));
        var rows = new List<PstnBlockedUserLogRow>();

        await new CallLogReader(connection).ReadPstnBlockedUsersAsync(start, end, rows.Add, null, RequestLog.None, CancellationToken.None);

        var expected = emulator.TruthIds(Truth("pstnBlockedUsers", start, end.AddTicks(-1)));
        Assert.Equal(expected.OrderBy(id => id), rows.Select(r => r.RemediationId).OrderBy(id => id));
        Assert.Contains(rows, r => r.BlockDateTime == start.AddDays(90));
        Assert.Equal(new[] { "blocked", "unblocked" }, rows.Select(r => r.UserBlockMode).Distinct().Order());
    }

    [Fact]
    public async Task A_200_day_dial_out_report_is_the_emulators_report_of_the_whole_range()
    {
        using var emulator = EmulatorProcess.Start("--seed", "47", "--pstn-rows-per-day", "100", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var (start, end) = (s_edgeDay, s_edgeDay.AddDays(200));
        var rows = new List<PstnOnlineMeetingDialoutReportRow>();
        var progress = new List<CallLogProgress>();

        await new CallLogReader(connection).ReadPstnOnlineMeetingDialoutReportAsync(start, end, rows.Add, progress.Add, RequestLog.None, CancellationToken.None);

        var truth = emulator.GetJson(Truth("pstnOnlineMeetingDialoutReport", start, end.AddTicks(-1))).GetProperty("value").EnumerateArray()
            .Select(r => (r.GetProperty("userId").GetString(), r.GetProperty("destinationContext").GetString(), r.GetProperty("totalCalls").GetInt32(), r.GetProperty("totalCallCharge").GetDecimal(), r.GetProperty("totalCallSeconds").GetInt32()))
            .OrderBy(r => r.Item1).ThenBy(r => r.Item2).ToList();
        Assert.True(truth.Count > 20);
        Assert.Equal(truth, rows.Select(r => (r.UserId, r.DestinationContext, r.TotalCalls!.Value, r.TotalCallCharge!.Value, r.TotalCallSeconds!.Value)).OrderBy(r => r.UserId).ThenBy(r => r.DestinationContext));
        Assert.Equal(3, progress.Select(p => p.Window.Number).Distinct().Count());
    }

    /// <summary>Each property of a documented row is a column of the row type (PascalCase; administrativeUnitInfos as AdministrativeUnitIds) holding its value.</summary>
    private static void AssertEveryPropertyIsAColumn<T>(JsonElement documented, T row)
        where T : class
    {
        var columns = ColumnSet.For<T>();
        foreach (var property in documented.EnumerateObject())
        {
            var name = property.Name == "administrativeUnitInfos" ? "AdministrativeUnitIds" : char.ToUpperInvariant(property.Name[0]) + property.Name[1..];
            var column = columns.Find(name);
            Assert.True(column is not null, $"{property.Name} has no column in {typeof(T).Name}");
            var value = column!.ValueOf(row);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String when column.Type == typeof(DateTimeOffset):
                    Assert.Equal(DateTimeOffset.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture), value);
                    break;
                case JsonValueKind.String:
                    Assert.Equal(property.Value.GetString(), value);
                    break;
                case JsonValueKind.Number:
                    Assert.True(column.Type == typeof(decimal) || column.Type == typeof(int), $"{name} is a {column.Type.Name}");
                    Assert.Equal(property.Value.GetDecimal(), Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case JsonValueKind.Array:
                    Assert.Equal(property.Value.EnumerateArray().Select(item => item.GetProperty("id").GetString()), Assert.IsAssignableFrom<IEnumerable<string>>(value));
                    break;
                default:
                    Assert.Fail($"{property.Name} is a {property.Value.ValueKind}, which this check does not know.");
                    break;
            }
        }
    }

    private static string Report(params (string User, string Upn, string Context, string Currency, int Calls, decimal Charge, int Seconds)[] rows) =>
        JsonSerializer.Serialize(new
        {
            value = rows.Select(r => new Dictionary<string, object>
            {
                ["userId"] = r.User, ["userPrincipalName"] = r.Upn, ["userDisplayName"] = r.Upn, ["usageLocation"] = "US", ["destinationContext"] = r.Context,
                ["currency"] = r.Currency, ["totalCalls"] = r.Calls, ["totalCallCharge"] = r.Charge, ["totalCallSeconds"] = r.Seconds,
            }),
        });

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.GraphDocsFixtures, name));

    private static JsonElement FirstRow(string page) => JsonDocument.Parse(page).RootElement.GetProperty("value")[0];

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static string Truth(string kind, DateTimeOffset from, DateTimeOffset to) =>
        $"/_emulator/truth/{kind}?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    private static DateTimeOffset EdgeDayBefore(DateTime day)
    {
        while ((int)(day - DateTime.UnixEpoch).TotalDays % 3 != 0)
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day, TimeSpan.Zero);
    }
}
