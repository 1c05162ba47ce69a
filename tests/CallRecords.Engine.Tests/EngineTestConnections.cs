using System;
using System.Collections.Generic;
using System.Security;
using System.Threading;
using CallRecords.Engine;

namespace CallRecords.Engine.Tests;

/// <summary>Connections and logs for engine tests.</summary>
internal static class EngineTestConnections
{
    /// <summary>The emulator's tenant unless started with --tenant-id; its tokens are not JWTs, so the tenant is given.</summary>
    public const string EmulatorTenantId = "dc368399-474c-4d40-900c-6265431fd81f";

    public static GraphConnection ConnectWithToken(Uri endpoint, string token = "test-token", RequestPolicy? policy = null, string tenantId = EmulatorTenantId) =>
        GraphConnection.ConnectAsync(
            new ConnectionRequest
            {
                Kind = AuthenticationKind.AccessToken,
                AccessToken = Secure(token),
                TenantId = tenantId,
                GraphEndpoint = endpoint,
                Policy = policy ?? FastRetries(),
            },
            CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Retries with short back-offs, so fault tests stay quick.</summary>
    public static RequestPolicy FastRetries() => new()
    {
        MaxAttempts = 10,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}

/// <summary>Collects everything the engine logs.</summary>
internal sealed class CapturedLog
{
    public List<string> Verbose { get; } = new();

    public List<string> Debug { get; } = new();

    public List<string> Warnings { get; } = new();

    public RequestLog Log => new()
    {
        Verbose = line => { lock (Verbose) { Verbose.Add(line); } },
        Debug = line => { lock (Debug) { Debug.Add(line); } },
        Warning = line => { lock (Warnings) { Warnings.Add(line); } },
    };
}
