using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

public sealed class RecordTests : IClassFixture<DefaultTenant>
{
    private readonly EmulatorServer _server;

    public RecordTests(DefaultTenant tenant) => _server = tenant.Server;

    [Fact]
    public async Task Tenant_has_large_group_calls_and_many_participant_calls_on_every_visible_day()
    {
        var tenant = await _server.ControlAsync("_emulator/tenant");
        var large = tenant.GetProperty("largeGroupCallIds").GetArrayLength();
        var many = tenant.GetProperty("manyParticipantCallIds").GetArrayLength();

        Assert.True(large >= 3 * 29, $"{large} records with more than 60 sessions");
        Assert.True(many >= 29, $"{many} records with more than 130 participants");
    }

    [Fact]
    public async Task Sessions_of_a_large_group_call_are_all_reachable_exactly_once_from_the_expanded_record()
    {
        var id = await FirstIdAsync("largeGroupCallIds");
        var record = await _server.GetAsync($"v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)");

        Assert.Equal(HttpStatusCode.OK, record.Status);
        var inline = record.Json.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(60, inline.Count);
        var nextLink = record.Json.GetProperty("sessions@odata.nextLink").GetString()!;
        Assert.StartsWith($"{_server.Root}v1.0/communications/callRecords/{id}/sessions?$expand=segments&$skiptoken=", nextLink);
        var rest = await _server.GetAllPagesAsync(nextLink);
        var viaExpand = inline.Concat(rest).ToList();
        var viaSessions = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/sessions?$expand=segments");

        Assert.True(viaExpand.Count > 60);
        Assert.Equal(viaExpand.Count, viaExpand.Select(SessionId).Distinct().Count());
        Assert.Equal(viaSessions.Select(SessionId), viaExpand.Select(SessionId));
        Assert.All(viaExpand, s => Assert.NotEqual(0, s.GetProperty("segments").GetArrayLength()));
        Assert.Equal(viaSessions[^1].GetRawText(), viaExpand[^1].GetRawText());
    }

    [Fact]
    public async Task Sessions_pages_hold_60_and_honour_a_smaller_maxpagesize()
    {
        var id = await FirstIdAsync("largeGroupCallIds");
        var sizes = new List<int>();
        var all = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/sessions", eachPage: p => sizes.Add(p.Json.GetProperty("value").GetArrayLength()));
        var small = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/sessions", prefer: "odata.maxpagesize=25", eachPage: p => Assert.InRange(p.Json.GetProperty("value").GetArrayLength(), 1, 25));

        Assert.All(sizes.SkipLast(1), size => Assert.Equal(60, size));
        Assert.Equal(all.Select(SessionId), small.Select(SessionId));
        Assert.All(all, s => Assert.False(s.TryGetProperty("segments", out _), "segments only with $expand=segments"));
    }

    [Fact]
    public async Task Participants_v2_pages_hold_130_and_the_expanded_record_links_to_the_rest()
    {
        var id = await FirstIdAsync("manyParticipantCallIds");
        var sizes = new List<int>();
        var paged = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/participants_v2", eachPage: p => sizes.Add(p.Json.GetProperty("value").GetArrayLength()));
        var record = await _server.GetAsync($"v1.0/communications/callRecords/{id}?$expand=participants_v2,sessions");

        Assert.True(paged.Count > 130);
        Assert.Equal(130, sizes[0]);
        Assert.Equal(paged.Count, paged.Select(p => p.GetProperty("id").GetString()).Distinct().Count());
        var inline = record.Json.GetProperty("participants_v2").EnumerateArray().ToList();
        Assert.Equal(130, inline.Count);
        var rest = await _server.GetAllPagesAsync(record.Json.GetProperty("participants_v2@odata.nextLink").GetString()!);
        Assert.Equal(paged.Select(p => p.GetProperty("id").GetString()), inline.Concat(rest).Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(60, record.Json.GetProperty("sessions").GetArrayLength());
        Assert.DoesNotContain("$expand=segments", record.Json.GetProperty("sessions@odata.nextLink").GetString());
    }

    [Fact]
    public async Task Getting_a_record_returns_organizer_v2_and_the_participants_v2_context_without_expanding()
    {
        var listed = await _server.GetAsync("v1.0/communications/callRecords?$filter=startDateTime ge 2026-11-25T00:00:00Z");
        var id = listed.Json.GetProperty("value")[0].GetProperty("id").GetString();

        var record = await _server.GetAsync($"v1.0/communications/callRecords/{id}");

        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Equal(id, record.Json.GetProperty("id").GetString());
        Assert.Equal($"{_server.Root}v1.0/$metadata#communications/callRecords/$entity", record.Json.GetProperty("@odata.context").GetString());
        Assert.True(record.Json.TryGetProperty("organizer_v2", out _));
        Assert.True(record.Json.TryGetProperty("participants_v2@odata.context", out _));
        Assert.False(record.Json.TryGetProperty("sessions", out _));
        Assert.False(record.Json.TryGetProperty("participants_v2", out _));
    }

    [Fact]
    public async Task Some_records_still_carry_the_deprecated_participants_capped_at_130()
    {
        var tenant = await _server.ControlAsync("_emulator/tenant");
        var deprecated = new List<JsonElement>();
        foreach (var id in tenant.GetProperty("manyParticipantCallIds").EnumerateArray().Select(i => i.GetString()))
        {
            var record = await _server.GetAsync($"v1.0/communications/callRecords/{id}");
            if (record.Json.TryGetProperty("participants", out var participants))
            {
                deprecated.Add(participants);
            }
        }

        Assert.NotEmpty(deprecated);
        Assert.All(deprecated, participants => Assert.Equal(130, participants.GetArrayLength()));
    }

    [Fact]
    public async Task An_unknown_record_is_a_404_NotFound_with_a_Graph_error()
    {
        var response = await _server.GetAsync($"v1.0/communications/callRecords/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NotFound", response.ErrorCode);
        Assert.StartsWith("Could not find the requested call record", response.Json.GetProperty("error").GetProperty("message").GetString());
        var inner = response.Json.GetProperty("error").GetProperty("innerError");
        Assert.True(Guid.TryParse(inner.GetProperty("request-id").GetString(), out _));
        Assert.True(inner.TryGetProperty("date", out _));
    }

    [Theory]
    [InlineData("expiredCallIds", "")]
    [InlineData("expiredCallIds", "/sessions")]
    [InlineData("unfinishedCallIds", "")]
    public async Task Records_past_retention_or_not_yet_ended_are_a_404(string list, string suffix)
    {
        var id = await FirstIdAsync(list);

        var response = await _server.GetAsync($"v1.0/communications/callRecords/{id}{suffix}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task An_unsupported_expand_is_a_400()
    {
        var id = await FirstIdAsync("largeGroupCallIds");

        var response = await _server.GetAsync($"v1.0/communications/callRecords/{id}?$expand=organizer");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_missing_or_wrong_token_is_a_401_InvalidAuthenticationToken(string? token)
    {
        using var client = new HttpClient { BaseAddress = _server.Root };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        client.DefaultRequestHeaders.Add("client-request-id", "4b1c1d6e-0000-4000-8000-000000000001");

        var response = await _server.GetAsync("v1.0/communications/callRecords", client: client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.ErrorCode);
        Assert.Equal("4b1c1d6e-0000-4000-8000-000000000001", response.Json.GetProperty("error").GetProperty("innerError").GetProperty("client-request-id").GetString());
    }

    private static string SessionId(JsonElement session) => session.GetProperty("id").GetString()!;

    private async Task<string> FirstIdAsync(string list) =>
        (await _server.ControlAsync("_emulator/tenant")).GetProperty(list)[0].GetString()!;
}
