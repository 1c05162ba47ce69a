using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Graph's three lifecycle notifications, sent by the emulator to the receiver over loopback.</summary>
public sealed class LifecycleNotificationTests
{
    private const string State = "lifecycle-state";
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_missed_notification_is_written_with_the_four_hours_before_it_and_the_calls_to_read_again()
    {
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/missed/";
        var missed = new List<CallRecordMissedNotification>();
        var warnings = new ConcurrentQueue<string>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { State }, Count = 1, Timeout = TimeSpan.FromSeconds(20) };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnMissed = missed.Add, Log = new RequestLog { Warning = warnings.Enqueue } });
        var receiving = Task.Run(() => receiver.RunAsync(CancellationToken.None));
        await Loopback.WaitListeningAsync(prefix);

        var before = DateTimeOffset.UtcNow;
        using var sent = await s_http.PostAsync(prefix, new StringContent(
            $"{{\"value\":[{{\"subscriptionId\":\"sub-1\",\"subscriptionExpirationDateTime\":\"2026-12-05T11:00:00.0000000Z\",\"tenantId\":\"t\",\"clientState\":\"{State}\",\"lifecycleEvent\":\"missed\"}}]}}",
            Encoding.UTF8,
            "application/json"));
        var summary = await receiving;

        var row = Assert.Single(missed);
        Assert.Equal(("missed", "sub-1", "t"), (row.LifecycleEvent, row.SubscriptionId, row.TenantId));
        Assert.InRange(row.ReceivedDateTime, before, DateTimeOffset.UtcNow);
        Assert.Equal(row.ReceivedDateTime, row.WindowEnd);
        Assert.Equal(row.WindowEnd - TimeSpan.FromHours(4), row.WindowStart);
        Assert.Equal(row.WindowStart - TimeSpan.FromHours(24), row.StartDateTime);
        Assert.Equal(row.WindowEnd, row.EndDateTime);
        Assert.Null(row.RecordsWritten);
        Assert.Contains(warnings, w => w.Contains("Graph missed notifications of subscription sub-1") && w.Contains("Sync-CallRecord"));
        Assert.Equal(1, summary.Written);
    }

    [Fact]
    public async Task With_ExpandCallRecord_a_missed_window_is_read_again_and_each_dropped_record_is_written_once()
    {
        // The tenant's data clock at this machine's now, so records made now were changed in the missed window.
        var now = DateTimeOffset.UtcNow;
        using var emulator = EmulatorProcess.Start("--seed", "71", "--days", "2", "--calls-per-day", "10", "--now", now.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/catch-up/";
        var records = new ConcurrentQueue<CallRecord>();
        var missed = new ConcurrentQueue<CallRecordMissedNotification>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { State }, ExpandCallRecord = true, Timeout = TimeSpan.FromSeconds(60) };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnCallRecord = records.Enqueue, OnMissed = missed.Enqueue }, connection);
        var receiving = receiver.RunAsync(CancellationToken.None);
        await Loopback.WaitListeningAsync(prefix);
        var subscription = await Subscribe(connection, prefix);

        var delivered = emulator.PostJson("/_emulator/calls?count=1").GetProperty("ids")[0].GetString()!;
        await WaitUntilAsync(() => records.Any(r => r.Id == delivered));
        var dropped = emulator.PostJson("/_emulator/calls?count=3&drop=3");
        var droppedIds = dropped.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        emulator.PostJson($"/_emulator/lifecycle?subscriptionId={subscription.Id}&event=missed");
        await WaitUntilAsync(() => !missed.IsEmpty);
        await receiver.DisposeAsync();
        await receiving;

        var row = Assert.Single(missed);
        Assert.Equal((3, 0), (dropped.GetProperty("dropped").GetInt32(), dropped.GetProperty("delivered").GetInt32()));
        Assert.Subset(records.Select(r => r.Id).ToHashSet(), droppedIds.ToHashSet());
        Assert.Equal(records.Count, records.Select(r => r.Id + "#" + r.Version).Distinct().Count());
        Assert.Equal(records.Count - 1, row.RecordsWritten);
        Assert.All(records.Skip(1), r => Assert.True(r.LastModifiedDateTime >= row.WindowStart, $"{r.Id} changed at {r.LastModifiedDateTime:o}, before the window"));
    }

    [Fact]
    public async Task With_AutoRenew_a_removed_subscription_is_made_again_as_it_was_and_a_renewal_asked_for_is_made()
    {
        using var emulator = EmulatorProcess.Start("--seed", "72", "--days", "1", "--calls-per-day", "3");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/keep/";
        var notifications = new ConcurrentQueue<CallRecordNotification>();
        var log = new CapturedLog();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { State }, AutoRenew = true, Count = 2, Timeout = TimeSpan.FromSeconds(60) };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnNotification = notifications.Enqueue, Log = log.Log }, connection);
        var receiving = receiver.RunAsync(CancellationToken.None);
        await Loopback.WaitListeningAsync(prefix);

        // Made after the receiver started: it learns of it from the validation it answered.
        var user = emulator.GetJson("/_emulator/tenant").GetProperty("users")[0].GetProperty("id").GetString()!;
        var original = await Subscribe(connection, prefix, user, TimeSpan.FromMinutes(30));
        await WaitUntilAsync(() => log.Debug.Any(line => line.Contains("knows 1 call record subscriptions")));
        emulator.PostJson($"/_emulator/lifecycle?subscriptionId={original.Id}&event=subscriptionRemoved");
        await WaitUntilAsync(() => log.Warnings.Any(w => w.Contains("replaces it")));
        var replacement = (await new SubscriptionClient(connection).ListAsync(RequestLog.None, CancellationToken.None)).Single();
        emulator.PostJson($"/_emulator/lifecycle?subscriptionId={replacement.Id}&event=reauthorizationRequired");
        var summary = await receiving;

        Assert.Equal(new[] { "subscriptionRemoved", "reauthorizationRequired" }, notifications.Select(n => n.LifecycleEvent));
        Assert.NotEqual(original.Id, replacement.Id);
        Assert.Equal(
            (original.Resource, original.NotificationUrl, original.LifecycleNotificationUrl, original.ChangeType, State),
            (replacement.Resource, replacement.NotificationUrl, replacement.LifecycleNotificationUrl, replacement.ChangeType, replacement.ClientState));
        Assert.Contains(log.Warnings, w => w.Contains($"Graph removed subscription {original.Id}; subscription {replacement.Id} replaces it"));
        Assert.True(replacement.ExpirationDateTime > DateTimeOffset.UtcNow.AddMinutes(4200), "the new subscription was not made for the longest lifetime");
        Assert.True((await new SubscriptionClient(connection).GetAsync(replacement.Id, RequestLog.None, CancellationToken.None))!.ExpirationDateTime > DateTimeOffset.UtcNow.AddMinutes(4200));
        Assert.Equal(2, summary.Written);
    }

    [Fact]
    public async Task Without_AutoRenew_a_removed_subscription_is_written_and_warned_of()
    {
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/removed/";
        var notifications = new List<CallRecordNotification>();
        var warnings = new ConcurrentQueue<string>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { State }, Count = 1, Timeout = TimeSpan.FromSeconds(20) };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnNotification = notifications.Add, Log = new RequestLog { Warning = warnings.Enqueue } });
        var receiving = Task.Run(() => receiver.RunAsync(CancellationToken.None));
        await Loopback.WaitListeningAsync(prefix);

        using var sent = await s_http.PostAsync(prefix, new StringContent($"{{\"value\":[{{\"subscriptionId\":\"sub-2\",\"clientState\":\"{State}\",\"lifecycleEvent\":\"subscriptionRemoved\"}}]}}", Encoding.UTF8, "application/json"));
        await receiving;

        Assert.Equal("subscriptionRemoved", Assert.Single(notifications).LifecycleEvent);
        Assert.Contains(warnings, w => w.Contains("Graph removed subscription sub-2") && w.Contains("-AutoRenew"));
    }

    private static Task<CallRecordSubscription> Subscribe(GraphConnection connection, string prefix, string? participant = null, TimeSpan? lifetime = null) =>
        new SubscriptionClient(connection).CreateAsync(
            new SubscriptionRequest
            {
                NotificationUrl = new Uri(prefix),
                LifecycleNotificationUrl = new Uri(prefix),
                ChangeType = "created,updated",
                ClientState = State,
                ExpirationDateTime = connection.Clock.UtcNow + (lifetime ?? TimeSpan.FromHours(1)),
                ParticipantIds = participant is null ? null : new[] { participant },
            },
            RequestLog.None,
            CancellationToken.None);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited++)
        {
            Assert.True(waited < 600, "the receiver did not get there within 60 s");
            await Task.Delay(100);
        }
    }
}
