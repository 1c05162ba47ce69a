using System.Net;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

public sealed class CallLogTests : IClassFixture<DefaultTenant>
{
    private static readonly string[] s_pstnProperties =
    [
        "id", "callId", "userId", "userPrincipalName", "userDisplayName", "startDateTime", "endDateTime", "duration", "charge", "callType", "currency",
        "calleeNumber", "usageCountryCode", "tenantCountryCode", "connectionCharge", "callerNumber", "destinationContext", "destinationName",
        "conferenceId", "licenseCapability", "inventoryType", "operator", "callDurationSource",
    ];

    private static readonly string[] s_directRoutingProperties =
    [
        "id", "correlationId", "userId", "userPrincipalName", "userDisplayName", "startDateTime", "inviteDateTime", "failureDateTime", "endDateTime",
        "duration", "callType", "successfulCall", "callerNumber", "calleeNumber", "mediaPathLocation", "signalingLocation", "finalSipCode",
        "callEndSubReason", "finalSipCodePhrase", "trunkFullyQualifiedDomainName", "mediaBypassEnabled",
    ];

    private readonly EmulatorServer _server;

    public CallLogTests(DefaultTenant tenant) => _server = tenant.Server;

    [Theory]
    [InlineData("getPstnCalls(fromDateTime=2026-11-01,toDateTime=2026-11-05)")]
    [InlineData("microsoft.graph.callRecords.getPstnCalls(fromDateTime=2026-11-01,toDateTime=2026-11-05)")]
    [InlineData("getPstnCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-05T00:00:00Z)")]
    [InlineData("microsoft.graph.callRecords.getPstnCalls(fromDateTime=2026-11-01T00%3A00%3A00.0000000%2B00%3A00,toDateTime=2026-11-05T00%3A00%3A00.0000000%2B00%3A00)")]
    [InlineData("getPstnCalls(fromDateTime%3D2026-11-01T00%3A00%3A00Z%2CtoDateTime%3D2026-11-05T00%3A00%3A00Z)")]
    public async Task GetPstnCalls_answers_every_url_form_with_the_same_rows(string function)
    {
        var rows = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{function}");

        var truth = await _server.TruthAsync("_emulator/truth/pstn?from=2026-11-01T00:00:00Z&to=2026-11-05T00:00:00Z");
        Assert.Equal(truth, rows.Select(r => r.GetProperty("id").GetString()!));
    }

    [Theory]
    [InlineData("getDirectRoutingCalls(fromDateTime=2026-11-01,toDateTime=2026-11-05)")]
    [InlineData("microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2026-11-01T00%3A00%3A00.0000000%2B00%3A00,toDateTime=2026-11-05T00%3A00%3A00.0000000%2B00%3A00)")]
    public async Task GetDirectRoutingCalls_answers_both_names_with_the_same_rows(string function)
    {
        var rows = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{function}");

        var truth = await _server.TruthAsync("_emulator/truth/directRouting?from=2026-11-01T00:00:00Z&to=2026-11-05T00:00:00Z");
        Assert.Equal(truth, rows.Select(r => r.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Log_pages_hold_1000_rows_with_a_count_and_a_skip_nextLink_in_another_form()
    {
        var pages = new List<GraphResponse>();
        var rows = await _server.GetAllPagesAsync("v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-10-01,toDateTime=2026-11-26)", eachPage: pages.Add);

        var truth = await _server.TruthAsync("_emulator/truth/directRouting?from=2026-10-01T00:00:00Z&to=2026-11-26T00:00:00Z");
        Assert.Equal(truth, rows.Select(r => r.GetProperty("id").GetString()!));
        Assert.True(pages.Count > 10);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(1000, p.Json.GetProperty("value").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(p.Json.GetProperty("value").GetArrayLength(), p.Json.GetProperty("@odata.count").GetInt32()));
        Assert.Matches(@"/v1\.0/communications/callRecords/getDirectRoutingCalls\(from=[^,]+,to=[^)]+\)\?\$skip=1000$", pages[0].NextLink);
        Assert.Null(pages[^1].NextLink);
    }

    [Fact]
    public async Task GetPstnCalls_over_90_days_is_a_406_and_getDirectRoutingCalls_has_no_limit()
    {
        var pstn = await _server.GetAsync("v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-08-01T00:00:00Z,toDateTime=2026-10-30T00:00:01Z)");
        var ninetyDays = await _server.GetAsync("v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-08-01T00:00:00Z,toDateTime=2026-10-30T00:00:00Z)");
        var directRouting = await _server.GetAsync("v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-01-01,toDateTime=2026-11-26)");

        Assert.Equal(HttpStatusCode.NotAcceptable, pstn.Status);
        Assert.Equal("NotAcceptable", pstn.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, ninetyDays.Status);
        Assert.Equal(HttpStatusCode.OK, directRouting.Status);
    }

    [Fact]
    public async Task A_row_exactly_at_the_end_is_in_getPstnCalls_but_not_in_getDirectRoutingCalls()
    {
        // Every third day since 1970 has a row of each log starting exactly at midnight.
        var edge = Enumerable.Range(0, 3).Select(i => new DateTimeOffset(2026, 11, 20 + i, 0, 0, 0, TimeSpan.Zero)).Single(d => (d - DateTimeOffset.UnixEpoch).Days % 3 == 0);
        var (before, at, after) = (Iso(edge.AddDays(-1)), Iso(edge), Iso(edge.AddDays(1)));

        var pstn = await RowsAsync($"getPstnCalls(fromDateTime={before},toDateTime={at})");
        var directRouting = await RowsAsync($"getDirectRoutingCalls(fromDateTime={before},toDateTime={at})");
        var nextDirectRouting = await RowsAsync($"getDirectRoutingCalls(fromDateTime={at},toDateTime={after})");
        var nextPstn = await RowsAsync($"getPstnCalls(fromDateTime={at},toDateTime={after})");

        Assert.Contains(pstn, r => Start(r) == edge);
        Assert.DoesNotContain(directRouting, r => Start(r) == edge);
        Assert.Contains(nextDirectRouting, r => Start(r) == edge);
        Assert.Contains(nextPstn, r => Start(r) == edge);
        Assert.All(directRouting, r => Assert.InRange(Start(r), edge.AddDays(-1), edge.AddTicks(-1)));
    }

    [Fact]
    public async Task Pstn_rows_have_every_documented_property_and_the_documented_kinds()
    {
        var page = await _server.GetAsync("v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01,toDateTime=2026-11-04)");
        var rows = page.Json.GetProperty("value").EnumerateArray().ToList();

        Assert.All(rows, r => Assert.Equal(s_pstnProperties, r.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(rows, r => r.GetProperty("callType").GetString() == "ucap_in" && r.GetProperty("userId").ValueKind == JsonValueKind.Null);
        Assert.Contains(rows, r => r.GetProperty("conferenceId").ValueKind == JsonValueKind.String);
        Assert.Contains(rows, r => r.GetProperty("callDurationSource").GetString() == "operator" && r.GetProperty("operator").GetString() != "Microsoft");
        Assert.Contains(rows, r => r.GetProperty("callType").GetString() == "user_out" && r.GetProperty("charge").GetDecimal() > 0);
        Assert.Contains("\"charge\":0.00,", page.Body);
        Assert.Equal($"{_server.Root}v1.0/$metadata#Collection(microsoft.graph.callRecords.pstnCallLogRow)", page.Json.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task Direct_routing_rows_have_every_documented_property_and_successful_and_failed_calls()
    {
        var rows = await RowsAsync("getDirectRoutingCalls(fromDateTime=2026-11-01,toDateTime=2026-11-03)");

        Assert.All(rows, r => Assert.Equal(s_directRoutingProperties, r.EnumerateObject().Select(p => p.Name)));
        var successful = rows.Where(r => r.GetProperty("successfulCall").GetBoolean()).ToList();
        var failed = rows.Where(r => !r.GetProperty("successfulCall").GetBoolean()).ToList();
        Assert.All(successful, r => Assert.Equal("0001-01-01T00:00:00Z", r.GetProperty("failureDateTime").GetString()));
        Assert.All(successful, r => Assert.Equal(JsonValueKind.String, r.GetProperty("endDateTime").ValueKind));
        Assert.All(failed, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("endDateTime").ValueKind));
        Assert.Equal([404, 486, 487, 500, 503], failed.Select(r => r.GetProperty("finalSipCode").GetInt32()).Distinct().Order());
        Assert.Contains(rows, r => r.GetProperty("calleeNumber").GetString()!.EndsWith("***", StringComparison.Ordinal) || r.GetProperty("callerNumber").GetString()!.EndsWith("***", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Direct_routing_correlation_ids_of_recent_calls_are_call_record_ids()
    {
        var rows = await RowsAsync("getDirectRoutingCalls(fromDateTime=2026-11-24,toDateTime=2026-11-25)");
        var records = (await _server.TruthAsync("_emulator/truth/callRecords?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z")).ToHashSet();

        var correlated = rows.Where(r => records.Contains(r.GetProperty("correlationId").GetString()!)).ToList();
        Assert.True(correlated.Count >= 5, $"{correlated.Count} rows correlate");
        foreach (var row in correlated.Take(5))
        {
            var record = await _server.GetAsync($"v1.0/communications/callRecords/{row.GetProperty("correlationId").GetString()}");
            Assert.Equal(HttpStatusCode.OK, record.Status);
            Assert.Equal(Start(row), record.Json.GetProperty("startDateTime").GetDateTimeOffset());
        }
    }

    [Theory]
    [InlineData("getPstnCalls(fromDateTime=,toDateTime=)")]
    [InlineData("getPstnCalls(fromDateTime=2026-11-05,toDateTime=2026-11-01)")]
    [InlineData("getPstnCalls(fromDateTime=2026-11-01)")]
    [InlineData("getSmsLog(fromDateTime=2026-11-01,toDateTime=2026-11-02)")]
    public async Task Malformed_log_requests_are_a_400(string function)
    {
        var response = await _server.GetAsync($"v1.0/communications/callRecords/{function}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Start(JsonElement row) => row.GetProperty("startDateTime").GetDateTimeOffset();

    private Task<List<JsonElement>> RowsAsync(string function) => _server.GetAllPagesAsync($"v1.0/communications/callRecords/{function}");
}
