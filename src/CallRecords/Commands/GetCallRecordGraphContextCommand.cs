using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>
/// Shows a Graph connection (the runspace's default, or -Connection): tenant, app, cloud, endpoint, sign-in kind and
/// token expiry; never a secret or a token.
/// </summary>
[Cmdlet(VerbsCommon.Get, "CallRecordGraphContext")]
[OutputType(typeof(CallRecordGraphContext))]
public sealed class GetCallRecordGraphContextCommand : PSCmdlet
{
    /// <summary>Gets or sets the connection to show; default: the runspace's.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public CallRecordGraphConnection? Connection { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var connection = Connection is not null ? GraphConnection.Of(Connection) : ConnectionState.DefaultOf(Runspace.DefaultRunspace);
        if (connection is not null)
        {
            WriteObject(connection.Context);
        }
    }
}
