using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Subscribes to change notifications for call records.</summary>
[Cmdlet(VerbsCommon.New, "CallRecordSubscription", SupportsShouldProcess = true, DefaultParameterSetName = DurationSet)]
[OutputType(typeof(CallRecordSubscription))]
public sealed class NewCallRecordSubscriptionCommand : ConnectedCmdlet
{
    private const string DurationSet = "Duration";
    private const string ExpirationSet = "ExpirationDateTime";

    /// <summary>Gets or sets where Graph posts notifications (https, or http on loopback).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Uri? NotificationUrl { get; set; }

    /// <summary>Gets or sets created (one notification per call record) or updated (one per version).</summary>
    [Parameter]
    [ValidateSet("created", "updated", "created,updated")]
    public string ChangeType { get; set; } = "created";

    /// <summary>Gets or sets when the subscription expires; at most 4,230 minutes from now.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExpirationSet)]
    public DateTime ExpirationDateTime { get; set; }

    /// <summary>Gets or sets how long the subscription lives; default and maximum 4,230 minutes.</summary>
    [Parameter(ParameterSetName = DurationSet)]
    public TimeSpan? Duration { get; set; }

    /// <summary>Gets or sets the value Graph echoes in every notification; a random one when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClientState { get; set; }

    /// <summary>Gets or sets where Graph posts lifecycle notifications such as reauthorizationRequired.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? LifecycleNotificationUrl { get; set; }

    /// <summary>Gets or sets participants (Entra object ids) to limit the subscription to their calls.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ParticipantId { get; set; }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        SubscriptionTarget.RequireSecureUrl(NotificationUrl!, nameof(NotificationUrl));
        if (LifecycleNotificationUrl is not null)
        {
            SubscriptionTarget.RequireSecureUrl(LifecycleNotificationUrl, nameof(LifecycleNotificationUrl));
        }

        if (ClientState is { Length: > SubscriptionClient.MaximumClientStateLength })
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException($"-ClientState has {ClientState.Length} characters; Graph accepts at most {SubscriptionClient.MaximumClientStateLength}."),
                "ClientStateTooLong",
                ErrorCategory.InvalidArgument,
                ClientState.Length));
        }

        var request = new SubscriptionRequest
        {
            NotificationUrl = NotificationUrl!,
            LifecycleNotificationUrl = LifecycleNotificationUrl,
            ChangeType = ChangeType,
            ExpirationDateTime = SubscriptionTarget.Expiration(ParameterSetName == ExpirationSet ? ExpirationDateTime : null, Duration, GraphNow, NotificationUrl!),
            ClientState = ClientState ?? SubscriptionClient.NewClientState(),
            ParticipantIds = ParticipantId,
        };
        var resource = SubscriptionClient.ResourceFor(ParticipantId);
        if (!await ShouldProcessAsync($"{resource} to {NotificationUrl}", $"Subscribe ({ChangeType}) until {request.ExpirationDateTime:u}").ConfigureAwait(false))
        {
            return;
        }

        try
        {
            WriteObject(await new SubscriptionClient(RequireConnection()).CreateAsync(request, Log, cancellationToken).ConfigureAwait(false));
        }
        catch (GraphRequestException e)
        {
            throw new TerminatingException(ErrorFor(e, NotificationUrl, e.StatusCode == 400 ? "SubscriptionRejected" : null));
        }
    }
}
