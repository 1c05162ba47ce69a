using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Renews call records subscriptions: a new expiration, which also reauthorizes them.</summary>
[Cmdlet(VerbsData.Update, "CallRecordSubscription", SupportsShouldProcess = true, DefaultParameterSetName = DurationSet)]
[OutputType(typeof(CallRecordSubscription))]
public sealed class UpdateCallRecordSubscriptionCommand : ConnectedCmdlet
{
    private const string DurationSet = "Duration";
    private const string ExpirationSet = "ExpirationDateTime";

    /// <summary>Gets or sets the subscription ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("SubscriptionId")]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets the new expiration; at most 4,230 minutes from now.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExpirationSet)]
    public DateTime ExpirationDateTime { get; set; }

    /// <summary>Gets or sets how long from now the subscription should live; default and maximum 4,230 minutes.</summary>
    [Parameter(ParameterSetName = DurationSet)]
    public TimeSpan? Duration { get; set; }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var id in Id)
        {
            var expiration = SubscriptionTarget.Expiration(ParameterSetName == ExpirationSet ? ExpirationDateTime : null, Duration, GraphNow, id);
            if (!await ShouldProcessAsync(id, $"Renew until {expiration:u}").ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                WriteObject(await new SubscriptionClient(RequireConnection()).RenewAsync(id, expiration, Log, cancellationToken).ConfigureAwait(false));
            }
            catch (GraphRequestException e) when (e.StatusCode == 404)
            {
                WriteError(ErrorFor(e, id, "SubscriptionNotFound"));
            }
        }
    }
}
