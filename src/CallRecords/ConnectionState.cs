using System.Management.Automation;
using CallRecords.Engine;

namespace CallRecords;

/// <summary>The connection made by Connect-CallRecordGraph, shared by every command in the process.</summary>
internal static class ConnectionState
{
    private static readonly object s_lock = new();
    private static GraphConnection? s_current;

    public static GraphConnection? Current
    {
        get
        {
            lock (s_lock)
            {
                return s_current;
            }
        }
    }

    public static void Set(GraphConnection connection)
    {
        lock (s_lock)
        {
            s_current?.Dispose();
            s_current = connection;
        }
    }

    public static bool Clear()
    {
        lock (s_lock)
        {
            var had = s_current is not null;
            s_current?.Dispose();
            s_current = null;
            return had;
        }
    }

    /// <summary>The current connection, or a terminating error that says how to connect.</summary>
    public static GraphConnection Require() =>
        Current ?? throw new TerminatingException(new ErrorRecord(
            new System.InvalidOperationException("Not connected to Microsoft Graph. Run Connect-CallRecordGraph first (for example: Connect-CallRecordGraph -TenantId <tenant> -ClientId <app id> -CertificateThumbprint <thumbprint>)."),
            "NotConnected",
            ErrorCategory.ConnectionError,
            null));
}
