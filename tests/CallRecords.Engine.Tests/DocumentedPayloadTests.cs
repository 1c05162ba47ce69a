using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The engine reads the response bodies Microsoft documents, served as they are over loopback.</summary>
public sealed class DocumentedPayloadTests : IDisposable
{
    private const string RecordsPath = "/v1.0/communications/callRecords";
    private const string BasicId = "e523d2ed-2966-4b6b-925b-754a88034cc5";
    private readonly FixtureServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Get_reads_the_documented_basic_record_with_its_organizer_v2()
    {
        _server.Json($"{RecordsPath}/{BasicId}", Fixture("callrecord-get-basic.json"));
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        var record = await new CallRecordReader(connection).GetAsync(BasicId, expandSessions: false, RequestLog.None, CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal(BasicId, record!.Id);
        Assert.Equal(1, record.Version);
        Assert.Equal("peerToPeer", record.Type);
        Assert.Equal(new[] { "audio" }, record.Modalities);
        Assert.Equal(DateTimeOffset.Parse("2020-02-25T18:52:21.2169889Z"), record.StartDateTime);
        Assert.Equal(DateTimeOffset.Parse("2020-02-25T18:52:46.7640013Z"), record.EndDateTime);
        Assert.Equal("821809f5-0000-0000-0000-3b5136c0e777", record.OrganizerId);
        Assert.Equal("Abbie Wilkins", record.OrganizerDisplayName);
        Assert.Equal("user", record.OrganizerIdentityType);
        Assert.Equal("dc368399-474c-4d40-900c-6265431fd81f", record.OrganizerTenantId);
        Assert.Null(record.Sessions);
    }

    [Fact]
    public async Task List_reads_the_documented_page_including_a_phone_organizer()
    {
        _server.Json(RecordsPath, Fixture("callrecord-list.json"));
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        var records = new List<CallRecord>();

        await new CallRecordReader(connection).ListAsync(Query(), records.Add, RequestLog.None, CancellationToken.None);

        Assert.Equal(new[] { "3cf3bbc8-b21d-4f2e-bfd0-b13603ae6c65", "c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f" }, records.Select(r => r.Id));
        Assert.Equal("unknown", records[0].Type);
        Assert.Equal(2, records[0].Version);
        Assert.Equal("Abbie Wilkins", records[0].OrganizerDisplayName);
        Assert.Equal("+5564981205182", records[1].OrganizerId);
        Assert.Equal("phone", records[1].OrganizerIdentityType);
        Assert.Null(records[1].OrganizerDisplayName);
    }

    [Fact]
    public async Task List_sends_the_range_and_user_as_the_documented_filter()
    {
        _server.Json(RecordsPath, "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        var query = Query();
        query.UserId = "821809f5-0000-0000-0000-3b5136c0e777";

        await new CallRecordReader(connection).ListAsync(query, _ => { }, RequestLog.None, CancellationToken.None);

        var target = Uri.UnescapeDataString(_server.Requests.Single().Target);
        Assert.Contains("$filter=startDateTime ge 2023-09-25T00:00:00.0000000Z and startDateTime lt 2023-09-26T00:00:00.0000000Z and participants_v2/any(p:p/id eq '821809f5-0000-0000-0000-3b5136c0e777')", target);
    }

    [Fact]
    public async Task Sessions_read_the_documented_page_and_stop_with_a_warning_at_its_placeholder_next_link()
    {
        _server.Json($"{RecordsPath}/{BasicId}/sessions", Fixture("callrecord-list-sessions.json"));
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        var sessions = new List<CallRecordSession>();
        var log = new CapturedLog();

        var found = await new CallRecordReader(connection).ListSessionsAsync(BasicId, sessions.Add, log.Log, CancellationToken.None);

        Assert.True(found);
        var session = Assert.Single(sessions);
        Assert.Equal(BasicId, session.CallRecordId);
        Assert.False(session.IsTest);
        Assert.Equal("participant", session.Caller.EndpointType);
        Assert.Equal("Abbie Wilkins", session.Caller.DisplayName);
        Assert.Equal("android", session.Caller.Platform);
        Assert.Equal("skypeForBusiness", session.Caller.ProductFamily);
        Assert.Equal("machineName_1", session.Caller.Name);
        Assert.Equal("Owen Franklin", session.Callee.DisplayName);
        Assert.Equal("poor", session.Callee.FeedbackRating);
        Assert.Equal("Noisy", session.Callee.FeedbackTokens);
        Assert.Contains(log.Warnings, w => w.Contains("$metadata"));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Unknown_enum_values_unknown_properties_and_missing_objects_do_not_break_reading()
    {
        const string body = """
        {
          "id": "0b4b0e3e-1111-4c3c-9c52-0a7f6e7f0001", "version": 7, "type": "someFutureCallType",
          "modalities": ["audio", "holographic"], "brandNewProperty": {"nested": [1, 2, 3]},
          "startDateTime": "2026-11-20T10:00:00Z", "endDateTime": null, "organizer_v2": null,
          "sessions": [
            { "id": "s1", "modalities": [], "caller": null,
              "callee": { "@odata.type": "#microsoft.graph.callRecords.someNewEndpoint", "userAgent": { "@odata.type": "#microsoft.graph.callRecords.newAgent", "platform": 42 } },
              "segments": [ { "id": "g1", "media": [ { "label": null }, { "label": "main-audio", "streams": "unexpected" } ] } ] }
          ]
        }
        """;
        _server.Json($"{RecordsPath}/0b4b0e3e-1111-4c3c-9c52-0a7f6e7f0001", body);
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        var record = await new CallRecordReader(connection).GetAsync("0b4b0e3e-1111-4c3c-9c52-0a7f6e7f0001", expandSessions: true, RequestLog.None, CancellationToken.None);

        Assert.Equal("someFutureCallType", record!.Type);
        Assert.Equal("audio, holographic", record.Modalities.ToString());
        Assert.Null(record.EndDateTime);
        Assert.Null(record.OrganizerId);
        var session = Assert.Single(record.Sessions!);
        Assert.Null(session.Caller.EndpointType);
        Assert.Equal("someNewEndpoint", session.Callee.EndpointType);
        Assert.Equal("42", session.Callee.Platform);
        Assert.Equal(new[] { "main-audio" }, Assert.Single(session.Segments).MediaLabels);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_its_Retry_After_header_names()
    {
        _server.Json(RecordsPath, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}", 429, new Dictionary<string, string> { ["Retry-After"] = "1" });
        _server.Json(RecordsPath, Fixture("callrecord-list.json"));
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        var records = new List<CallRecord>();

        await new CallRecordReader(connection).ListAsync(Query(), records.Add, RequestLog.None, CancellationToken.None);

        Assert.Equal(2, records.Count);
        var times = _server.Requests.Select(r => r.ReceivedAt).ToArray();
        Assert.Equal(2, times.Length);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(950), $"retried after {(times[1] - times[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_truncated_body_is_retried_and_never_taken_for_a_short_page()
    {
        _server.Truncated(RecordsPath, Fixture("callrecord-list.json"));
        _server.Json(RecordsPath, Fixture("callrecord-list.json"));
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        var records = new List<CallRecord>();

        await new CallRecordReader(connection).ListAsync(Query(), records.Add, RequestLog.None, CancellationToken.None);

        Assert.Equal(2, records.Count);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Retries_that_run_out_end_in_an_error_that_says_so()
    {
        _server.Json(RecordsPath, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"down\"}}", 503);
        var policy = EngineTestConnections.FastRetries();
        policy.MaxAttempts = 3;
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url, policy: policy);

        var error = await Assert.ThrowsAsync<GraphRequestException>(
            () => new CallRecordReader(connection).ListAsync(Query(), _ => { }, RequestLog.None, CancellationToken.None));

        Assert.True(error.RetriesExhausted);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Contains("3 times", error.Message);
    }

    [Fact]
    public async Task A_403_names_the_permission_the_operation_needs()
    {
        _server.Json(RecordsPath, "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges\"}}", 403);
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        var error = await Assert.ThrowsAsync<GraphRequestException>(
            () => new CallRecordReader(connection).ListAsync(Query(), _ => { }, RequestLog.None, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("CallRecords.Read.All", error.RequiredPermission);
        Assert.Equal("Authorization_RequestDenied", error.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Each_request_logs_one_verbose_line_with_method_path_status_and_duration_and_no_token()
    {
        _server.Json(RecordsPath, Fixture("callrecord-list.json"));
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url, "secret-token-value");
        var log = new CapturedLog();

        await new CallRecordReader(connection).ListAsync(Query(), _ => { }, log.Log, CancellationToken.None);

        var line = Assert.Single(log.Verbose);
        Assert.Matches(@"^GET /v1\.0/communications/callRecords\?\$filter=startDateTime ge .* 200 \(\d+ ms\)$", line);
        Assert.DoesNotContain("secret-token-value", string.Join("\n", log.Verbose.Concat(log.Debug).Concat(log.Warnings)));
        Assert.Equal("Bearer secret-token-value", _server.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused_so_the_token_never_leaves()
    {
        _server.Json(RecordsPath, "{\"value\":[],\"@odata.nextLink\":\"https://attacker.example/v1.0/communications/callRecords?$skiptoken=1\"}");
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        var error = await Assert.ThrowsAsync<GraphRequestException>(
            () => new CallRecordReader(connection).ListAsync(Query(), _ => { }, RequestLog.None, CancellationToken.None));

        Assert.Equal("UntrustedNextLink", error.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_before_any_request()
    {
        var expired = "e30." + Base64Url("{\"exp\":1000000000,\"tid\":\"t\"}") + ".sig";

        var error = await Assert.ThrowsAsync<GraphAuthenticationException>(() => Task.Run(() => EngineTestConnections.ConnectWithToken(_server.Url, expired)));

        Assert.Contains("expired", error.Message);
        Assert.Empty(_server.Requests);
    }

    private static CallRecordQuery Query() => new()
    {
        StartDateTime = DateTimeOffset.Parse("2023-09-25T00:00:00Z"),
        EndDateTime = DateTimeOffset.Parse("2023-09-26T00:00:00Z"),
    };

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.GraphDocsFixtures, name));

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
