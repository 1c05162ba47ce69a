using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>What every request tells Graph about the client.</summary>
public sealed class RequestHeadersTests : IDisposable
{
    private readonly FixtureServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Every_request_asks_for_enum_members_added_after_unknownFutureValue_and_names_the_module_and_a_request_id()
    {
        _server.Json("/v1.0/subscriptions", "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(_server.Url);

        await new SubscriptionClient(connection).ListAsync(RequestLog.None, CancellationToken.None);
        await new SubscriptionClient(connection).ListAsync(RequestLog.None, CancellationToken.None);

        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, request =>
        {
            Assert.Equal("include-unknown-enum-members", request.Headers["Prefer"]);
            Assert.StartsWith("CallRecords-PowerShell/", request.Headers["User-Agent"], StringComparison.Ordinal);
            Assert.True(Guid.TryParse(request.Headers["client-request-id"], out _));
        });
        Assert.NotEqual(_server.Requests.First().Headers["client-request-id"], _server.Requests.Last().Headers["client-request-id"]);
    }
}
