using System.Net;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

public sealed class ListingTests : IClassFixture<DefaultTenant>
{
    private readonly EmulatorServer _server;

    public ListingTests(DefaultTenant tenant) => _server = tenant.Server;

    [Fact]
    public async Task Listing_a_day_follows_nextLinks_to_every_record_of_the_day_exactly_once()
    {
        var pageSizes = new List<int>();
        var listed = await _server.GetAllPagesAsync(
            "v1.0/communications/callRecords?$filter=startDateTime ge 2026-11-20T00:00:00Z and startDateTime lt 2026-11-21T00:00:00Z",
            eachPage: page => pageSizes.Add(page.Json.GetProperty("value").GetArrayLength()));

        var truth = await _server.TruthAsync("_emulator/truth/callRecords?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");
        var ids = listed.Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(truth.Count, ids.Distinct().Count());
        Assert.Equal(truth.OrderBy(i => i), ids.OrderBy(i => i));
        Assert.True(pageSizes.Count >= 3, "200 calls a day make several pages");
        Assert.All(pageSizes.SkipLast(1), size => Assert.Equal(60, size));
    }

    [Fact]
    public async Task Listing_everything_returns_every_visible_record_in_start_order()
    {
        var listed = await _server.GetAllPagesAsync("v1.0/communications/callRecords");
        var tenant = await _server.ControlAsync("_emulator/tenant");
        var truth = await _server.TruthAsync("_emulator/truth/callRecords?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z");

        Assert.Equal(tenant.GetProperty("visibleCallRecords").GetInt32(), listed.Count);
        Assert.Equal(truth, listed.Select(r => r.GetProperty("id").GetString()!));
        var starts = listed.Select(r => r.GetProperty("startDateTime").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        var retentionStart = tenant.GetProperty("retentionStart").GetDateTimeOffset();
        var now = tenant.GetProperty("now").GetDateTimeOffset();
        Assert.All(listed, r => Assert.InRange(r.GetProperty("startDateTime").GetDateTimeOffset(), retentionStart, now));
        Assert.All(listed, r => Assert.True(r.GetProperty("endDateTime").GetDateTimeOffset() <= now, "only ended calls are visible"));
    }

    [Fact]
    public async Task Prefer_maxpagesize_lowers_the_page_size_and_is_reported_as_applied()
    {
        var first = await _server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=7");

        Assert.Equal(7, first.Json.GetProperty("value").GetArrayLength());
        Assert.Equal("odata.maxpagesize=7", first.Headers.GetValues("Preference-Applied").Single());
        var second = await _server.GetAsync(first.NextLink!);
        Assert.Equal(7, second.Json.GetProperty("value").GetArrayLength());
        var firstIds = first.Json.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.DoesNotContain(second.Json.GetProperty("value")[0].GetProperty("id").GetString(), firstIds);
    }

    [Fact]
    public async Task Prefer_maxpagesize_above_60_is_capped_at_60()
    {
        var page = await _server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=500");

        Assert.Equal(60, page.Json.GetProperty("value").GetArrayLength());
        Assert.Equal("odata.maxpagesize=60", page.Headers.GetValues("Preference-Applied").Single());
    }

    [Fact]
    public async Task Filters_on_start_and_participant_combine_with_and()
    {
        var tenant = await _server.ControlAsync("_emulator/tenant");
        var userId = tenant.GetProperty("users")[3].GetProperty("id").GetString()!;

        var listed = await _server.GetAllPagesAsync(
            $"v1.0/communications/callRecords?$filter=startDateTime gt 2026-11-10T00:00:00Z and participants_v2/any(p:p/id eq '{userId}') and startDateTime le 2026-11-25T00:00:00Z");

        var truth = await _server.TruthAsync($"_emulator/truth/callRecords?from=2026-11-10T00:00:00Z&to=2026-11-25T00:00:00Z&userId={userId}");
        Assert.NotEmpty(truth);
        Assert.Equal(truth, listed.Select(r => r.GetProperty("id").GetString()!));
    }

    [Theory]
    [InlineData("type eq 'groupCall'")]
    [InlineData("startDateTime eq 2026-11-20T00:00:00Z")]
    [InlineData("startDateTime ge 2026-11-20T00:00:00Z or startDateTime lt 2026-11-01T00:00:00Z")]
    [InlineData("participants/any(p:p/id eq 'x')")]
    public async Task Unsupported_filters_are_a_400_BadRequest(string filter)
    {
        var response = await _server.GetAsync($"v1.0/communications/callRecords?$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BadRequest", response.ErrorCode);
        Assert.Equal("application/json", response.ContentHeaders.ContentType!.MediaType);
    }

    [Fact]
    public async Task Listed_records_carry_organizer_v2_but_never_sessions_or_participants()
    {
        var listed = await _server.GetAllPagesAsync("v1.0/communications/callRecords?$filter=startDateTime ge 2026-11-24T00:00:00Z");

        Assert.All(listed, record =>
        {
            foreach (var name in new[] { "id", "version", "type", "modalities", "lastModifiedDateTime", "startDateTime", "endDateTime", "joinWebUrl", "organizer_v2@odata.context", "organizer_v2" })
            {
                Assert.True(record.TryGetProperty(name, out _), name);
            }

            foreach (var name in new[] { "sessions", "participants_v2", "participants" })
            {
                Assert.False(record.TryGetProperty(name, out _), name);
            }

            Assert.InRange(record.GetProperty("version").GetInt32(), 1, 3);
            Assert.True(record.GetProperty("lastModifiedDateTime").GetDateTimeOffset() > record.GetProperty("endDateTime").GetDateTimeOffset());
            if (record.GetProperty("type").GetString() == "peerToPeer")
            {
                Assert.Equal(JsonValueKind.Null, record.GetProperty("joinWebUrl").ValueKind);
            }
        });
        Assert.Contains(listed, r => r.TryGetProperty("organizer", out _));
        Assert.Contains(listed, r => !r.TryGetProperty("organizer", out _));
        Assert.Contains(listed, r => r.GetProperty("organizer_v2").GetProperty("identity").GetProperty("phone").ValueKind == JsonValueKind.Object);
        Assert.Equal(["groupCall", "peerToPeer", "unknown"], listed.Select(r => r.GetProperty("type").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task An_invalid_skiptoken_is_a_400()
    {
        var response = await _server.GetAsync("v1.0/communications/callRecords?$skiptoken=not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }
}
