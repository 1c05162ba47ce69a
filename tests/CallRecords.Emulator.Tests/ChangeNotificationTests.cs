using System.Net;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

public sealed class ChangeNotificationTests : IClassFixture<ChangeNotificationTests.Emulators>, IAsyncLifetime
{
    private const string TenantId = "dc368399-474c-4d40-900c-6265431fd81f";
    private readonly EmulatorServer _server;
    private readonly EmulatorServer _alwaysWrongServer;

    public ChangeNotificationTests(Emulators emulators) => (_server, _alwaysWrongServer) = (emulators.Main, emulators.AlwaysWrongClientState);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DeleteCallRecordSubscriptionsAsync();

    [Fact]
    public async Task New_calls_are_notified_in_the_documented_shape_and_their_records_can_be_read()
    {
        using var receiver = new WebhookReceiver();
        var subscriptionId = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));
        await _server.SendAsync(HttpMethod.Post, "_emulator/stats/reset");

        var calls = await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=5");

        Assert.Equal(HttpStatusCode.OK, calls.Status);
        var ids = Ids(calls.Json);
        Assert.Equal(5, ids.Count);
        Assert.Equal(5, calls.Json.GetProperty("delivered").GetInt32());
        Assert.Equal(0, calls.Json.GetProperty("failed").GetInt32());
        Assert.Equal(0, calls.Json.GetProperty("wrongClientState").GetInt32());
        Assert.All(receiver.Notifications, n => Assert.Equal("application/json", n.ContentType));
        var items = receiver.DeliveredItems;
        Assert.Equal(ids.Order(), items.Select(i => i.GetProperty("resourceData").GetProperty("id").GetString()).Order());
        foreach (var item in items)
        {
            var id = item.GetProperty("resourceData").GetProperty("id").GetString();
            Assert.Equal(
                ["changeType", "clientState", "resource", "resourceData", "subscriptionExpirationDateTime", "subscriptionId", "tenantId"],
                item.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(subscriptionId, item.GetProperty("subscriptionId").GetString());
            Assert.Equal(SubscriptionRequests.ClientState, item.GetProperty("clientState").GetString());
            Assert.Equal("created", item.GetProperty("changeType").GetString());
            Assert.Equal($"communications/callRecords/{id}", item.GetProperty("resource").GetString());
            Assert.Equal("#Microsoft.Graph.callRecord", item.GetProperty("resourceData").GetProperty("@odata.type").GetString());
            Assert.Equal($"communications/callRecords/{id}", item.GetProperty("resourceData").GetProperty("@odata.id").GetString());
            Assert.Equal(TenantId, item.GetProperty("tenantId").GetString());
            Assert.True(item.GetProperty("subscriptionExpirationDateTime").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        }

        foreach (var id in ids)
        {
            var record = await _server.GetAsync($"v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)");
            Assert.Equal(HttpStatusCode.OK, record.Status);
            Assert.Equal(EmulatorServer.Now, record.Json.GetProperty("endDateTime").GetString());
            Assert.Equal(1, record.Json.GetProperty("version").GetInt32());
            Assert.NotEqual(0, record.Json.GetProperty("sessions").GetArrayLength());
        }

        var listed = await _server.GetAllPagesAsync("v1.0/communications/callRecords?$filter=startDateTime ge 2026-11-26T10:59:00Z");
        Assert.Subset(listed.Select(r => r.GetProperty("id").GetString()).ToHashSet(), ids.ToHashSet<string?>());
        var stats = await _server.ControlAsync("_emulator/stats");
        Assert.Equal(5, stats.GetProperty("notificationsSent").GetInt32());
        Assert.Equal(0, stats.GetProperty("notificationsFailed").GetInt32());
        Assert.Equal(3, stats.GetProperty("subscriptions").GetInt32());
        var counters = await SubscriptionCountersAsync(subscriptionId);
        Assert.Equal((5, 0), counters);
    }

    [Fact]
    public async Task WrongClientState_K_forges_the_clientState_of_the_first_K_notifications()
    {
        using var receiver = new WebhookReceiver();
        await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));

        var calls = await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=4&wrongClientState=2");

        var ids = Ids(calls.Json);
        Assert.Equal(2, calls.Json.GetProperty("wrongClientState").GetInt32());
        var wrong = receiver.DeliveredItems
            .Where(i => i.GetProperty("clientState").GetString() != SubscriptionRequests.ClientState)
            .Select(i => i.GetProperty("resourceData").GetProperty("id").GetString());
        Assert.Equal(ids.Take(2).Order(), wrong.Order());
        Assert.Equal(4, receiver.DeliveredItems.Count);
    }

    [Fact]
    public async Task The_wrong_client_state_flag_forges_that_share_unless_the_request_says_how_many()
    {
        using var receiver = new WebhookReceiver();
        try
        {
            await _alwaysWrongServer.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));

            var flagged = await _alwaysWrongServer.SendAsync(HttpMethod.Post, "_emulator/calls?count=3");
            var counted = await _alwaysWrongServer.SendAsync(HttpMethod.Post, "_emulator/calls?count=2&wrongClientState=0");

            Assert.Equal(3, flagged.Json.GetProperty("wrongClientState").GetInt32());
            Assert.Equal(0, counted.Json.GetProperty("wrongClientState").GetInt32());
            Assert.Equal(3, receiver.DeliveredItems.Count(i => i.GetProperty("clientState").GetString() != SubscriptionRequests.ClientState));
        }
        finally
        {
            await _alwaysWrongServer.DeleteCallRecordSubscriptionsAsync();
        }
    }

    [Fact]
    public async Task A_revision_raises_the_version_and_is_notified_as_updated_only_to_updated_subscriptions()
    {
        using var createdOnly = new WebhookReceiver();
        using var updates = new WebhookReceiver();
        await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(createdOnly, changeType: "created"));
        await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(updates, changeType: "updated"));
        var id = Ids((await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=1")).Json).Single();

        var revised = await _server.SendAsync(HttpMethod.Post, $"_emulator/calls/{id}/revise");
        var record = await _server.GetAsync($"v1.0/communications/callRecords/{id}");
        var unknown = await _server.SendAsync(HttpMethod.Post, $"_emulator/calls/{Guid.NewGuid()}/revise");

        Assert.Equal(HttpStatusCode.OK, revised.Status);
        Assert.Equal(2, revised.Json.GetProperty("version").GetInt32());
        Assert.Equal(1, revised.Json.GetProperty("delivered").GetInt32());
        Assert.Equal(2, record.Json.GetProperty("version").GetInt32());
        Assert.Equal(["created"], createdOnly.DeliveredItems.Select(i => i.GetProperty("changeType").GetString()));
        Assert.Equal(["created", "updated"], updates.DeliveredItems.Select(i => i.GetProperty("changeType").GetString()).Order());
        Assert.All(updates.DeliveredItems, i => Assert.Equal(id, i.GetProperty("resourceData").GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task A_participant_filter_sends_only_the_records_of_that_participant()
    {
        using var everything = new WebhookReceiver();
        using var filtered = new WebhookReceiver();
        await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(everything));
        var first = Ids((await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=1")).Json).Single();
        var participantId = (await _server.GetAsync($"v1.0/communications/callRecords/{first}")).Json.GetProperty("organizer_v2").GetProperty("id").GetString();
        var resource = $"/communications/callRecords?$filter=participants/any(p:p/id eq '{participantId}')";
        await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(filtered, changeType: "created,updated", resource: resource));

        await _server.SendAsync(HttpMethod.Post, $"_emulator/calls/{first}/revise");
        var ids = Ids((await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=10")).Json);

        var expected = new List<string> { first };
        foreach (var id in ids)
        {
            var participants = await _server.GetAllPagesAsync($"v1.0/communications/callRecords/{id}/participants_v2");
            if (participants.Any(p => p.GetProperty("id").GetString() == participantId))
            {
                expected.Add(id);
            }
        }

        Assert.Equal(expected.Order(), filtered.DeliveredItems.Select(i => i.GetProperty("resourceData").GetProperty("id").GetString()).Order());
        Assert.Equal(11, everything.DeliveredItems.Count);
    }

    [Fact]
    public async Task A_lifecycle_event_goes_to_the_lifecycle_url_or_else_the_notification_url()
    {
        using var receiver = new WebhookReceiver();
        using var withoutLifecycleUrl = new WebhookReceiver();
        var id = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver, withLifecycleUrl: true));
        var otherId = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(withoutLifecycleUrl));

        var sent = await _server.SendAsync(HttpMethod.Post, $"_emulator/lifecycle?subscriptionId={id}&event=reauthorizationRequired");
        var sentToNotificationUrl = await _server.SendAsync(HttpMethod.Post, $"_emulator/lifecycle?subscriptionId={otherId}&event=reauthorizationRequired");
        var unknown = await _server.SendAsync(HttpMethod.Post, $"_emulator/lifecycle?subscriptionId={id}&event=subscriptionExpired");

        Assert.True(sent.Json.GetProperty("delivered").GetBoolean());
        Assert.Equal(receiver.LifecycleUrl, sent.Json.GetProperty("url").GetString());
        var item = Assert.Single(Assert.Single(receiver.LifecycleNotifications).Items);
        Assert.Equal(
            ["clientState", "lifecycleEvent", "subscriptionExpirationDateTime", "subscriptionId", "tenantId"],
            item.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("reauthorizationRequired", item.GetProperty("lifecycleEvent").GetString());
        Assert.Equal(id, item.GetProperty("subscriptionId").GetString());
        Assert.Equal(SubscriptionRequests.ClientState, item.GetProperty("clientState").GetString());
        Assert.Equal(TenantId, item.GetProperty("tenantId").GetString());
        Assert.Empty(receiver.Notifications);
        Assert.Equal(withoutLifecycleUrl.NotificationUrl, sentToNotificationUrl.Json.GetProperty("url").GetString());
        Assert.Equal("reauthorizationRequired", Assert.Single(withoutLifecycleUrl.DeliveredItems).GetProperty("lifecycleEvent").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
    }

    [Fact]
    public async Task SubscriptionRemoved_deletes_the_subscription_before_saying_so_and_missed_follows_notifications_dropped_unsent()
    {
        using var receiver = new WebhookReceiver();
        var removedId = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver, withLifecycleUrl: true));
        var keptId = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver, withLifecycleUrl: true));

        var removed = await _server.SendAsync(HttpMethod.Post, $"_emulator/lifecycle?subscriptionId={removedId}&event=subscriptionRemoved");
        var afterRemoval = await _server.GetAsync($"v1.0/subscriptions/{removedId}");
        var dropped = await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=3&drop=2");
        var missed = await _server.SendAsync(HttpMethod.Post, $"_emulator/lifecycle?subscriptionId={keptId}&event=missed");

        Assert.True(removed.Json.GetProperty("delivered").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, afterRemoval.Status);
        Assert.Equal((3, 2, 1, 0), (dropped.Json.GetProperty("notifications").GetInt32(), dropped.Json.GetProperty("dropped").GetInt32(), dropped.Json.GetProperty("delivered").GetInt32(), dropped.Json.GetProperty("failed").GetInt32()));
        Assert.Single(receiver.DeliveredItems);
        Assert.True(missed.Json.GetProperty("delivered").GetBoolean());
        Assert.Equal(
            [("subscriptionRemoved", removedId), ("missed", keptId)],
            receiver.LifecycleNotifications.SelectMany(n => n.Items).Select(i => (i.GetProperty("lifecycleEvent").GetString()!, i.GetProperty("subscriptionId").GetString()!)));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_and_an_endpoint_that_is_gone_is_counted_as_failed()
    {
        using var flaky = new WebhookReceiver(failFirstNotifications: 1);
        var gone = new WebhookReceiver();
        var flakyId = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(flaky));
        var goneId = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(gone));
        gone.Dispose();
        await _server.SendAsync(HttpMethod.Post, "_emulator/stats/reset");

        var calls = await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=1");

        Assert.Equal(2, calls.Json.GetProperty("notifications").GetInt32());
        Assert.Equal(1, calls.Json.GetProperty("delivered").GetInt32());
        Assert.Equal(1, calls.Json.GetProperty("failed").GetInt32());
        Assert.Equal([503, 202], flaky.Notifications.Select(n => n.AnsweredStatus));
        Assert.Equal(flaky.Notifications[0].Body, flaky.Notifications[1].Body);
        Assert.Equal((1, 0), await SubscriptionCountersAsync(flakyId));
        Assert.Equal((0, 1), await SubscriptionCountersAsync(goneId));
        var stats = await _server.ControlAsync("_emulator/stats");
        Assert.Equal(1, stats.GetProperty("notificationsSent").GetInt32());
        Assert.Equal(1, stats.GetProperty("notificationsFailed").GetInt32());
    }

    [Fact]
    public async Task Subscriptions_on_other_resources_get_no_call_record_notifications()
    {
        var calls = await _server.SendAsync(HttpMethod.Post, "_emulator/calls?count=2");

        Assert.Equal(0, calls.Json.GetProperty("notifications").GetInt32());
        Assert.Equal(2, Ids(calls.Json).Count);
    }

    private static List<string> Ids(JsonElement report) => report.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToList();

    private async Task<(int Delivered, int Failed)> SubscriptionCountersAsync(string id)
    {
        var subscription = (await _server.ControlAsync("_emulator/subscriptions")).GetProperty("value").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        return (subscription.GetProperty("notificationsDelivered").GetInt32(), subscription.GetProperty("notificationsFailed").GetInt32());
    }

    public sealed class Emulators : IDisposable
    {
        public Emulators()
        {
            var started = new[] { "0", "1" }.AsParallel().AsOrdered()
                .Select(share => EmulatorServer.Start("--days", "2", "--calls-per-day", "20", "--wrong-client-state", share))
                .ToArray();
            (Main, AlwaysWrongClientState) = (started[0], started[1]);
        }

        public EmulatorServer Main { get; }

        /// <summary>Gets a server started with --wrong-client-state 1: every notification forged unless a request says otherwise.</summary>
        public EmulatorServer AlwaysWrongClientState { get; }

        public void Dispose()
        {
            Main.Dispose();
            AlwaysWrongClientState.Dispose();
        }
    }
}
