using System.Net;

namespace CallRecords.Emulator.Tests;

/// <summary>The emulator answers as Graph does in each cloud and to each preference: evolvable enums, participants_v2, trace routes.</summary>
public sealed class CloudDifferencesTests
{
    private const string Day = "from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z";

    [Fact]
    public async Task A_family_added_after_unknownFutureValue_is_sent_by_name_only_to_a_client_that_asks()
    {
        using var emulator = EmulatorServer.Start("--seed", "51", "--users", "200");
        var ids = await emulator.TruthAsync("/_emulator/truth/callRecords?" + Day);
        var asked = 0;
        var named = 0;
        foreach (var id in ids.Take(80))
        {
            var path = $"v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)";
            var plain = (await emulator.GetAsync(path)).Body;
            var preferred = (await emulator.GetAsync(path, "include-unknown-enum-members")).Body;
            Assert.DoesNotContain("azureCommunicationServices", plain, StringComparison.Ordinal);
            named += Count(preferred, "\"productFamily\":\"azureCommunicationServices\"");
            asked += Count(plain, "\"productFamily\":\"unknownFutureValue\"");
        }

        Assert.True(named > 0, "no client of an app on Azure Communication Services in 80 records");
        Assert.Equal(named, asked);
    }

    [Fact]
    public async Task Without_participants_v2_its_segment_expand_and_filter_are_refused_and_records_carry_the_deprecated_list()
    {
        using var emulator = EmulatorServer.Start("--seed", "52", "--participants-v2", "off");
        var id = (await emulator.TruthAsync("/_emulator/truth/callRecords?" + Day))[0];

        var segment = await emulator.GetAsync($"v1.0/communications/callRecords/{id}/participants_v2");
        var expand = await emulator.GetAsync($"v1.0/communications/callRecords/{id}?$expand=participants_v2");
        var filter = await emulator.GetAsync("v1.0/communications/callRecords?$filter=" + Uri.EscapeDataString("participants_v2/any(p:p/id eq 'x')"));
        var record = await emulator.GetAsync($"v1.0/communications/callRecords/{id}");

        Assert.All(new[] { segment, expand, filter }, refused =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("participants_v2", refused.Body, StringComparison.Ordinal);
        });
        Assert.NotEmpty(record.Json.GetProperty("participants").EnumerateArray());
        Assert.False(record.Json.TryGetProperty("participants_v2@odata.context", out _));
    }

    [Theory]
    [InlineData("off", false)]
    [InlineData("on", true)]
    public async Task Trace_route_hops_are_sent_only_where_the_tenant_has_trace_routes(string setting, bool expected)
    {
        using var emulator = EmulatorServer.Start("--seed", "53", "--trace-routes", setting);
        var id = (await emulator.TruthAsync("/_emulator/truth/callRecords?" + Day))[0];

        var sessions = await emulator.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/sessions?$expand=segments");
        var hops = sessions.SelectMany(s => s.GetProperty("segments").EnumerateArray())
            .SelectMany(g => g.GetProperty("media").EnumerateArray())
            .SelectMany(m => new[] { m.GetProperty("callerNetwork"), m.GetProperty("calleeNetwork") })
            .Sum(n => n.GetProperty("traceRouteHops").GetArrayLength());

        Assert.Equal(expected, hops > 0);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
