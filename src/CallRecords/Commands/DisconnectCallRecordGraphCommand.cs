using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Forgets a Graph connection (the runspace's default, or -Connection) and releases its credential.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "CallRecordGraph")]
[OutputType(typeof(void))]
public sealed class DisconnectCallRecordGraphCommand : PSCmdlet
{
    /// <summary>Gets or sets the connection to release; default: the runspace's.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public CallRecordGraphConnection? Connection { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!ConnectionState.Disconnect(Runspace.DefaultRunspace, Connection is null ? null : GraphConnection.Of(Connection)))
        {
            WriteWarning("There was no connection to Microsoft Graph.");
        }
    }
}
