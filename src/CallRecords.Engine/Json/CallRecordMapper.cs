using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CallRecords.Engine;

/// <summary>Turns Graph call record JSON into the module's flat output objects.</summary>
internal static class CallRecordMapper
{
    // communicationsIdentitySet members in the order that best names a person; any other member that
    // carries an id (a kind newer than this module) is taken after these.
    private static readonly string[] s_identityKinds =
    {
        "user", "guest", "phone", "applicationInstance", "application", "acsUser", "azureCommunicationServicesUser",
        "spoolUser", "acsApplicationInstance", "spoolApplicationInstance", "onPremises", "encrypted", "assertedIdentity", "device",
    };

    public static CallRecord MapCallRecord(JsonElement json)
    {
        var record = new CallRecord
        {
            Id = json.GetStringOrNull("id") ?? "",
            Version = json.GetInt64OrNull("version") ?? 0,
            Type = json.GetStringOrNull("type"),
            Modalities = new ValueList<string>(json.GetStringList("modalities")),
            StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
            EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
            LastModifiedDateTime = json.GetDateTimeOffsetOrNull("lastModifiedDateTime"),
            JoinWebUrl = json.GetStringOrNull("joinWebUrl"),
        };

        // organizer_v2 replaces the deprecated organizer, which no longer returns data; fall back only
        // where the new one is absent.
        var organizer = json.GetObjectOrNull("organizer_v2") is { } organizerV2
            ? ReadIdentity(organizerV2.GetObjectOrNull("identity"), organizerV2.GetStringOrNull("id"))
            : ReadIdentity(json.GetObjectOrNull("organizer"), null);
        record.OrganizerId = organizer.Id;
        record.OrganizerDisplayName = organizer.DisplayName;
        record.OrganizerUserPrincipalName = organizer.UserPrincipalName;
        record.OrganizerIdentityType = organizer.Kind;
        record.OrganizerTenantId = organizer.TenantId;
        return record;
    }

    public static CallRecordSession MapSession(JsonElement json, string callRecordId)
    {
        var sessionId = json.GetStringOrNull("id") ?? "";
        var failure = json.GetObjectOrNull("failureInfo");
        var segments = new List<CallRecordSegment>();
        foreach (var segment in json.GetArray("segments"))
        {
            segments.Add(MapSegment(segment, callRecordId, sessionId));
        }

        return new CallRecordSession
        {
            CallRecordId = callRecordId,
            Id = sessionId,
            StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
            EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
            Modalities = new ValueList<string>(json.GetStringList("modalities")),
            IsTest = json.GetBooleanOrNull("isTest"),
            Caller = MapEndpoint(json.GetObjectOrNull("caller")),
            Callee = MapEndpoint(json.GetObjectOrNull("callee")),
            FailureStage = failure.GetStringOrNull("stage"),
            FailureReason = failure.GetStringOrNull("reason"),
            Segments = new ValueList<CallRecordSegment>(segments, "; "),
        };
    }

    public static CallRecordSegment MapSegment(JsonElement json, string callRecordId, string sessionId)
    {
        var failure = json.GetObjectOrNull("failureInfo");
        var labels = new List<string>();
        foreach (var media in json.GetArray("media"))
        {
            if (media.GetStringOrNull("label") is { } label)
            {
                labels.Add(label);
            }
        }

        return new CallRecordSegment
        {
            CallRecordId = callRecordId,
            SessionId = sessionId,
            Id = json.GetStringOrNull("id") ?? "",
            StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
            EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
            Caller = MapEndpoint(json.GetObjectOrNull("caller")),
            Callee = MapEndpoint(json.GetObjectOrNull("callee")),
            FailureStage = failure.GetStringOrNull("stage"),
            FailureReason = failure.GetStringOrNull("reason"),
            MediaLabels = new ValueList<string>(labels),
        };
    }

    public static CallEndpoint MapEndpoint(JsonElement? json)
    {
        var endpoint = new CallEndpoint();
        if (json is not { } e)
        {
            return endpoint;
        }

        var odataType = e.GetStringOrNull("@odata.type");
        endpoint.EndpointType = odataType switch
        {
            null => e.GetObjectOrNull("associatedIdentity") is not null || e.GetObjectOrNull("identity") is not null ? "participant" : null,
            _ when odataType.EndsWith("participantEndpoint", StringComparison.OrdinalIgnoreCase) => "participant",
            _ when odataType.EndsWith("serviceEndpoint", StringComparison.OrdinalIgnoreCase) => "service",
            _ => odataType.Substring(odataType.LastIndexOf('.') + 1),
        };

        // associatedIdentity replaces the deprecated identity set.
        var identity = e.GetObjectOrNull("associatedIdentity") is { } associated
            ? ReadPlainIdentity(associated, "user")
            : ReadIdentity(e.GetObjectOrNull("identity"), null);
        endpoint.Id = identity.Id;
        endpoint.DisplayName = identity.DisplayName;
        endpoint.UserPrincipalName = identity.UserPrincipalName;
        endpoint.IdentityType = identity.Kind;
        endpoint.Name = e.GetStringOrNull("name");

        var agent = e.GetObjectOrNull("userAgent");
        endpoint.Platform = agent.GetStringOrNull("platform");
        endpoint.ProductFamily = agent.GetStringOrNull("productFamily");
        endpoint.Role = agent.GetStringOrNull("role");
        endpoint.UserAgentHeader = agent.GetStringOrNull("headerValue");
        endpoint.ApplicationVersion = agent.GetStringOrNull("applicationVersion");

        var feedback = e.GetObjectOrNull("feedback");
        endpoint.FeedbackRating = feedback.GetStringOrNull("rating");
        endpoint.FeedbackText = feedback.GetStringOrNull("text");
        if (feedback.GetObjectOrNull("tokens") is { } tokens)
        {
            var raised = new List<string>();
            foreach (var token in tokens.EnumerateObject())
            {
                if (token.Value.ValueKind == JsonValueKind.True)
                {
                    raised.Add(token.Name);
                }
            }

            endpoint.FeedbackTokens = string.Join(", ", raised);
        }

        return endpoint;
    }

    /// <summary>Reads an identity set: the first member that is present names the identity and its kind.</summary>
    internal static Identity ReadIdentity(JsonElement? identitySet, string? fallbackId)
    {
        if (identitySet is { } set)
        {
            foreach (var kind in s_identityKinds)
            {
                if (set.GetObjectOrNull(kind) is { } member)
                {
                    return ReadPlainIdentity(member, kind, fallbackId);
                }
            }

            foreach (var property in set.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object && property.Value.GetStringOrNull("id") is not null)
                {
                    return ReadPlainIdentity(property.Value, property.Name, fallbackId);
                }
            }
        }

        return new Identity(fallbackId, null, null, null, null);
    }

    private static Identity ReadPlainIdentity(JsonElement identity, string kind, string? fallbackId = null) =>
        new(
            identity.GetStringOrNull("id") ?? fallbackId,
            identity.GetStringOrNull("displayName"),
            identity.GetStringOrNull("userPrincipalName"),
            kind,
            identity.GetStringOrNull("tenantId"));

    internal readonly struct Identity
    {
        public Identity(string? id, string? displayName, string? userPrincipalName, string? kind, string? tenantId)
        {
            Id = id;
            DisplayName = displayName;
            UserPrincipalName = userPrincipalName;
            Kind = kind;
            TenantId = tenantId;
        }

        public string? Id { get; }

        public string? DisplayName { get; }

        public string? UserPrincipalName { get; }

        public string? Kind { get; }

        public string? TenantId { get; }
    }
}
