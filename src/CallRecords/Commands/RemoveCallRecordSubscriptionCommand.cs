using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Deletes call records subscriptions.</summary>
[Cmdlet(VerbsCommon.Remove, "CallRecordSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveCallRecordSubscriptionCommand : ConnectedCmdlet
{
    /// <summary>Gets or sets the subscription ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("SubscriptionId")]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var id in Id)
        {
            if (!await ShouldProcessAsync(id, "Delete the call records subscription").ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await new SubscriptionClient(RequireConnection()).DeleteAsync(id, Log, cancellationToken).ConfigureAwait(false);
            }
            catch (GraphRequestException e) when (e.StatusCode == 404)
            {
                WriteError(ErrorFor(e, id, "SubscriptionNotFound"));
            }
        }
    }
}
