using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>
/// Change-notification subscriptions on /communications/callRecords: create (Graph validates the notification
/// URL first), list, renew, reauthorize and delete. Limits from learn.microsoft.com/graph/changenotifications-for-callrecords and /graph/api/resources/subscription.
/// </summary>
public sealed class SubscriptionClient
{
    /// <summary>The longest a call records subscription may live, and the default.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(4230);

    /// <summary>The longest clientState Graph accepts.</summary>
    public const int MaximumClientStateLength = 128;

    private const string CallRecordsResource = "/communications/callRecords";
    private static readonly Regex s_participant = new(@"p/id\s+eq\s+'((?:[^']|'')*)'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private readonly GraphHttpClient _http;

    /// <summary>Creates a client on a connection.</summary>
    public SubscriptionClient(GraphConnection connection) => _http = connection.Http;

    /// <summary>The resource for all call records, or for the calls of the given participants.</summary>
    public static string ResourceFor(IReadOnlyCollection<string>? participantIds)
    {
        if (participantIds is null || participantIds.Count == 0)
        {
            return CallRecordsResource;
        }

        var clauses = new List<string>();
        foreach (var id in participantIds)
        {
            clauses.Add($"participants/any(p:p/id eq '{id.Replace("'", "''")}')");
        }

        return CallRecordsResource + "?$filter=" + string.Join(" or ", clauses);
    }

    /// <summary>A clientState that cannot be guessed: 32 random bytes, base64url (43 characters).</summary>
    public static string NewClientState()
    {
        var bytes = new byte[32];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Creates a subscription; Graph first checks that the notification URL answers its validation request.</summary>
    public async Task<CallRecordSubscription> CreateAsync(SubscriptionRequest request, RequestLog log, CancellationToken cancellationToken)
    {
        var body = Json(writer =>
        {
            writer.WriteString("changeType", request.ChangeType);
            writer.WriteString("notificationUrl", request.NotificationUrl.AbsoluteUri);
            if (request.LifecycleNotificationUrl is not null)
            {
                writer.WriteString("lifecycleNotificationUrl", request.LifecycleNotificationUrl.AbsoluteUri);
            }

            writer.WriteString("resource", request.Resource ?? ResourceFor(request.ParticipantIds));
            writer.WriteString("expirationDateTime", GraphTime.Format(request.ExpirationDateTime));
            writer.WriteString("clientState", request.ClientState);
        });
        using var document = await _http.SendAsync(HttpMethod.Post, "subscriptions", body, GraphOperation.CreateSubscription, log, cancellationToken).ConfigureAwait(false);
        var subscription = Map(document!.RootElement);
        subscription.ClientState ??= request.ClientState;
        return subscription;
    }

    /// <summary>Lists the subscriptions on call records (Graph lists every subscription of the app).</summary>
    public async Task<IReadOnlyList<CallRecordSubscription>> ListAsync(RequestLog log, CancellationToken cancellationToken)
    {
        var result = new List<CallRecordSubscription>();
        await foreach (var item in _http.ItemsAsync("subscriptions", GraphOperation.ListSubscriptions, log, cancellationToken).ConfigureAwait(false))
        {
            var subscription = Map(item);
            if (IsCallRecordsResource(subscription.Resource))
            {
                result.Add(subscription);
            }
        }

        return result;
    }

    /// <summary>Gets one subscription, or null when Graph has none with that id.</summary>
    public async Task<CallRecordSubscription?> GetAsync(string id, RequestLog log, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await _http.GetJsonAsync("subscriptions/" + Uri.EscapeDataString(id), GraphOperation.ListSubscriptions, log, cancellationToken).ConfigureAwait(false);
            return Map(document.RootElement);
        }
        catch (GraphRequestException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Renews a subscription to a new expiration, which also reauthorizes it.</summary>
    public async Task<CallRecordSubscription> RenewAsync(string id, DateTimeOffset expiration, RequestLog log, CancellationToken cancellationToken)
    {
        var body = Json(writer => writer.WriteString("expirationDateTime", GraphTime.Format(expiration)));
        using var document = await _http.SendAsync(new HttpMethod("PATCH"), "subscriptions/" + Uri.EscapeDataString(id), body, GraphOperation.UpdateSubscription, log, cancellationToken).ConfigureAwait(false);
        return document is null ? new CallRecordSubscription { Id = id, ExpirationDateTime = expiration } : Map(document.RootElement);
    }

    /// <summary>Deletes a subscription.</summary>
    public async Task DeleteAsync(string id, RequestLog log, CancellationToken cancellationToken)
    {
        using var _ = await _http.SendAsync(HttpMethod.Delete, "subscriptions/" + Uri.EscapeDataString(id), null, GraphOperation.DeleteSubscription, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a requested expiration against Graph's rules before anything is sent.</summary>
    public static string? ExpirationProblem(DateTimeOffset expiration, DateTimeOffset now)
    {
        if (expiration <= now)
        {
            return $"The expiration {expiration:u} is not in the future.";
        }

        return expiration - now > MaximumLifetime + TimeSpan.FromSeconds(1)
            ? $"A call records subscription can live at most 4,230 minutes (until {now + MaximumLifetime:u}); {expiration:u} is later. Renew it with Update-CallRecordSubscription before it expires."
            : null;
    }

    /// <summary>Whether a subscription resource is call records.</summary>
    public static bool IsCallRecordsResource(string? resource) =>
        resource is not null && resource.TrimStart('/').StartsWith("communications/callRecords", StringComparison.OrdinalIgnoreCase);

    private static CallRecordSubscription Map(JsonElement json)
    {
        var resource = json.GetStringOrNull("resource");
        var participants = new List<string>();
        if (resource is not null)
        {
            foreach (Match match in s_participant.Matches(Uri.UnescapeDataString(resource)))
            {
                participants.Add(match.Groups[1].Value.Replace("''", "'"));
            }
        }

        return new CallRecordSubscription
        {
            Id = json.GetStringOrNull("id") ?? "",
            Resource = resource,
            ParticipantIds = new ValueList<string>(participants),
            ChangeType = json.GetStringOrNull("changeType"),
            NotificationUrl = json.GetStringOrNull("notificationUrl"),
            LifecycleNotificationUrl = json.GetStringOrNull("lifecycleNotificationUrl"),
            ExpirationDateTime = json.GetDateTimeOffsetOrNull("expirationDateTime"),
            ClientState = json.GetStringOrNull("clientState"),
            ApplicationId = json.GetStringOrNull("applicationId"),
            CreatorId = json.GetStringOrNull("creatorId"),
        };
    }



    private static string Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
