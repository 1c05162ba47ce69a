using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The notification receiver over real loopback HTTP, without Graph.</summary>
public sealed class NotificationReceiverTests
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData("secret", true)]
    [InlineData("secreT", false)]
    [InlineData("secre", false)]
    [InlineData("secret1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("other", true)]
    public void ClientState_must_equal_one_of_the_accepted_values(string? actual, bool expected) =>
        Assert.Equal(expected, NotificationReceiver.ClientStateMatches(actual, new[] { "secret", "other" }));

    [Fact]
    public async Task The_validation_token_is_answered_form_decoded_as_plain_text_and_bad_requests_do_not_stop_the_receiver()
    {
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/hook/";
        var items = new List<CallRecordNotification>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "s" }, Count = 1, Timeout = TimeSpan.FromSeconds(20), MaxBodyBytes = 4096 };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnNotification = items.Add });
        var receiving = Task.Run(() => receiver.RunAsync(CancellationToken.None));
        await Loopback.WaitListeningAsync(prefix);

        using var validation = await s_http.PostAsync(prefix + "?validationToken=Validation%3a+Testing+client%2B1", new StringContent("", Encoding.UTF8, "text/plain"));
        using var get = await s_http.GetAsync(prefix);
        using var tooLarge = await s_http.PostAsync(prefix, new StringContent(new string('x', 5000), Encoding.UTF8, "application/json"));
        using var notJson = await s_http.PostAsync(prefix, new StringContent("{nope", Encoding.UTF8, "application/json"));
        using var accepted = await s_http.PostAsync(prefix, new StringContent("{\"value\":[{\"clientState\":\"s\",\"changeType\":\"updated\",\"resource\":\"communications/callRecords/abc\",\"subscriptionId\":\"sub\"}]}", Encoding.UTF8, "application/json"));
        var summary = await receiving;

        Assert.Equal(HttpStatusCode.OK, validation.StatusCode);
        Assert.Equal("text/plain", validation.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Validation: Testing client+1", await validation.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("abc", Assert.Single(items).CallRecordId);
        Assert.Equal((1, 1, 3, 1), (summary.Validations, summary.Accepted, summary.Rejected, summary.Written));
    }

    [Fact]
    public async Task The_documented_notification_with_placeholder_ids_is_written_and_a_refused_record_does_not_stop_the_receiver()
    {
        using var graph = new FixtureServer();
        graph.Json("/v1.0/communications/callRecords/2b7c1a6e-0000-4000-8000-000000000403", "{\"error\":{\"code\":\"Forbidden\",\"message\":\"denied\"}}", 403);
        using var connection = EngineTestConnections.ConnectWithToken(graph.Url);
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/docs/";
        var notifications = new List<CallRecordNotification>();
        var records = new List<CallRecord>();
        var warnings = new List<string>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "{Secret client state}", "s" }, ExpandCallRecord = true, Count = 1, Timeout = TimeSpan.FromSeconds(20) };
        var handlers = new ReceiverHandlers { OnNotification = notifications.Add, OnCallRecord = records.Add, Log = new RequestLog { Warning = warnings.Add } };
        await using var receiver = new NotificationReceiver(options, handlers, connection);
        var receiving = Task.Run(() => receiver.RunAsync(CancellationToken.None));
        await Loopback.WaitListeningAsync(prefix);

        using var refused = await s_http.PostAsync(prefix, Notification("s", "2b7c1a6e-0000-4000-8000-000000000403"));
        var documented = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.GraphDocsFixtures, "changenotification-callrecords.json"));
        using var accepted = await s_http.PostAsync(prefix, new StringContent(documented, Encoding.UTF8, "application/json"));
        var summary = await receiving;

        var notification = Assert.Single(notifications);
        Assert.Empty(records);
        Assert.Equal("{Call id}", notification.CallRecordId);
        Assert.Equal("created", notification.ChangeType);
        Assert.Equal("communications/callRecords/{Call id}", notification.Resource);
        Assert.Contains(warnings, w => w.Contains("could not be processed"));
        Assert.Equal(2, summary.Accepted);
    }

    [Fact]
    public async Task A_notification_with_a_wrong_clientState_is_dropped_and_counted()
    {
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/drop/";
        var items = new List<CallRecordNotification>();
        var warnings = new List<string>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "right" }, Count = 1, Timeout = TimeSpan.FromSeconds(20) };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnNotification = items.Add, Log = new RequestLog { Warning = warnings.Add } });
        var receiving = Task.Run(() => receiver.RunAsync(CancellationToken.None));
        await Loopback.WaitListeningAsync(prefix);

        using var wrong = await s_http.PostAsync(prefix, Notification("wrong", "a"));
        using var right = await s_http.PostAsync(prefix, Notification("right", "b"));
        var summary = await receiving;

        Assert.Equal(HttpStatusCode.Accepted, wrong.StatusCode);
        Assert.Equal("b", Assert.Single(items).CallRecordId);
        Assert.Equal(1, summary.Dropped);
        Assert.Contains(warnings, w => w.Contains("clientState does not match") && !w.Contains("right"));
    }

    [Fact]
    public async Task Stopping_frees_the_port_and_an_occupied_port_is_a_clear_error()
    {
        var port = Loopback.FreePort();
        var prefix = $"http://127.0.0.1:{port}/";
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await using var cancelled = new NotificationReceiver(new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "s" } }, new ReceiverHandlers());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.RunAsync(cancel.Token));
        }

        var occupier = new TcpListener(IPAddress.Loopback, port);
        occupier.Start();
        try
        {
            await using var refused = new NotificationReceiver(new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "s" }, Timeout = TimeSpan.FromSeconds(1) }, new ReceiverHandlers());
            var error = await Assert.ThrowsAsync<NotificationListenerException>(() => refused.RunAsync(CancellationToken.None));
            Assert.Contains(prefix, error.Message);
        }
        finally
        {
            occupier.Stop();
        }
    }

    [Fact]
    public async Task Disposing_a_running_receiver_cancels_the_record_being_read_ends_the_run_and_frees_the_port()
    {
        var recordId = "2b7c1a6e-0000-4000-8000-000000000777";
        using var graph = new FixtureServer();
        using var slowRecordRequested = new SemaphoreSlim(0);
        graph.Route($"/v1.0/communications/callRecords/{recordId}", async _ =>
        {
            slowRecordRequested.Release();
            await Task.Delay(TimeSpan.FromSeconds(30));
        });
        using var connection = EngineTestConnections.ConnectWithToken(graph.Url);
        var port = Loopback.FreePort();
        var prefix = $"http://127.0.0.1:{port}/dispose/";
        var records = new List<CallRecord>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "s" }, ExpandCallRecord = true };
        var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnCallRecord = records.Add }, connection);
        var receiving = receiver.RunAsync(CancellationToken.None);
        await Loopback.WaitListeningAsync(prefix);
        using var accepted = await s_http.PostAsync(prefix, Notification("s", recordId));
        Assert.True(await slowRecordRequested.WaitAsync(TimeSpan.FromSeconds(10)), "The receiver never asked for the record.");

        var disposing = receiver.DisposeAsync().AsTask();

        Assert.True(disposing == await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromSeconds(10))), "Disposing did not end within 10 s: the record read was not cancelled.");
        Assert.True(receiving.IsCompletedSuccessfully, "DisposeAsync returned before the run ended.");
        var summary = await receiving;
        Assert.Equal((1, 0), (summary.Accepted, summary.Written));
        Assert.Empty(records);
        var sameEndpoint = new TcpListener(IPAddress.Loopback, port);
        sameEndpoint.Start();
        sameEndpoint.Stop();
    }

    private static StringContent Notification(string clientState, string id) =>
        new($"{{\"value\":[{{\"clientState\":\"{clientState}\",\"changeType\":\"created\",\"resource\":\"communications/callRecords/{id}\",\"resourceData\":{{\"id\":\"{id}\"}}}}]}}", Encoding.UTF8, "application/json");
}
