using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the change-notification subscriptions on call records.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordSubscription", DefaultParameterSetName = ListSet)]
[OutputType(typeof(CallRecordSubscription))]
public sealed class GetCallRecordSubscriptionCommand : ConnectedCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>Gets or sets subscription ids to get.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("SubscriptionId")]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var client = new SubscriptionClient(RequireConnection());
        if (ParameterSetName == ListSet)
        {
            foreach (var subscription in await client.ListAsync(Log, cancellationToken).ConfigureAwait(false))
            {
                WriteObject(subscription);
            }

            return;
        }

        foreach (var id in Id)
        {
            var subscription = await client.GetAsync(id, Log, cancellationToken).ConfigureAwait(false);
            if (subscription is null || !SubscriptionClient.IsCallRecordsResource(subscription.Resource))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"There is no call records subscription with id {id}."),
                    "SubscriptionNotFound",
                    ErrorCategory.ObjectNotFound,
                    id));
                continue;
            }

            WriteObject(subscription);
        }
    }
}
