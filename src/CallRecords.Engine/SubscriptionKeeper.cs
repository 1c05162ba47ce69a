using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>
/// What a receiver with -AutoRenew does for its subscriptions: renews one Graph asks to reauthorize, and makes a
/// removed one again with the same resource, URLs, change types and clientState. Graph's removal notice carries only
/// the subscription's id, so the keeper lists the app's call record subscriptions when the receiver starts, a few
/// seconds after each validation request the receiver answers (a subscription is being made), and the first time a
/// notification comes from one it has not seen. Listing runs beside the receiver's loop, so what it learns is locked.
/// </summary>
internal sealed class SubscriptionKeeper
{
    /// <summary>How long after a validation the subscriptions are listed: Graph makes the subscription once validation has passed.</summary>
    public static readonly TimeSpan LearnAfterValidation = TimeSpan.FromSeconds(3);

    private readonly SubscriptionClient _client;
    private readonly GraphClock _clock;
    private readonly RequestLog _log;
    private readonly Dictionary<string, CallRecordSubscription> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _lookedFor = new(StringComparer.OrdinalIgnoreCase);

    public SubscriptionKeeper(SubscriptionClient client, GraphClock clock, RequestLog log)
    {
        _client = client;
        _clock = clock;
        _log = log;
    }

    /// <summary>Lists the app's call record subscriptions, so a removed one can be made again; a failure only means less is known.</summary>
    public async Task LearnAsync(CancellationToken cancellationToken)
    {
        try
        {
            var listed = await _client.ListAsync(_log, cancellationToken).ConfigureAwait(false);
            lock (_known)
            {
                foreach (var subscription in listed)
                {
                    _known[subscription.Id] = subscription;
                }

                _log.WriteDebug($"The receiver knows {_known.Count} call record subscriptions of this app, to make one again should Graph remove it.");
            }
        }
        catch (GraphRequestException e)
        {
            _log.WriteWarning($"The subscriptions could not be listed, so one Graph removes cannot be made again: {e.Message}");
        }
    }

    /// <summary>Learns the subscriptions again the first time <paramref name="subscriptionId"/> is heard of.</summary>
    public Task NoticeAsync(string? subscriptionId, CancellationToken cancellationToken)
    {
        lock (_known)
        {
            if (subscriptionId is null || _known.ContainsKey(subscriptionId) || !_lookedFor.Add(subscriptionId))
            {
                return Task.CompletedTask;
            }
        }

        return LearnAsync(cancellationToken);
    }

    /// <summary>Renews the subscription to the longest lifetime, which reauthorizes it too.</summary>
    public async Task RenewAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var renewed = await _client.RenewAsync(subscriptionId, Longest(), _log, cancellationToken).ConfigureAwait(false);
        _log.WriteVerbose($"Renewed subscription {subscriptionId} until {renewed.ExpirationDateTime:u} after Graph asked for reauthorization.");
    }

    /// <summary>Makes subscription <paramref name="removedId"/> again, as it was, with the clientState its notice carried.</summary>
    public async Task RecreateAsync(string removedId, string clientState, CancellationToken cancellationToken)
    {
        CallRecordSubscription? removed;
        lock (_known)
        {
            _known.TryGetValue(removedId, out removed);
        }

        if (removed?.NotificationUrl is null)
        {
            _log.WriteWarning($"Graph removed subscription {removedId}, and it cannot be made again here: it was not among the subscriptions the receiver listed. Make it again with New-CallRecordSubscription.");
            return;
        }

        var request = new SubscriptionRequest
        {
            NotificationUrl = new Uri(removed.NotificationUrl),
            LifecycleNotificationUrl = removed.LifecycleNotificationUrl is null ? null : new Uri(removed.LifecycleNotificationUrl),
            ChangeType = removed.ChangeType ?? "created",
            Resource = removed.Resource,
            ExpirationDateTime = Longest(),
            ClientState = clientState,
        };
        var made = await _client.CreateAsync(request, _log, cancellationToken).ConfigureAwait(false);
        lock (_known)
        {
            _known.Remove(removedId);
            _known[made.Id] = made;
        }

        _log.WriteWarning($"Graph removed subscription {removedId}; subscription {made.Id} replaces it (same resource, URLs and clientState) until {made.ExpirationDateTime:u}. Calls notified while there was none are not written here: Sync-CallRecord finds them.");
    }

    private DateTimeOffset Longest() => _clock.UtcNow + SubscriptionClient.MaximumLifetime - TimeSpan.FromMinutes(1);
}
