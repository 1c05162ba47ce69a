using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CallRecords.Emulator.Tests;

public sealed class FaultTests : IClassFixture<FaultTests.Emulators>
{
    private const string ListPath = "v1.0/communications/callRecords";
    private readonly Emulators _emulators;

    public FaultTests(Emulators emulators) => _emulators = emulators;

    [Fact]
    public async Task Fault_429_at_probability_1_answers_TooManyRequests_with_Retry_After()
    {
        var response = await _emulators.TooManyRequests.GetAsync(ListPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal("TooManyRequests", response.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
        var stats = await _emulators.TooManyRequests.ControlAsync("_emulator/stats");
        Assert.True(stats.GetProperty("faults").GetInt32() >= 1);
        Assert.True(stats.GetProperty("throttled").GetInt32() >= 1);
    }

    [Fact]
    public async Task Fault_503_at_probability_1_answers_ServiceUnavailable()
    {
        var response = await _emulators.ServiceUnavailable.GetAsync(ListPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("ServiceUnavailable", response.ErrorCode);
    }

    [Fact]
    public async Task Fault_reset_at_probability_1_aborts_the_connection_without_a_response()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => _emulators.Reset.Http.GetAsync(ListPath));
    }

    [Fact]
    public async Task Fault_truncate_at_probability_1_sends_less_body_than_its_Content_Length()
    {
        var root = _emulators.Truncate.Root;
        using var client = new TcpClient();
        await client.ConnectAsync(root.Host, root.Port);
        var stream = client.GetStream();
        var request = $"GET /{ListPath} HTTP/1.1\r\nHost: {root.Authority}\r\nAuthorization: Bearer {EmulatorServer.Token}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received);
        }
        catch (IOException)
        {
            // The abort may arrive as a reset rather than an orderly close.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", text);
        var contentLength = int.Parse(text.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Split(':')[1].Trim());
        var bodyLength = received.Length - Encoding.UTF8.GetByteCount(text[..(headerEnd + 4)]);
        Assert.InRange(bodyLength, 1, contentLength - 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => _emulators.Truncate.Http.GetStringAsync(ListPath));
    }

    [Fact]
    public async Task Faults_never_touch_the_emulator_routes()
    {
        foreach (var server in _emulators.All)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("_emulator/tenant")).Status);
            Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("_emulator/stats")).Status);
            Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("_emulator/truth/pstn?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")).Status);
        }
    }

    [Fact]
    public async Task Faults_come_after_authentication()
    {
        using var anonymous = new HttpClient { BaseAddress = _emulators.ServiceUnavailable.Root };

        var response = await _emulators.ServiceUnavailable.GetAsync(ListPath, client: anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    public sealed class Emulators : IDisposable
    {
        public Emulators()
        {
            var started = new[] { "--fault-429", "--fault-503", "--fault-reset", "--fault-truncate" }
                .AsParallel().AsOrdered()
                .Select(flag => EmulatorServer.Start("--days", "2", "--calls-per-day", "20", flag, "1"))
                .ToArray();
            (TooManyRequests, ServiceUnavailable, Reset, Truncate) = (started[0], started[1], started[2], started[3]);
            All = started;
        }

        public EmulatorServer TooManyRequests { get; }

        public EmulatorServer ServiceUnavailable { get; }

        public EmulatorServer Reset { get; }

        public EmulatorServer Truncate { get; }

        public IReadOnlyList<EmulatorServer> All { get; }

        public void Dispose()
        {
            foreach (var server in All)
            {
                server.Dispose();
            }
        }
    }
}
