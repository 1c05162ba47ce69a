namespace CallRecords.Emulator;

/// <summary>
/// The tenant's subscriptions, in the order they were made. Graph deletes a subscription once it expires, so
/// expired ones drop out whenever the store is read. Expiry follows Graph's clock (the machine's plus --clock-skew), not
/// the data clock of --now. Ids come from a seeded sequence, so the same requests get the same ids.
/// </summary>
public sealed class SubscriptionStore
{
    /// <summary>Graph's limit of call record subscriptions per organization.</summary>
    public const int CallRecordsQuota = 100;

    private const ulong SubscriptionsStream = 0x53554253;

    /// <summary>The longest lifetime Graph gives the directory subscriptions another app holds (29 days).</summary>
    private static readonly TimeSpan s_directoryLifetime = TimeSpan.FromMinutes(41760);

    private readonly List<Subscription> _subscriptions = new();
    private readonly SeededRandom _ids;
    private readonly EmulatorOptions _options;

    public SubscriptionStore(EmulatorOptions options, string applicationId)
    {
        _options = options;
        _ids = new SeededRandom(SeededRandom.Mix((ulong)options.Seed, SubscriptionsStream));
        ApplicationId = applicationId;
        CreatorId = _ids.NextGuid();

        // Another app of the tenant watches users and groups, so the list is never only the caller's call records.
        var otherApplicationId = _ids.NextGuid();
        var otherCreatorId = _ids.NextGuid();
        var expiration = options.GraphNow + s_directoryLifetime;
        foreach (var (resource, changeType, path) in new[] { ("/users", "updated,deleted", "users"), ("/groups", "updated", "groups") })
        {
            _subscriptions.Add(new Subscription
            {
                Id = _ids.NextGuid(),
                Resource = resource,
                ChangeType = changeType,
                NotificationUrl = $"https://directory-sync.contoso.com/api/notifications/{path}",
                ClientState = "directory-sync",
                ApplicationId = otherApplicationId,
                CreatorId = otherCreatorId,
                ExpirationDateTime = expiration,
            });
        }
    }

    /// <summary>Gets the app that makes subscriptions through the Graph routes.</summary>
    public string ApplicationId { get; }

    /// <summary>Gets the service principal of that app, Graph's creatorId for an app-only subscription.</summary>
    public string CreatorId { get; }

    public int Count
    {
        get
        {
            lock (_subscriptions)
            {
                RemoveExpired();
                return _subscriptions.Count;
            }
        }
    }

    public int CallRecordsCount
    {
        get
        {
            lock (_subscriptions)
            {
                RemoveExpired();
                return _subscriptions.Count(s => s.IsCallRecords);
            }
        }
    }

    public string NewId()
    {
        lock (_subscriptions)
        {
            return _ids.NextGuid();
        }
    }

    /// <summary>Adds a subscription, unless a call record subscription would go over the quota.</summary>
    public bool TryAdd(Subscription subscription)
    {
        lock (_subscriptions)
        {
            RemoveExpired();
            if (subscription.IsCallRecords && _subscriptions.Count(s => s.IsCallRecords) >= CallRecordsQuota)
            {
                return false;
            }

            _subscriptions.Add(subscription);
            return true;
        }
    }

    public Subscription? Find(string id)
    {
        lock (_subscriptions)
        {
            RemoveExpired();
            return _subscriptions.Find(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        }
    }

    public bool Remove(string id)
    {
        lock (_subscriptions)
        {
            RemoveExpired();
            return _subscriptions.RemoveAll(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    /// <summary>The live subscriptions, oldest first.</summary>
    public IReadOnlyList<Subscription> All()
    {
        lock (_subscriptions)
        {
            RemoveExpired();
            return _subscriptions.ToArray();
        }
    }

    /// <summary>Gets Graph's clock, against which expiry is judged.</summary>
    public DateTimeOffset GraphNow => _options.GraphNow;

    private void RemoveExpired()
    {
        var now = _options.GraphNow;
        _subscriptions.RemoveAll(s => s.ExpirationDateTime <= now);
    }
}
