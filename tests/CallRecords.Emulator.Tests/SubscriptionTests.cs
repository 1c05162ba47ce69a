using System.Net;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

public sealed class SubscriptionTests : IClassFixture<SubscriptionTests.Emulators>, IAsyncLifetime
{
    private readonly EmulatorServer _server;
    private readonly EmulatorServer _quotaServer;

    public SubscriptionTests(Emulators emulators) => (_server, _quotaServer) = (emulators.Main, emulators.Quota);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DeleteCallRecordSubscriptionsAsync();

    [Fact]
    public async Task Creating_validates_both_urls_with_an_encoded_token_and_returns_201_with_the_subscription()
    {
        using var receiver = new WebhookReceiver();
        var body = SubscriptionRequests.Body(receiver, changeType: "created,updated", withLifecycleUrl: true);

        var response = await _server.SubscribeAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var subscription = response.Json;
        Assert.Equal($"{_server.Root}v1.0/$metadata#subscriptions/$entity", subscription.GetProperty("@odata.context").GetString());
        Assert.True(Guid.TryParse(subscription.GetProperty("id").GetString(), out _));
        Assert.Equal(SubscriptionRequests.CallRecords, subscription.GetProperty("resource").GetString());
        Assert.Equal("created,updated", subscription.GetProperty("changeType").GetString());
        Assert.Equal(SubscriptionRequests.ClientState, subscription.GetProperty("clientState").GetString());
        Assert.Equal(receiver.NotificationUrl, subscription.GetProperty("notificationUrl").GetString());
        Assert.Equal(receiver.LifecycleUrl, subscription.GetProperty("lifecycleNotificationUrl").GetString());
        Assert.Equal((DateTimeOffset)body["expirationDateTime"]!, subscription.GetProperty("expirationDateTime").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.True(Guid.TryParse(subscription.GetProperty("applicationId").GetString(), out _));
        Assert.True(Guid.TryParse(subscription.GetProperty("creatorId").GetString(), out _));
        Assert.Equal("v1_2", subscription.GetProperty("latestSupportedTlsVersion").GetString());
        Assert.False(subscription.GetProperty("includeResourceData").GetBoolean());
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("notificationQueryOptions").ValueKind);
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("encryptionCertificate").ValueKind);

        var validations = receiver.Validations;
        Assert.Equal(["/lifecycle", "/notifications"], validations.Select(v => v.Path).Order());
        Assert.All(validations, v =>
        {
            Assert.Equal("text/plain; charset=utf-8", v.ContentType);
            Assert.Equal("", v.Body);
            Assert.All(" +/:", c => Assert.Contains(c, v.ValidationToken!));
            Assert.Contains("%2B", v.RawUrl);
            Assert.DoesNotContain(' ', v.RawUrl);
        });
        var fetched = await _server.GetAsync($"v1.0/subscriptions/{subscription.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(subscription.GetProperty("expirationDateTime").GetString(), fetched.Json.GetProperty("expirationDateTime").GetString());
    }

    [Fact]
    public async Task A_handshake_that_echoes_the_encoded_token_or_cannot_be_reached_is_a_400_and_makes_nothing()
    {
        using var encoded = new WebhookReceiver(Handshake.EchoEncoded);
        var unreachable = SubscriptionRequests.Body(encoded);
        unreachable["notificationUrl"] = $"http://127.0.0.1:{Loopback.FreePort()}/notifications";
        var before = await _server.GetAsync("v1.0/subscriptions");

        var wrongEcho = await _server.SubscribeAsync(SubscriptionRequests.Body(encoded));
        var nobodyThere = await _server.SubscribeAsync(unreachable);

        foreach (var response in new[] { wrongEcho, nobodyThere })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("InvalidRequest", response.ErrorCode);
            Assert.StartsWith("Subscription validation request failed", response.Json.GetProperty("error").GetProperty("message").GetString());
        }

        Assert.Single(encoded.Validations);
        var after = await _server.GetAsync("v1.0/subscriptions");
        Assert.Equal(before.Json.GetProperty("value").GetArrayLength(), after.Json.GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("lifetime over 4,230 minutes", "Subscription expiration can only be 4230 minutes in the future.")]
    [InlineData("expiry in the past", "Subscription expiration must be in the future")]
    [InlineData("clientState of 129 characters", "clientState can be at most 128 characters")]
    [InlineData("users resource", "The resource '/users' is not supported")]
    [InlineData("deleted changeType", "changeType 'deleted' is not supported")]
    [InlineData("unsupported filter", "Invalid filter clause")]
    [InlineData("no notificationUrl", "The subscription is missing notificationUrl")]
    public async Task An_invalid_subscription_is_a_400_InvalidRequest_before_any_handshake(string problem, string message)
    {
        using var receiver = new WebhookReceiver();
        var body = SubscriptionRequests.Body(receiver);
        switch (problem)
        {
            case "lifetime over 4,230 minutes": body["expirationDateTime"] = DateTimeOffset.UtcNow.AddMinutes(4231); break;
            case "expiry in the past": body["expirationDateTime"] = DateTimeOffset.UtcNow.AddMinutes(-1); break;
            case "clientState of 129 characters": body["clientState"] = new string('c', 129); break;
            case "users resource": body["resource"] = "/users"; break;
            case "deleted changeType": body["changeType"] = "deleted"; break;
            case "unsupported filter": body["resource"] = "/communications/callRecords?$filter=startDateTime ge 2026-11-01T00:00:00Z"; break;
            case "no notificationUrl": body.Remove("notificationUrl"); break;
        }

        var response = await _server.SubscribeAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidRequest", response.ErrorCode);
        Assert.StartsWith(message, response.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(receiver.Validations);
    }

    [Theory]
    [InlineData("communications/callRecords")]
    [InlineData("/communications/callRecords?$filter=participants/any(p:p/id eq '2cc15f6b-3c42-4a4e-a1f7-2cd2c7a2b1f0')")]
    [InlineData("/communications/callRecords?$filter=participants_v2/any(p:p/id eq 'a' or p/id eq 'b')")]
    [InlineData("/communications/callRecords?$filter=participants/any(x:x/id in ('a', 'b')) or participants/any(x:x/id eq 'c')")]
    public async Task Call_record_resources_with_and_without_a_participant_filter_are_accepted_and_echoed(string resource)
    {
        using var receiver = new WebhookReceiver();

        var response = await _server.SubscribeAsync(SubscriptionRequests.Body(receiver, resource: resource));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(resource, response.Json.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task The_longest_lifetime_and_clientState_are_accepted()
    {
        using var receiver = new WebhookReceiver();

        var response = await _server.SubscribeAsync(SubscriptionRequests.Body(receiver, lifetime: TimeSpan.FromMinutes(4229), clientState: new string('c', 128)));

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task The_101st_call_record_subscription_is_a_403_naming_the_limit_until_one_is_deleted()
    {
        using var receiver = new WebhookReceiver();
        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _quotaServer.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver))));

        var refused = await _quotaServer.SubscribeAsync(SubscriptionRequests.Body(receiver));
        var deleted = await _quotaServer.SendAsync(HttpMethod.Delete, $"v1.0/subscriptions/{ids[0]}");
        var afterDelete = await _quotaServer.SubscribeAsync(SubscriptionRequests.Body(receiver));

        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("Forbidden", refused.ErrorCode);
        Assert.Contains("100", refused.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.Created, afterDelete.Status);
    }

    [Fact]
    public async Task The_list_holds_subscriptions_on_other_resources_of_another_app_too()
    {
        using var receiver = new WebhookReceiver();
        var id = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));

        var list = await _server.GetAsync("v1.0/subscriptions");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal($"{_server.Root}v1.0/$metadata#subscriptions", list.Json.GetProperty("@odata.context").GetString());
        var subscriptions = list.Json.GetProperty("value").EnumerateArray().ToList();
        var ours = Assert.Single(subscriptions, s => s.GetProperty("id").GetString() == id);
        var others = subscriptions.Where(s => !s.GetProperty("resource").GetString()!.Contains("callRecords", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/groups", "/users"], others.Select(s => s.GetProperty("resource").GetString()).Order());
        Assert.All(others, s => Assert.NotEqual(ours.GetProperty("applicationId").GetString(), s.GetProperty("applicationId").GetString()));
    }

    [Fact]
    public async Task Patch_renews_within_4230_minutes_and_refuses_beyond()
    {
        using var receiver = new WebhookReceiver();
        var id = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));
        var renewal = DateTimeOffset.UtcNow.AddMinutes(4000);

        var renewed = await _server.SendAsync(HttpMethod.Patch, $"v1.0/subscriptions/{id}", new { expirationDateTime = renewal });
        var tooLong = await _server.SendAsync(HttpMethod.Patch, $"v1.0/subscriptions/{id}", new { expirationDateTime = DateTimeOffset.UtcNow.AddMinutes(4300) });
        var unknown = await _server.SendAsync(HttpMethod.Patch, $"v1.0/subscriptions/{Guid.NewGuid()}", new { expirationDateTime = renewal });
        var fetched = await _server.GetAsync($"v1.0/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.OK, renewed.Status);
        Assert.Equal(renewal, renewed.Json.GetProperty("expirationDateTime").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("Subscription expiration can only be 4230 minutes in the future.", tooLong.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(renewal, fetched.Json.GetProperty("expirationDateTime").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Delete_is_a_204_and_then_the_subscription_is_a_404_ResourceNotFound()
    {
        using var receiver = new WebhookReceiver();
        var id = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));

        var deleted = await _server.SendAsync(HttpMethod.Delete, $"v1.0/subscriptions/{id}");
        var fetched = await _server.GetAsync($"v1.0/subscriptions/{id}");
        var deletedAgain = await _server.SendAsync(HttpMethod.Delete, $"v1.0/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, fetched.Status);
        Assert.Equal("ResourceNotFound", fetched.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.Status);
    }

    [Fact]
    public async Task Reauthorize_is_a_204_for_a_subscription_and_a_404_for_an_unknown_one()
    {
        using var receiver = new WebhookReceiver();
        var id = await _server.SubscribeCreatedAsync(SubscriptionRequests.Body(receiver));

        var reauthorized = await _server.SendAsync(HttpMethod.Post, $"v1.0/subscriptions/{id}/reauthorize");
        var unknown = await _server.SendAsync(HttpMethod.Post, $"v1.0/subscriptions/{Guid.NewGuid()}/reauthorize");

        Assert.Equal(HttpStatusCode.NoContent, reauthorized.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Subscriptions_need_a_token_and_other_methods_are_a_405_while_call_records_stay_read_only()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Root };

        var unauthenticated = await _server.SendAsync(HttpMethod.Post, "v1.0/subscriptions", new { }, anonymous);
        var put = await _server.SendAsync(HttpMethod.Put, "v1.0/subscriptions", new { });
        var postRecords = await _server.SendAsync(HttpMethod.Post, "v1.0/communications/callRecords", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.Status);
        Assert.Equal(["GET", "POST"], put.ContentHeaders.Allow.Order());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postRecords.Status);
        Assert.Equal("MethodNotAllowed", postRecords.ErrorCode);
    }

    public sealed class Emulators : IDisposable
    {
        public Emulators()
        {
            var started = new[] { 0, 1 }.AsParallel().AsOrdered().Select(_ => EmulatorServer.Start("--days", "2", "--calls-per-day", "20")).ToArray();
            (Main, Quota) = (started[0], started[1]);
        }

        public EmulatorServer Main { get; }

        /// <summary>Gets a server of its own for filling the quota, which would refuse every other test's subscriptions.</summary>
        public EmulatorServer Quota { get; }

        public void Dispose()
        {
            Main.Dispose();
            Quota.Dispose();
        }
    }
}
