using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using CallRecords.Engine;

namespace CallRecords;

/// <summary>
/// The default connection of each runspace: what a command uses without -Connection. A thread job or another runspace
/// that connects sets its own default and never replaces its caller's.
/// </summary>
internal static class ConnectionState
{
    private static readonly ConditionalWeakTable<Runspace, DefaultConnection> s_defaults = new();

    /// <summary>The runspace's default connection, if it has one.</summary>
    public static GraphConnection? DefaultOf(Runspace? runspace)
    {
        if (runspace is null || !s_defaults.TryGetValue(runspace, out var slot))
        {
            return null;
        }

        lock (slot)
        {
            return slot.Connection;
        }
    }

    /// <summary>
    /// Makes <paramref name="connection"/> the runspace's default. The one it replaces is released, unless it was handed
    /// to the user (-PassThru), who may still be using it.
    /// </summary>
    public static void SetDefault(Runspace runspace, GraphConnection connection, bool handedOut)
    {
        var slot = s_defaults.GetValue(runspace, Watch);
        lock (slot)
        {
            if (slot.Connection is { } previous && !slot.HandedOut && previous != connection)
            {
                previous.Dispose();
            }

            slot.Connection = connection;
            slot.HandedOut = handedOut;
        }
    }

    /// <summary>
    /// Releases <paramref name="connection"/> (the runspace's default when null) and forgets it as the default.
    /// False when there was nothing to release.
    /// </summary>
    public static bool Disconnect(Runspace? runspace, GraphConnection? connection)
    {
        DefaultConnection? slot = null;
        if (runspace is not null && s_defaults.TryGetValue(runspace, out var found))
        {
            slot = found;
        }

        if (slot is null)
        {
            connection?.Dispose();
            return connection is not null;
        }

        lock (slot)
        {
            var target = connection ?? slot.Connection;
            if (target is null)
            {
                return false;
            }

            if (slot.Connection == target)
            {
                slot.Connection = null;
            }

            target.Dispose();
            return true;
        }
    }

    /// <summary>The connection a command works on: the one it was given, else the runspace's default, else a NotConnected error.</summary>
    public static GraphConnection Require(CallRecordGraphConnection? given, Runspace? runspace)
    {
        var connection = given is not null ? GraphConnection.Of(given) : DefaultOf(runspace);
        if (connection is null)
        {
            throw new TerminatingException(new ErrorRecord(
                new System.InvalidOperationException("Not connected to Microsoft Graph. Run Connect-CallRecordGraph first (for example: Connect-CallRecordGraph -TenantId <tenant> -ClientId <app id> -CertificateThumbprint <thumbprint>)."),
                "NotConnected",
                ErrorCategory.ConnectionError,
                null));
        }

        if (connection.IsDisposed)
        {
            throw new TerminatingException(new ErrorRecord(
                new System.ObjectDisposedException(nameof(GraphConnection), $"The connection to tenant {connection.TenantId} was disconnected; connect again."),
                "ConnectionClosed",
                ErrorCategory.ConnectionError,
                given));
        }

        return connection;
    }

    // A runspace that closes releases its default connection.
    private static DefaultConnection Watch(Runspace runspace)
    {
        var slot = new DefaultConnection();
        runspace.StateChanged += (_, e) =>
        {
            if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken)
            {
                lock (slot)
                {
                    if (!slot.HandedOut)
                    {
                        slot.Connection?.Dispose();
                    }

                    slot.Connection = null;
                }
            }
        };
        return slot;
    }

    private sealed class DefaultConnection
    {
        public GraphConnection? Connection { get; set; }

        public bool HandedOut { get; set; }
    }
}
