using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace CallRecords.TestSupport;

/// <summary>Ports and readiness on the loopback interface.</summary>
public static class Loopback
{
    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Waits until something accepts connections on the URL's port.</summary>
    public static async Task WaitListeningAsync(string url)
    {
        var uri = new Uri(url);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(uri.Host, uri.Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("Nothing listens on " + url);
    }
}
