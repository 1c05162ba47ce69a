using System.Management.Automation;

namespace CallRecords.Commands;

/// <summary>Forgets the Graph connection and its credential.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "CallRecordGraph")]
[OutputType(typeof(void))]
public sealed class DisconnectCallRecordGraphCommand : PSCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (!ConnectionState.Clear())
        {
            WriteWarning("There was no connection to Microsoft Graph.");
        }
    }
}
