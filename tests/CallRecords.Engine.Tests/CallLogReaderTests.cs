using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>PSTN and Direct Routing logs: windows, edges, paging, documented payloads, and the emulator's truth.</summary>
public sealed class CallLogReaderTests
{
    // A UTC midnight on a day the emulator puts a row exactly at midnight (every third day since 1970); 90-day
    // windows from it end on such days too, so every window edge has a row on it.
    private static readonly DateTimeOffset s_edgeDay = EdgeDayBefore(DateTime.UtcNow.Date.AddDays(-210));

    [Fact]
    public void Pstn_requests_end_one_tick_before_the_next_window_and_direct_routing_at_it()
    {
        var window = new CallLogWindow(1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            "communications/callRecords/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2026-01-01T00%3A00%3A00.0000000Z,toDateTime=2026-01-31T23%3A59%3A59.9999999Z)",
            CallLogReader.RequestPath(CallLogKind.Pstn, window));
        Assert.Equal(
            "communications/callRecords/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2026-01-01T00%3A00%3A00.0000000Z,toDateTime=2026-02-01T00%3A00%3A00.0000000Z)",
            CallLogReader.RequestPath(CallLogKind.DirectRouting, window));
    }

    [Fact]
    public void The_request_is_the_one_the_Graph_SDK_builds_with_the_offset_written_as_Z()
    {
        var window = new CallLogWindow(1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var sdk = new Microsoft.Graph.GraphServiceClient(new System.Net.Http.HttpClient(), new Microsoft.Kiota.Abstractions.Authentication.AnonymousAuthenticationProvider(), "https://graph.microsoft.com/v1.0");

        var pstn = sdk.Communications.CallRecords.MicrosoftGraphCallRecordsGetPstnCallsWithFromDateTimeWithToDateTime(window.Start, window.End.AddTicks(-1)).ToGetRequestInformation().URI;
        var directRouting = sdk.Communications.CallRecords.MicrosoftGraphCallRecordsGetDirectRoutingCallsWithFromDateTimeWithToDateTime(window.Start, window.End).ToGetRequestInformation().URI;

        Assert.Equal(pstn.AbsoluteUri.Replace("%2B00%3A00", "Z"), "https://graph.microsoft.com/v1.0/" + CallLogReader.RequestPath(CallLogKind.Pstn, window));
        Assert.Equal(directRouting.AbsoluteUri.Replace("%2B00%3A00", "Z"), "https://graph.microsoft.com/v1.0/" + CallLogReader.RequestPath(CallLogKind.DirectRouting, window));
    }

    [Fact]
    public async Task The_documented_page_reads_every_column_and_its_next_link_is_followed_as_given()
    {
        using var server = new FixtureServer();
        var firstPage = File.ReadAllText(Path.Combine(RepositoryPaths.GraphDocsFixtures, "callrecord-getpstncalls.json"));
        server.Json("/v1.0/communications/callRecords/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2019-11-01T00:00:00.0000000Z,toDateTime=2019-11-01T23:59:59.9999999Z)", firstPage);
        server.Json("/v1.0/communications/callRecords/getPstnCalls(from=2019-11-01,to=2019-12-01)", "{\"value\":[{\"id\":\"second-page-row\",\"charge\":1.27}]}");
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var rows = new List<PstnCallLogRow>();

        await new CallLogReader(connection).ReadPstnAsync(
            new DateTimeOffset(2019, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 11, 2, 0, 0, 0, TimeSpan.Zero), rows.Add, null, RequestLog.None, CancellationToken.None);

        Assert.Equal(new[] { "9c4984c7-6c3c-427d-a30c-bd0b2eacee90", "second-page-row" }, rows.Select(r => r.Id));
        var row = rows[0];
        Assert.Equal("1835317186_112562680@61.221.3.176", row.CallId);
        Assert.Equal("richard.malk@contoso.com", row.UserPrincipalName);
        Assert.Equal(219, row.Duration);
        Assert.Equal(0.00m, row.Charge);
        Assert.Equal("0.00", row.Charge!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("user_in", row.CallType);
        Assert.Equal("USD", row.Currency);
        Assert.Equal("+1234567890", row.CalleeNumber);
        Assert.Equal("+0123456789", row.CallerNumber);
        Assert.Null(row.DestinationContext);
        Assert.Equal("United States", row.DestinationName);
        Assert.Equal("MCOPSTNU", row.LicenseCapability);
        Assert.Equal("Subscriber", row.InventoryType);
        Assert.Equal("Microsoft", row.Operator);
        Assert.Equal("microsoft", row.CallDurationSource);
        Assert.Equal(DateTimeOffset.Parse("2019-11-01T00:03:47.2589935Z"), row.EndDateTime);
        Assert.Equal(1.27m, rows[1].Charge);
        Assert.Contains("?$skip=1000", server.Requests.Last().Target);
    }

    [Fact]
    public async Task A_403_names_the_call_log_permission()
    {
        using var server = new FixtureServer();
        server.Json("/v1.0/communications/callRecords/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2019-11-01T00:00:00.0000000Z,toDateTime=2019-11-02T00:00:00.0000000Z)", "{\"error\":{\"code\":\"Forbidden\",\"message\":\"denied\"}}", 403);
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);

        var error = await Assert.ThrowsAsync<GraphRequestException>(() => new CallLogReader(connection).ReadDirectRoutingAsync(
            new DateTimeOffset(2019, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 11, 2, 0, 0, 0, TimeSpan.Zero), _ => { }, null, RequestLog.None, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("CallRecord-PstnCalls.Read.All", error.RequiredPermission);
        Assert.Contains("window 1 (2019-11-01 00:00:00Z to 2019-11-02 00:00:00Z)", error.Message);
    }

    [Fact]
    public async Task A_200_day_pstn_pull_returns_exactly_the_emulators_rows_including_those_on_window_edges()
    {
        using var emulator = EmulatorProcess.Start("--seed", "41", "--pstn-rows-per-day", "60", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var start = s_edgeDay;
        var end = s_edgeDay.AddDays(180);
        var rows = new List<PstnCallLogRow>();
        var progress = new List<CallLogProgress>();

        await new CallLogReader(connection).ReadPstnAsync(start, end, rows.Add, progress.Add, RequestLog.None, CancellationToken.None);

        var expected = emulator.TruthIds(Truth("pstn", start, end.AddTicks(-1)));
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(expected.OrderBy(id => id), rows.Select(r => r.Id).OrderBy(id => id));
        Assert.Contains(rows, r => r.StartDateTime == start.AddDays(90));
        Assert.Contains(rows, r => r.StartDateTime == start);
        Assert.DoesNotContain(rows, r => r.StartDateTime >= end);
        Assert.Equal(rows.OrderBy(r => r.StartDateTime).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.Equal(progress.Select(p => p.Window.Number).OrderBy(n => n), progress.Select(p => p.Window.Number));
        Assert.True(progress.Select(p => p.Window.Number).Distinct().Count() > 2, "several windows were read");
        Assert.Equal(progress.Select(p => p.Completed).OrderBy(c => c), progress.Select(p => p.Completed));
    }

    [Fact]
    public async Task A_direct_routing_pull_excludes_its_end_and_matches_the_emulator()
    {
        using var emulator = EmulatorProcess.Start("--seed", "42", "--dr-rows-per-day", "50", "--throttle", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var start = s_edgeDay.AddDays(30);
        var end = start.AddDays(99);
        var rows = new List<DirectRoutingCallLogRow>();

        await new CallLogReader(connection).ReadDirectRoutingAsync(start, end, rows.Add, null, RequestLog.None, CancellationToken.None);

        var expected = emulator.TruthIds(Truth("directRouting", start, end));
        Assert.Equal(expected.OrderBy(id => id), rows.Select(r => r.Id).OrderBy(id => id));
        Assert.Contains(rows, r => r.SuccessfulCall == false && r.FinalSipCode >= 400 && r.FailureDateTime is not null);
        Assert.Contains(rows, r => r.SuccessfulCall == true && r.FailureDateTime is null && r.EndDateTime is not null);
    }

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
