using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>
/// When a request is tried again: throttling and unavailability for every method, after Retry-After when Graph
/// gives one; other server errors, cut connections and cut bodies only for GET, since a change may have been made;
/// a client error never.
/// </summary>
public sealed class RetryRulesTests : IDisposable
{
    private const string Path = "/v1.0/subscriptions";
    private readonly FixtureServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task A_429_is_retried_after_the_seconds_of_its_Retry_After()
    {
        _server.Json(Path, Error("TooManyRequests"), 429, new Dictionary<string, string> { ["Retry-After"] = "1" }).Json(Path, "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        var clock = Stopwatch.StartNew();

        using var page = await connection.Http.GetJsonAsync("subscriptions", GraphOperation.ListSubscriptions, RequestLog.None, CancellationToken.None);

        Assert.Equal(2, _server.Requests.Count);
        var (first, second) = (_server.Requests.First().ReceivedAt, _server.Requests.Last().ReceivedAt);
        Assert.True(second - first >= TimeSpan.FromMilliseconds(950), $"retried after {(second - first).TotalMilliseconds} ms");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttling_and_unavailability_are_retried_for_a_change_too(int status)
    {
        _server.Json(Path, Error("Busy"), status, new Dictionary<string, string> { ["Retry-After"] = "0" }).Json(Path, "{\"id\":\"s1\"}", 201);
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        using var created = await connection.Http.SendAsync(HttpMethod.Post, "subscriptions", "{}", GraphOperation.CreateSubscription, RequestLog.None, CancellationToken.None);

        Assert.Equal(2, _server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Another_server_error_is_retried_for_a_read_but_not_for_a_change()
    {
        _server.Json(Path, Error("InternalServerError"), 500).Json(Path, "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        using (await connection.Http.GetJsonAsync("subscriptions", GraphOperation.ListSubscriptions, RequestLog.None, CancellationToken.None))
        {
        }

        Assert.Equal(2, _server.Requests.Count);

        using var post = new FixtureServer();
        post.Json(Path, Error("InternalServerError"), 500).Json(Path, "{\"id\":\"s1\"}", 201);
        using var postConnection = EngineTestConnections.ConnectWithToken(post.Url);
        var failure = await Assert.ThrowsAsync<GraphRequestException>(() => postConnection.Http.SendAsync(HttpMethod.Post, "subscriptions", "{}", GraphOperation.CreateSubscription, RequestLog.None, CancellationToken.None));

        Assert.Equal(500, failure.StatusCode);
        Assert.False(failure.RetriesExhausted);
        Assert.Single(post.Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_client_error_is_not_retried(int status)
    {
        _server.Json(Path, Error("Refused"), status);
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        var failure = await Assert.ThrowsAsync<GraphRequestException>(() => connection.Http.GetJsonAsync("subscriptions", GraphOperation.ListSubscriptions, RequestLog.None, CancellationToken.None));

        Assert.Equal(status, failure.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_cut_body_is_retried_for_a_read_and_for_a_change_fails_saying_to_check_whether_it_was_made()
    {
        _server.Truncated(Path, "{\"value\":[{\"id\":\"s1\"}]}").Json(Path, "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);
        using (await connection.Http.GetJsonAsync("subscriptions", GraphOperation.ListSubscriptions, RequestLog.None, CancellationToken.None))
        {
        }

        Assert.Equal(2, _server.Requests.Count);

        using var post = new FixtureServer();
        post.Truncated(Path, "{\"id\":\"s1\",\"resource\":\"communications/callRecords\"}").Json(Path, "{\"id\":\"s1\"}", 201);
        using var postConnection = EngineTestConnections.ConnectWithToken(post.Url);
        var failure = await Assert.ThrowsAsync<GraphRequestException>(() => postConnection.Http.SendAsync(HttpMethod.Post, "subscriptions", "{}", GraphOperation.CreateSubscription, RequestLog.None, CancellationToken.None));

        Assert.Contains("check whether the change was made", failure.Message);
        Assert.Single(post.Requests);
    }

    [Fact]
    public async Task When_every_attempt_is_throttled_the_error_says_how_often_it_tried_and_what_failed_last()
    {
        _server.Json(Path, Error("TooManyRequests"), 429, new Dictionary<string, string> { ["Retry-After"] = "0" });
        var policy = EngineTestConnections.FastRetries();
        policy.MaxAttempts = 3;
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url, policy: policy);

        var failure = await Assert.ThrowsAsync<GraphRequestException>(() => connection.Http.GetJsonAsync("subscriptions", GraphOperation.ListSubscriptions, RequestLog.None, CancellationToken.None));

        Assert.True(failure.RetriesExhausted);
        Assert.Equal(429, failure.StatusCode);
        Assert.Contains("failed 3 times", failure.Message);
        Assert.Contains("HTTP 429 TooManyRequests", failure.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    private static string Error(string code) => $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"{code}\"}}}}";
}
