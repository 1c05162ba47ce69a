using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The receiver under a bounded burst over loopback, with forged, oversized, malformed and slow senders mixed in.</summary>
public sealed class NotificationLoadTests
{
    [Fact]
    public async Task A_burst_of_1000_notifications_with_bad_ones_mixed_in_loses_nothing_and_accepts_nothing_wrong()
    {
        var prefix = $"http://127.0.0.1:{Loopback.FreePort()}/burst/";
        var received = new ConcurrentBag<string>();
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "good" }, Count = 1000, Timeout = TimeSpan.FromSeconds(60), MaxBodyBytes = 64 * 1024 };
        await using var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnNotification = item => received.Add(item.CallRecordId!) });
        var receiving = Task.Run(() => receiver.RunAsync(CancellationToken.None));
        await Loopback.WaitListeningAsync(prefix);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var limit = new SemaphoreSlim(32);

        var slow = SendSlowlyAsync(prefix, Notification("good", "slow-0"));
        var sends = new List<Task<HttpStatusCode>>();
        for (var i = 1; i < 1000; i++)
        {
            sends.Add(SendAsync(http, limit, prefix, Notification("good", $"id-{i}")));
            if (i % 100 == 0)
            {
                sends.Add(SendAsync(http, limit, prefix, Notification("forged", $"forged-{i}")));
                sends.Add(SendAsync(http, limit, prefix, new StringContent("{\"value\":[", Encoding.UTF8, "application/json")));
                sends.Add(SendAsync(http, limit, prefix, new StringContent(new string(' ', 70 * 1024) + "{}", Encoding.UTF8, "application/json")));
            }
        }

        var statuses = await Task.WhenAll(sends);
        var summary = await receiving;
        await slow;

        Assert.Equal(1000, received.Count);
        Assert.Equal(1000, received.Distinct().Count());
        Assert.DoesNotContain(received, id => id.StartsWith("forged", StringComparison.Ordinal));
        Assert.Contains("slow-0", received);
        Assert.Equal(9, summary.Dropped);
        Assert.Equal(18, summary.Rejected);
        Assert.Equal(999 + 9, statuses.Count(s => s == HttpStatusCode.Accepted));
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, SemaphoreSlim limit, string prefix, HttpContent content)
    {
        await limit.WaitAsync();
        try
        {
            using var response = await http.PostAsync(prefix, content);
            return response.StatusCode;
        }
        finally
        {
            limit.Release();
        }
    }

    // A sender that trickles its body: the receiver must wait for it without holding up the others.
    private static async Task SendSlowlyAsync(string prefix, StringContent content)
    {
        var uri = new Uri(prefix);
        var body = await content.ReadAsByteArrayAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var head = Encoding.ASCII.GetBytes($"POST {uri.AbsolutePath} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head);
        for (var offset = 0; offset < body.Length; offset += 16)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(16, body.Length - offset)));
            await stream.FlushAsync();
            await Task.Delay(20);
        }

        var answer = new byte[256];
        var read = await stream.ReadAsync(answer);
        Assert.StartsWith("HTTP/1.1 202", Encoding.ASCII.GetString(answer, 0, read));
    }

    private static StringContent Notification(string clientState, string id) =>
        new($"{{\"value\":[{{\"clientState\":\"{clientState}\",\"changeType\":\"created\",\"resource\":\"communications/callRecords/{id}\",\"resourceData\":{{\"id\":\"{id}\"}}}}]}}", Encoding.UTF8, "application/json");
}
