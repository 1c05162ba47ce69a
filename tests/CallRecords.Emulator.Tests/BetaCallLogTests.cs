using System.Net;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>The beta-only call log functions: getSmsLog, getPstnBlockedUsersLog and getPstnOnlineMeetingDialoutReport under /beta.</summary>
public sealed class BetaCallLogTests : IClassFixture<DefaultTenant>
{
    private const string Beta = "beta/communications/callRecords/";

    // In the order of the documented examples, with smsLogRow's id (listed on its resource page) first.
    private static readonly string[] s_smsProperties =
    [
        "id", "smsId", "userId", "userPrincipalName", "userDisplayName", "userCountryCode", "tenantCountryCode", "sourceNumber", "destinationNumber",
        "sentDateTime", "callCharge", "currency", "smsType", "destinationContext", "destinationName", "otherPartyCountryCode", "licenseCapability",
        "smsUnits", "administrativeUnitInfos",
    ];

    private static readonly string[] s_blockedUserProperties =
    [
        "userId", "userPrincipalName", "userDisplayName", "blockDateTime", "userTelephoneNumber", "userBlockMode", "blockReason", "remediationId",
    ];

    private static readonly string[] s_dialoutProperties =
    [
        "userId", "userPrincipalName", "userDisplayName", "usageLocation", "destinationContext", "currency", "totalCalls", "totalCallCharge", "totalCallSeconds",
    ];

    private readonly EmulatorServer _server;

    public BetaCallLogTests(DefaultTenant tenant) => _server = tenant.Server;

    [Theory]
    [InlineData("getSmsLog(fromDateTime=2026-11-01,toDateTime=2026-11-05)", "sms", "id")]
    [InlineData("microsoft.graph.callRecords.getSmsLog(fromDateTime=2026-11-01T00%3A00%3A00.0000000Z,toDateTime=2026-11-05T00%3A00%3A00.0000000Z)", "sms", "id")]
    [InlineData("getPstnBlockedUsersLog(fromDateTime=2026-08-10,toDateTime=2026-11-05)", "pstnBlockedUsers", "remediationId")]
    [InlineData("microsoft.graph.callRecords.getPstnBlockedUsersLog(fromDateTime=2026-08-10T00%3A00%3A00.0000000%2B00%3A00,toDateTime=2026-11-05T00%3A00%3A00.0000000%2B00%3A00)", "pstnBlockedUsers", "remediationId")]
    public async Task The_beta_logs_answer_the_qualified_and_the_short_name_with_the_truths_rows(string function, string truth, string id)
    {
        var from = function.Contains("2026-08-10", StringComparison.Ordinal) ? "2026-08-10" : "2026-11-01";
        var rows = await RowsAsync(function);

        var expected = await _server.TruthAsync($"_emulator/truth/{truth}?from={from}T00:00:00Z&to=2026-11-05T00:00:00Z");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => r.GetProperty(id).GetString()!));
    }

    [Theory]
    [InlineData("getPstnOnlineMeetingDialoutReport(fromDateTime=2026-10-01,toDateTime=2026-11-05)")]
    [InlineData("microsoft.graph.callRecords.getPstnOnlineMeetingDialoutReport(fromDateTime=2026-10-01T00%3A00%3A00.0000000Z,toDateTime=2026-11-05T00%3A00%3A00.0000000Z)")]
    public async Task The_dial_out_report_answers_the_qualified_and_the_short_name_with_the_truths_rows(string function)
    {
        var rows = await RowsAsync(function);

        var truth = (await _server.ControlAsync("_emulator/truth/pstnOnlineMeetingDialoutReport?from=2026-10-01T00:00:00Z&to=2026-11-05T00:00:00Z")).GetProperty("value");
        Assert.True(truth.GetArrayLength() > 10);
        Assert.Equal(truth.EnumerateArray().Select(r => r.GetRawText()), rows.Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task Sms_rows_have_every_documented_property_and_both_directions_contexts_masks_and_administrative_units()
    {
        var page = await _server.GetAsync(Beta + "getSmsLog(fromDateTime=2026-11-01,toDateTime=2026-11-03)");
        var rows = page.Json.GetProperty("value").EnumerateArray().ToList();

        Assert.All(rows, r => Assert.Equal(s_smsProperties, r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["sms_in", "sms_out"], rows.Select(r => r.GetProperty("smsType").GetString()).Distinct().Order());
        Assert.Equal(["Domestic", "International"], rows.Select(r => r.GetProperty("destinationContext").GetString()).Distinct().Order());
        Assert.Contains(rows, r => r.GetProperty("smsType").GetString() == "sms_out" && r.GetProperty("callCharge").GetDecimal() > 0);
        Assert.All(rows.Where(r => r.GetProperty("smsType").GetString() == "sms_in"), r => Assert.Equal(0m, r.GetProperty("callCharge").GetDecimal()));
        Assert.Contains(rows, r => r.GetProperty("sourceNumber").GetString()!.EndsWith("***", StringComparison.Ordinal) || r.GetProperty("destinationNumber").GetString()!.EndsWith("***", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetProperty("administrativeUnitInfos").GetArrayLength() == 1 && r.GetProperty("administrativeUnitInfos")[0].GetProperty("id").GetString()!.Length == 36);
        Assert.Contains(rows, r => r.GetProperty("administrativeUnitInfos").GetArrayLength() == 0);
        Assert.Equal($"{_server.Root}beta/$metadata#Collection(microsoft.graph.callRecords.smsLogRow)", page.Json.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task Blocked_user_rows_have_every_documented_property_no_id_and_the_documented_modes()
    {
        var rows = await RowsAsync("getPstnBlockedUsersLog(fromDateTime=2026-09-01,toDateTime=2026-11-01)");

        Assert.All(rows, r => Assert.Equal(s_blockedUserProperties, r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["blocked", "unblocked"], rows.Select(r => r.GetProperty("userBlockMode").GetString()).Distinct().Order());
        Assert.Equal(rows.Count, rows.Select(r => r.GetProperty("remediationId").GetString()).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(0, r.GetProperty("blockDateTime").GetDateTimeOffset().Ticks % TimeSpan.TicksPerMillisecond));
    }

    [Fact]
    public async Task The_dial_out_report_adds_up_the_conf_out_rows_of_getPstnCalls_per_organizer_and_destination_context()
    {
        var report = await RowsAsync("getPstnOnlineMeetingDialoutReport(fromDateTime=2026-11-01,toDateTime=2026-11-20)");
        var calls = await _server.GetAllPagesAsync("v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01,toDateTime=2026-11-20)");

        var expected = calls
            .Where(c => c.GetProperty("callType").GetString() == "conf_out")
            .GroupBy(c => (User: c.GetProperty("userId").GetString(), Context: c.GetProperty("destinationContext").GetString()))
            .ToDictionary(g => g.Key, g => (Calls: g.Count(), Charge: g.Sum(c => c.GetProperty("charge").GetDecimal() + c.GetProperty("connectionCharge").GetDecimal()), Seconds: g.Sum(c => c.GetProperty("duration").GetInt32())));
        Assert.All(report, r => Assert.Equal(s_dialoutProperties, r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(expected.Count, report.Count);
        foreach (var row in report)
        {
            var totals = expected[(row.GetProperty("userId").GetString(), row.GetProperty("destinationContext").GetString())];
            Assert.Equal(totals, (row.GetProperty("totalCalls").GetInt32(), row.GetProperty("totalCallCharge").GetDecimal(), row.GetProperty("totalCallSeconds").GetInt32()));
            Assert.Equal(("US", "USD"), (row.GetProperty("usageLocation").GetString(), row.GetProperty("currency").GetString()));
        }
    }

    [Fact]
    public async Task Beta_pages_hold_1000_rows_with_a_count_and_a_skip_nextLink_under_beta_in_the_documented_form()
    {
        var pages = new List<GraphResponse>();
        var rows = await _server.GetAllPagesAsync(Beta + "microsoft.graph.callRecords.getSmsLog(fromDateTime=2026-11-01T00%3A00%3A00.0000000Z,toDateTime=2026-11-12T00%3A00%3A00.0000000Z)", eachPage: pages.Add);

        var truth = await _server.TruthAsync("_emulator/truth/sms?from=2026-11-01T00:00:00Z&to=2026-11-12T00:00:00Z");
        Assert.Equal(truth, rows.Select(r => r.GetProperty("id").GetString()!));
        Assert.True(pages.Count > 2);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(1000, p.Json.GetProperty("value").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(p.Json.GetProperty("value").GetArrayLength(), p.Json.GetProperty("@odata.count").GetInt32()));
        Assert.Matches(@"/beta/communications/callRecords/getSmsLog\(fromDateTime=[^,]+,toDateTime=[^)]+\)\?\$skip=1000$", pages[0].NextLink);
        Assert.Null(pages[^1].NextLink);
    }

    [Fact]
    public async Task The_dial_out_report_pages_1000_rows_for_a_tenant_with_more_organizers()
    {
        using var server = EmulatorServer.Start("--users", "1200", "--pstn-rows-per-day", "1500", "--days", "3", "--throttle", "off");
        var pages = new List<GraphResponse>();
        var rows = await server.GetAllPagesAsync(Beta + "getPstnOnlineMeetingDialoutReport(fromDateTime=2026-09-01,toDateTime=2026-11-01)", eachPage: pages.Add);

        var truth = (await server.ControlAsync("_emulator/truth/pstnOnlineMeetingDialoutReport?from=2026-09-01T00:00:00Z&to=2026-11-01T00:00:00Z")).GetProperty("value");
        Assert.True(pages.Count >= 2, $"{pages.Count} pages");
        Assert.Equal(1000, pages[0].Json.GetProperty("value").GetArrayLength());
        Assert.Equal(truth.EnumerateArray().Select(r => r.GetRawText()), rows.Select(r => r.GetRawText()));
    }

    [Theory]
    [InlineData("getSmsLog")]
    [InlineData("getPstnBlockedUsersLog")]
    [InlineData("getPstnOnlineMeetingDialoutReport")]
    public async Task A_beta_function_over_90_days_is_a_406_and_90_days_are_served(string function)
    {
        var tooLong = await _server.GetAsync(Beta + $"{function}(fromDateTime=2026-08-01T00:00:00Z,toDateTime=2026-10-30T00:00:01Z)");
        var ninetyDays = await _server.GetAsync(Beta + $"{function}(fromDateTime=2026-08-01T00:00:00Z,toDateTime=2026-10-30T00:00:00Z)");

        Assert.Equal(HttpStatusCode.NotAcceptable, tooLong.Status);
        Assert.Equal("NotAcceptable", tooLong.ErrorCode);
        Assert.Contains(function, tooLong.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, ninetyDays.Status);
    }

    [Theory]
    [InlineData("getSmsLog", "sentDateTime")]
    [InlineData("getPstnBlockedUsersLog", "blockDateTime")]
    public async Task A_beta_log_row_exactly_at_the_end_is_included(string function, string time)
    {
        // Every third day since 1970 has a row of each log starting exactly at midnight.
        var edge = Enumerable.Range(0, 3).Select(i => new DateTimeOffset(2026, 11, 20 + i, 0, 0, 0, TimeSpan.Zero)).Single(d => (d - DateTimeOffset.UnixEpoch).Days % 3 == 0);

        var endingThere = await RowsAsync($"{function}(fromDateTime={Iso(edge.AddDays(-1))},toDateTime={Iso(edge)})");
        var startingThere = await RowsAsync($"{function}(fromDateTime={Iso(edge)},toDateTime={Iso(edge.AddDays(1))})");

        Assert.Contains(endingThere, r => r.GetProperty(time).GetDateTimeOffset() == edge);
        Assert.Contains(startingThere, r => r.GetProperty(time).GetDateTimeOffset() == edge);
    }

    [Theory]
    [InlineData("v1.0/communications/callRecords/getSmsLog(fromDateTime=2026-11-01,toDateTime=2026-11-02)")]
    [InlineData("v1.0/communications/callRecords/microsoft.graph.callRecords.getPstnOnlineMeetingDialoutReport(fromDateTime=2026-11-01,toDateTime=2026-11-02)")]
    [InlineData("beta/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01,toDateTime=2026-11-02)")]
    [InlineData("beta/communications/callRecords")]
    [InlineData("beta/subscriptions")]
    [InlineData("beta/communications/callRecords/getSmsLog(fromDateTime=2026-11-01)")]
    [InlineData("beta/communications/callRecords/getSmsLog(fromDateTime=2026-11-01,toDateTime=2026-11-02)/more")]
    public async Task Beta_functions_are_only_under_beta_and_beta_serves_nothing_else(string path)
    {
        var response = await _server.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task The_beta_functions_count_against_the_logs_limits_each_query_its_own_50_a_minute()
    {
        using var server = EmulatorServer.Start("--days", "3", "--throttle", "on");
        var sms = Beta + "getSmsLog(fromDateTime=2026-11-02T00:00:00Z,toDateTime=2026-11-02T01:00:00Z)";
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.GetAsync(sms)).Status);
        }

        var throttled = await server.GetAsync(sms);
        var otherFunction = await server.GetAsync(Beta + "getPstnBlockedUsersLog(fromDateTime=2026-11-02T00:00:00Z,toDateTime=2026-11-02T01:00:00Z)");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(HttpStatusCode.OK, otherFunction.Status);
    }

    [Fact]
    public async Task The_row_counts_follow_their_flags()
    {
        using var server = EmulatorServer.Start("--days", "3", "--throttle", "off", "--sms-rows-per-day", "7", "--blocked-user-rows-per-day", "3");

        var sms = await server.GetAllPagesAsync(Beta + "getSmsLog(fromDateTime=2026-11-10T00:00:00Z,toDateTime=2026-11-11T23:59:59.9999999Z)");
        var blocked = await server.GetAllPagesAsync(Beta + "getPstnBlockedUsersLog(fromDateTime=2026-11-10T00:00:00Z,toDateTime=2026-11-11T23:59:59.9999999Z)");

        Assert.Equal(14, sms.Count);
        Assert.Equal(6, blocked.Count);
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private Task<List<JsonElement>> RowsAsync(string function) => _server.GetAllPagesAsync(Beta + function);
}
