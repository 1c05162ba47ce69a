using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// /v1.0/subscriptions for call records: create (after the validation handshake), list, get, renew, delete and
/// reauthorize, with Graph's limits on lifetime, clientState and the number of subscriptions. GraphRoutes has
/// authenticated, faulted and throttled the request before it gets here.
/// </summary>
public sealed class SubscriptionRoutes
{
    /// <summary>The longest a call record subscription may live (just under 3 days), on creation and on renewal.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(4230);

    public const int ClientStateMaximumLength = 128;

    private static readonly string[] s_requiredProperties = { "resource", "changeType", "notificationUrl", "expirationDateTime" };
    private readonly SubscriptionStore _store;
    private readonly Webhooks _webhooks;

    public SubscriptionRoutes(SubscriptionStore store, Webhooks webhooks)
    {
        _store = store;
        _webhooks = webhooks;
    }

    public async Task CreateAsync(HttpContext context, bool truncate)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }

        var resource = Text(body, "resource");
        var changeType = Text(body, "changeType");
        var notificationUrl = Text(body, "notificationUrl");
        var expirationText = Text(body, "expirationDateTime");
        var lifecycleNotificationUrl = Text(body, "lifecycleNotificationUrl");
        var clientState = Text(body, "clientState");
        var missing = s_requiredProperties.Where(name => Text(body, name) is null).ToArray();
        if (missing.Length > 0)
        {
            await InvalidRequestAsync(context, $"The subscription is missing {string.Join(", ", missing)}.");
            return;
        }

        if (!CallRecordsResource.TryParse(resource!, out var participantIds, out var problem)
            || !TryParseChangeType(changeType!, out var created, out var updated, out problem)
            || !TryParseExpiration(expirationText!, out var expiration, out problem)
            || !IsWebhookUrl(notificationUrl!, "notificationUrl", out problem)
            || (lifecycleNotificationUrl is not null && !IsWebhookUrl(lifecycleNotificationUrl, "lifecycleNotificationUrl", out problem)))
        {
            await InvalidRequestAsync(context, problem);
            return;
        }

        if (clientState?.Length > ClientStateMaximumLength)
        {
            await InvalidRequestAsync(context, $"clientState can be at most {ClientStateMaximumLength} characters; this one has {clientState.Length}.");
            return;
        }

        if (body.TryGetProperty("includeResourceData", out var includeResourceData) && includeResourceData.ValueKind == JsonValueKind.True)
        {
            await InvalidRequestAsync(context, "Rich notifications (includeResourceData) are not supported for callRecord; notifications carry the record's id.");
            return;
        }

        if (_store.CallRecordsCount >= SubscriptionStore.CallRecordsQuota)
        {
            await QuotaReachedAsync(context);
            return;
        }

        foreach (var url in new[] { notificationUrl!, lifecycleNotificationUrl }.OfType<string>())
        {
            if (await _webhooks.ValidateAsync(url, context.RequestAborted) is { } failure)
            {
                await InvalidRequestAsync(context, failure);
                return;
            }
        }

        var subscription = new Subscription
        {
            Id = _store.NewId(),
            Resource = resource!,
            ChangeType = changeType!,
            NotificationUrl = notificationUrl!,
            LifecycleNotificationUrl = lifecycleNotificationUrl,
            ClientState = clientState,
            ApplicationId = _store.ApplicationId,
            CreatorId = _store.CreatorId,
            IsCallRecords = true,
            NotifiesCreated = created,
            NotifiesUpdated = updated,
            ParticipantIds = participantIds,
            ExpirationDateTime = expiration,
        };

        // Checked again now the handshakes are done, in case other creates filled the quota meanwhile.
        if (!_store.TryAdd(subscription))
        {
            await QuotaReachedAsync(context);
            return;
        }

        await WriteSubscriptionAsync(context, StatusCodes.Status201Created, subscription, truncate);
    }

    public Task ListAsync(HttpContext context, bool truncate)
    {
        var apiRoot = GraphRoutes.ApiRoot(context);
        var subscriptions = _store.All();
        return JsonResponse.WriteAsync(context, StatusCodes.Status200OK, JsonResponse.GraphContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{apiRoot}$metadata#subscriptions");
            w.WriteStartArray("value");
            foreach (var subscription in subscriptions)
            {
                w.WriteStartObject();
                subscription.WriteProperties(w);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, truncate);
    }

    public Task GetAsync(HttpContext context, string id, bool truncate) =>
        _store.Find(id) is { } subscription
            ? WriteSubscriptionAsync(context, StatusCodes.Status200OK, subscription, truncate)
            : NotFoundAsync(context, id);

    /// <summary>PATCH with a new expirationDateTime: renews (and, as Graph does, reauthorizes) the subscription.</summary>
    public async Task RenewAsync(HttpContext context, string id, bool truncate)
    {
        if (_store.Find(id) is not { } subscription)
        {
            await NotFoundAsync(context, id);
            return;
        }

        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }

        if (Text(body, "expirationDateTime") is not { } expirationText)
        {
            await InvalidRequestAsync(context, "A renewal needs expirationDateTime.");
            return;
        }

        if (!TryParseExpiration(expirationText, out var expiration, out var problem))
        {
            await InvalidRequestAsync(context, problem);
            return;
        }

        subscription.ExpirationDateTime = expiration;
        await WriteSubscriptionAsync(context, StatusCodes.Status200OK, subscription, truncate);
    }

    public Task DeleteAsync(HttpContext context, string id)
    {
        if (!_store.Remove(id))
        {
            return NotFoundAsync(context, id);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>The answer to a reauthorizationRequired lifecycle notification; the emulator's tokens never lapse, so there is nothing more to do.</summary>
    public Task ReauthorizeAsync(HttpContext context, string id)
    {
        if (_store.Find(id) is null)
        {
            return NotFoundAsync(context, id);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>Reads the request body as a JSON object, or answers 400 and returns null.</summary>
    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Answered below, as a body that is not a JSON object.
        }

        await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "The request body must be a JSON object with the subscription's properties.");
        return null;
    }

    /// <summary>A string property, or null when it is absent, null or not a string.</summary>
    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads a comma-separated changeType: call records document created and updated, nothing else.</summary>
    private static bool TryParseChangeType(string text, out bool created, out bool updated, out string problem)
    {
        created = updated = false;
        foreach (var item in text.Split(','))
        {
            switch (item.Trim().ToLowerInvariant())
            {
                case "created":
                    created = true;
                    break;
                case "updated":
                    updated = true;
                    break;
                default:
                    problem = $"changeType '{text}' is not supported for callRecord; use created, updated or created,updated.";
                    return false;
            }
        }

        problem = "";
        return true;
    }

    /// <summary>Reads an expiry, which must be in the future and at most 4,230 minutes from now on Graph's clock.</summary>
    private bool TryParseExpiration(string text, out DateTimeOffset expiration, out string problem)
    {
        var now = _store.GraphNow;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out expiration))
        {
            problem = $"expirationDateTime '{text}' is not an ISO 8601 date and time.";
            return false;
        }

        problem = expiration <= now
            ? $"Subscription expiration must be in the future; {JsonFormat.Iso(expiration)} has passed."
            : expiration > now + MaximumLifetime
                ? $"Subscription expiration can only be {MaximumLifetime.TotalMinutes} minutes in the future."
                : "";
        return problem.Length == 0;
    }

    /// <summary>An absolute http or https URL. Graph requires https; the emulator takes http too, for endpoints on loopback.</summary>
    private static bool IsWebhookUrl(string text, string name, out string problem)
    {
        var valid = Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
        problem = valid ? "" : $"{name} '{text}' must be an absolute http or https URL.";
        return valid;
    }

    private static Task WriteSubscriptionAsync(HttpContext context, int status, Subscription subscription, bool truncate)
    {
        var apiRoot = GraphRoutes.ApiRoot(context);
        return JsonResponse.WriteAsync(context, status, JsonResponse.GraphContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{apiRoot}$metadata#subscriptions/$entity");
            subscription.WriteProperties(w);
            w.WriteEndObject();
        }, truncate);
    }

    private static Task InvalidRequestAsync(HttpContext context, string message) =>
        JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequest", message);

    private static Task QuotaReachedAsync(HttpContext context) =>
        JsonResponse.ErrorAsync(context, StatusCodes.Status403Forbidden, "Forbidden", $"The organization already has {SubscriptionStore.CallRecordsQuota} subscriptions to callRecord, the most allowed. Delete one to make another.");

    private static Task NotFoundAsync(HttpContext context, string id) =>
        JsonResponse.ErrorAsync(context, StatusCodes.Status404NotFound, "ResourceNotFound", $"The object was not found: there is no subscription '{id}'.");
}
