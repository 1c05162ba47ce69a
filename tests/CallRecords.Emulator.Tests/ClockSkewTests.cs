using System.Net;

namespace CallRecords.Emulator.Tests;

/// <summary>--clock-skew: Graph's clock (its Date header and its judgement of subscription expiry) runs apart from the machine's.</summary>
public sealed class ClockSkewTests
{
    private static readonly TimeSpan s_closeEnough = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("-03:00:00", -3)]
    [InlineData("PT3H", 3)]
    public async Task Every_answer_dates_itself_on_Graphs_clock_and_expiry_is_judged_on_it(string skew, int hours)
    {
        using var server = EmulatorServer.Start("--days", "1", "--calls-per-day", "3", "--clock-skew", skew);
        using var receiver = new WebhookReceiver();
        var graphNow = DateTimeOffset.UtcNow.AddHours(hours);

        var root = await server.GetAsync("v1.0/");
        // Right on the machine's clock, wrong on Graph's: an hour ahead is past when Graph is 3 h ahead, and the longest
        // lifetime is too long when Graph is 3 h behind.
        var machineRight = hours > 0 ? DateTimeOffset.UtcNow.AddHours(1) : DateTimeOffset.UtcNow.AddMinutes(4229);
        var refused = await server.SubscribeAsync(WithExpiration(SubscriptionRequests.Body(receiver), machineRight));
        var accepted = await server.SubscribeAsync(WithExpiration(SubscriptionRequests.Body(receiver), graphNow.AddMinutes(4229)));
        var stats = await server.Http.GetAsync("_emulator/stats");

        Assert.Equal(HttpStatusCode.OK, root.Status);
        Assert.InRange(root.Headers.Date!.Value - graphNow, -s_closeEnough, s_closeEnough);
        Assert.InRange(stats.Headers.Date!.Value - graphNow, -s_closeEnough, s_closeEnough);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.Created, accepted.Status);

        // The data clock is --now (EmulatorServer passes one), whatever the skew.
        Assert.Equal(DateTimeOffset.Parse(EmulatorServer.Now), (await server.ControlAsync("_emulator/stats")).GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public void Without_now_the_data_clock_starts_at_midnight_of_today_on_Graphs_clock()
    {
        using var emulator = EmulatorProcess.Start("--days", "1", "--calls-per-day", "3", "--clock-skew", "-1.00:00:00");

        var now = emulator.GetJson("/_emulator/stats").GetProperty("now").GetDateTimeOffset();

        Assert.Equal(new DateTimeOffset(DateTime.UtcNow.AddDays(-1).Date, TimeSpan.Zero), now);
    }

    [Fact]
    public async Task The_service_root_is_an_OData_service_document_naming_the_emulators_entity_sets()
    {
        using var server = EmulatorServer.Start("--days", "1", "--calls-per-day", "3");

        var root = await server.GetAsync("v1.0/");

        Assert.Equal(HttpStatusCode.OK, root.Status);
        Assert.Equal($"{server.Root}v1.0/$metadata", root.Json.GetProperty("@odata.context").GetString());
        Assert.Equal(["communications", "subscriptions"], root.Json.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));
        Assert.InRange(root.Headers.Date!.Value - DateTimeOffset.UtcNow, -s_closeEnough, s_closeEnough);
    }

    private static Dictionary<string, object?> WithExpiration(Dictionary<string, object?> body, DateTimeOffset expiration)
    {
        body["expirationDateTime"] = expiration;
        return body;
    }
}
