using System.Management.Automation;

namespace CallRecords.Commands;

/// <summary>Shows the current Graph connection: tenant, app, cloud, endpoint, sign-in kind and token expiry; never a secret or a token.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordGraphContext")]
[OutputType(typeof(CallRecordGraphContext))]
public sealed class GetCallRecordGraphContextCommand : PSCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (ConnectionState.Current is { } connection)
        {
            WriteObject(connection.Context);
        }
    }
}
