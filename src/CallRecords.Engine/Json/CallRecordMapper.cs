using System;
using System.Collections.Generic;
using System.Text.Json;
using CallRecords.Engine.Quality;

namespace CallRecords.Engine.Json;

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

    public static CallRecord MapCallRecord(JsonElement json, string tenantId)
    {
        var record = new CallRecord
        {
            TenantId = tenantId,
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
        var organizerV2 = json.GetObjectOrNull("organizer_v2");
        var organizer = organizerV2 is { } v2
            ? ReadIdentity(v2.GetObjectOrNull("identity"), null)
            : ReadIdentity(json.GetObjectOrNull("organizer"), null);

        // As for participants, the organizer's own id (a phone number for a phone organizer) names it first.
        record.OrganizerId = organizerV2.GetStringOrNull("id") ?? organizer.Id;
        record.OrganizerDisplayName = organizer.DisplayName;
        record.OrganizerUserPrincipalName = organizer.UserPrincipalName;
        record.OrganizerIdentityType = organizer.Kind;
        record.OrganizerTenantId = organizer.TenantId;
        record.OrganizerAdministrativeUnitIds = AdministrativeUnitIdsOf(organizerV2);
        return record;
    }

    public static CallRecordSession MapSession(JsonElement json, string callRecordId, string tenantId, QualityThresholds thresholds)
    {
        var sessionId = json.GetStringOrNull("id") ?? "";
        var failure = json.GetObjectOrNull("failureInfo");
        var caller = MapEndpoint(json.GetObjectOrNull("caller"));
        var callee = MapEndpoint(json.GetObjectOrNull("callee"));
        var segments = new List<CallRecordSegment>();
        foreach (var segment in json.GetArray("segments"))
        {
            segments.Add(MapSegment(segment, callRecordId, sessionId, tenantId, caller, callee, thresholds));
        }

        return new CallRecordSession
        {
            TenantId = tenantId,
            CallRecordId = callRecordId,
            Id = sessionId,
            StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
            EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
            Modalities = new ValueList<string>(json.GetStringList("modalities")),
            IsTest = json.GetBooleanOrNull("isTest"),
            Caller = caller,
            Callee = callee,
            FailureStage = failure.GetStringOrNull("stage"),
            FailureReason = failure.GetStringOrNull("reason"),
            Segments = new ValueList<CallRecordSegment>(segments, "; "),
        };
    }

    /// <summary>
    /// Maps a segment and flattens its media streams. Documented segments may lack a caller or callee; the
    /// session's endpoints stand in for them.
    /// </summary>
    public static CallRecordSegment MapSegment(JsonElement json, string callRecordId, string sessionId, string tenantId, CallEndpoint sessionCaller, CallEndpoint sessionCallee, QualityThresholds thresholds)
    {
        var segmentId = json.GetStringOrNull("id") ?? "";
        var failure = json.GetObjectOrNull("failureInfo");
        var caller = json.GetObjectOrNull("caller") is { } callerJson ? MapEndpoint(callerJson) : sessionCaller;
        var callee = json.GetObjectOrNull("callee") is { } calleeJson ? MapEndpoint(calleeJson) : sessionCallee;
        var labels = new List<string>();
        var streams = new List<CallRecordMediaStream>();
        foreach (var media in json.GetArray("media"))
        {
            var label = media.GetStringOrNull("label");
            if (label is not null)
            {
                labels.Add(label);
            }

            var context = new StreamContext(callRecordId, sessionId, segmentId, tenantId, label, caller, callee, media, thresholds);
            foreach (var stream in media.GetArray("streams"))
            {
                streams.Add(MapStream(stream, context));
            }
        }

        return new CallRecordSegment
        {
            TenantId = tenantId,
            CallRecordId = callRecordId,
            SessionId = sessionId,
            Id = segmentId,
            StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
            EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
            Caller = caller,
            Callee = callee,
            FailureStage = failure.GetStringOrNull("stage"),
            FailureReason = failure.GetStringOrNull("reason"),
            MediaLabels = new ValueList<string>(labels),
            MediaStreams = new ValueList<CallRecordMediaStream>(streams, "; "),
        };
    }

    public static CallRecordParticipant MapParticipant(JsonElement json, string callRecordId, string tenantId)
    {
        var identity = ReadIdentity(json.GetObjectOrNull("identity"), json.GetStringOrNull("id"));
        return new CallRecordParticipant
        {
            TenantId = tenantId,
            CallRecordId = callRecordId,
            Id = json.GetStringOrNull("id") ?? identity.Id,
            DisplayName = identity.DisplayName,
            UserPrincipalName = identity.UserPrincipalName,
            IdentityType = identity.Kind,
            IdentityTenantId = identity.TenantId,
            AdministrativeUnitIds = AdministrativeUnitIdsOf(json),
        };
    }

    private static ValueList<string> AdministrativeUnitIdsOf(JsonElement? participant) =>
        new(participant is { } element ? element.GetIdList("administrativeUnitInfos") : new List<string>());

    /// <summary>Maps an entry of the deprecated participants collection (a bare identity set).</summary>
    public static CallRecordParticipant MapLegacyParticipant(JsonElement identitySet, string callRecordId, string tenantId)
    {
        var identity = ReadIdentity(identitySet, null);
        return new CallRecordParticipant
        {
            TenantId = tenantId,
            CallRecordId = callRecordId,
            Id = identity.Id,
            DisplayName = identity.DisplayName,
            UserPrincipalName = identity.UserPrincipalName,
            IdentityType = identity.Kind,
            IdentityTenantId = identity.TenantId,
        };
    }

    private static CallRecordMediaStream MapStream(JsonElement json, StreamContext context)
    {
        var row = new CallRecordMediaStream
        {
            TenantId = context.TenantId,
            CallRecordId = context.CallRecordId,
            SessionId = context.SessionId,
            SegmentId = context.SegmentId,
            MediaLabel = context.Label,
            MediaType = StreamClassifier.MediaTypeOf(context.Label),
            StreamId = json.GetStringOrNull("streamId"),
            StreamDirection = json.GetStringOrNull("streamDirection"),
            StartDateTime = json.GetDateTimeOffsetOrNull("startDateTime"),
            EndDateTime = json.GetDateTimeOffsetOrNull("endDateTime"),
            AudioCodec = json.GetStringOrNull("audioCodec"),
            VideoCodec = json.GetStringOrNull("videoCodec"),
            AverageAudioDegradation = json.GetDoubleOrNull("averageAudioDegradation"),
            AverageAudioNetworkJitterMs = Milliseconds(json, "averageAudioNetworkJitter"),
            MaxAudioNetworkJitterMs = Milliseconds(json, "maxAudioNetworkJitter"),
            AverageJitterMs = Milliseconds(json, "averageJitter"),
            MaxJitterMs = Milliseconds(json, "maxJitter"),
            AverageRoundTripTimeMs = Milliseconds(json, "averageRoundTripTime"),
            MaxRoundTripTimeMs = Milliseconds(json, "maxRoundTripTime"),
            AveragePacketLossRate = json.GetDoubleOrNull("averagePacketLossRate"),
            MaxPacketLossRate = json.GetDoubleOrNull("maxPacketLossRate"),
            AverageRatioOfConcealedSamples = json.GetDoubleOrNull("averageRatioOfConcealedSamples"),
            MaxRatioOfConcealedSamples = json.GetDoubleOrNull("maxRatioOfConcealedSamples"),
            AverageBandwidthEstimate = json.GetInt64OrNull("averageBandwidthEstimate"),
            PacketUtilization = json.GetInt64OrNull("packetUtilization"),
            AverageReceivedFrameRate = json.GetDoubleOrNull("averageReceivedFrameRate"),
            AverageVideoFrameRate = json.GetDoubleOrNull("averageVideoFrameRate"),
            AverageVideoFrameLossPercentage = json.GetDoubleOrNull("averageVideoFrameLossPercentage"),
            AverageVideoPacketLossRate = json.GetDoubleOrNull("averageVideoPacketLossRate"),
            AverageFreezeDurationMs = Milliseconds(json, "averageFreezeDuration"),
            RmsFreezeDurationMs = Milliseconds(json, "rmsFreezeDuration"),
            LowFrameRateRatio = json.GetDoubleOrNull("lowFrameRateRatio"),
            LowVideoProcessingCapabilityRatio = json.GetDoubleOrNull("lowVideoProcessingCapabilityRatio"),
            PostForwardErrorCorrectionPacketLossRate = json.GetDoubleOrNull("postForwardErrorCorrectionPacketLossRate"),
            IsAudioForwardErrorCorrectionUsed = json.GetBooleanOrNull("isAudioForwardErrorCorrectionUsed"),
            WasMediaBypassed = json.GetBooleanOrNull("wasMediaBypassed"),
        };

        var media = context.Media;
        row.Caller = context.Caller;
        row.CallerNetwork = MapNetwork(media.GetObjectOrNull("callerNetwork"));
        row.CallerDevice = MapDevice(media.GetObjectOrNull("callerDevice"));
        row.Callee = context.Callee;
        row.CalleeNetwork = MapNetwork(media.GetObjectOrNull("calleeNetwork"));
        row.CalleeDevice = MapDevice(media.GetObjectOrNull("calleeDevice"));
        StreamClassifier.Classify(row, context.Thresholds);
        return row;
    }

    private static NetworkInfo MapNetwork(JsonElement? json)
    {
        var network = new NetworkInfo
        {
            ConnectionType = json.GetStringOrNull("connectionType"),
            WifiBand = json.GetStringOrNull("wifiBand"),
            WifiSignalStrength = json?.GetInt32OrNull("wifiSignalStrength"),
            WifiRadioType = json.GetStringOrNull("wifiRadioType"),
            Subnet = json.GetStringOrNull("subnet"),
            IPAddress = json.GetStringOrNull("ipAddress"),
            ReflexiveIPAddress = json.GetStringOrNull("reflexiveIPAddress"),
            RelayIPAddress = json.GetStringOrNull("relayIPAddress"),
            RelayPort = json?.GetInt32OrNull("relayPort"),
            NetworkTransportProtocol = json.GetStringOrNull("networkTransportProtocol"),
            LinkSpeed = json?.GetInt64OrNull("linkSpeed"),
            BasicServiceSetIdentifier = json.GetStringOrNull("basicServiceSetIdentifier"),
            Port = json?.GetInt32OrNull("port"),
            DnsSuffix = json.GetStringOrNull("dnsSuffix"),
            MacAddress = json.GetStringOrNull("macAddress"),
            WifiChannel = json?.GetInt32OrNull("wifiChannel"),
            WifiBatteryCharge = json?.GetInt32OrNull("wifiBatteryCharge"),
            WifiMicrosoftDriver = json.GetStringOrNull("wifiMicrosoftDriver"),
            WifiMicrosoftDriverVersion = json.GetStringOrNull("wifiMicrosoftDriverVersion"),
            WifiVendorDriver = json.GetStringOrNull("wifiVendorDriver"),
            WifiVendorDriverVersion = json.GetStringOrNull("wifiVendorDriverVersion"),
            BandwidthLowEventRatio = json?.GetDoubleOrNull("bandwidthLowEventRatio"),
            DelayEventRatio = json?.GetDoubleOrNull("delayEventRatio"),
            ReceivedQualityEventRatio = json?.GetDoubleOrNull("receivedQualityEventRatio"),
            SentQualityEventRatio = json?.GetDoubleOrNull("sentQualityEventRatio"),
        };
        if (json is { } element)
        {
            var hops = new List<TraceRouteHop>();
            foreach (var hop in element.GetArray("traceRouteHops"))
            {
                hops.Add(new TraceRouteHop { HopCount = hop.GetInt32OrNull("hopCount"), IPAddress = hop.GetStringOrNull("ipAddress"), RoundTripTimeMs = Milliseconds(hop, "roundTripTime") });
            }

            network.TraceRouteHops = new ValueList<TraceRouteHop>(hops, "; ");
        }

        return network;
    }

    private static DeviceInfo MapDevice(JsonElement? json) => new()
    {
        CaptureDeviceName = json.GetStringOrNull("captureDeviceName"),
        CaptureDeviceDriver = json.GetStringOrNull("captureDeviceDriver"),
        RenderDeviceName = json.GetStringOrNull("renderDeviceName"),
        RenderDeviceDriver = json.GetStringOrNull("renderDeviceDriver"),
        CaptureNotFunctioningEventRatio = json?.GetDoubleOrNull("captureNotFunctioningEventRatio"),
        RenderNotFunctioningEventRatio = json?.GetDoubleOrNull("renderNotFunctioningEventRatio"),
        CpuInsufficentEventRatio = json?.GetDoubleOrNull("cpuInsufficentEventRatio"),
        DeviceClippingEventRatio = json?.GetDoubleOrNull("deviceClippingEventRatio"),
        DeviceGlitchEventRatio = json?.GetDoubleOrNull("deviceGlitchEventRatio"),
        HowlingEventCount = json?.GetInt32OrNull("howlingEventCount"),
        InitialSignalLevelRootMeanSquare = json?.GetDoubleOrNull("initialSignalLevelRootMeanSquare"),
        LowSpeechLevelEventRatio = json?.GetDoubleOrNull("lowSpeechLevelEventRatio"),
        LowSpeechToNoiseEventRatio = json?.GetDoubleOrNull("lowSpeechToNoiseEventRatio"),
        MicGlitchRate = json?.GetDoubleOrNull("micGlitchRate"),
        SpeakerGlitchRate = json?.GetDoubleOrNull("speakerGlitchRate"),
        ReceivedNoiseLevel = json?.GetInt32OrNull("receivedNoiseLevel"),
        ReceivedSignalLevel = json?.GetInt32OrNull("receivedSignalLevel"),
        SentNoiseLevel = json?.GetInt32OrNull("sentNoiseLevel"),
        SentSignalLevel = json?.GetInt32OrNull("sentSignalLevel"),
        RenderMuteEventRatio = json?.GetDoubleOrNull("renderMuteEventRatio"),
        RenderZeroVolumeEventRatio = json?.GetDoubleOrNull("renderZeroVolumeEventRatio"),
    };

    private static double? Milliseconds(JsonElement json, string name) =>
        json.GetDurationOrNull(name) is { } duration ? duration.TotalMilliseconds : null;

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
        endpoint.TenantId = identity.TenantId;
        endpoint.Name = e.GetStringOrNull("name");
        endpoint.CpuName = e.GetStringOrNull("cpuName");
        endpoint.CpuCoresCount = e.GetInt32OrNull("cpuCoresCount");
        endpoint.CpuProcessorSpeedInMhz = e.GetInt32OrNull("cpuProcessorSpeedInMhz");

        var agent = e.GetObjectOrNull("userAgent");
        endpoint.Platform = agent.GetStringOrNull("platform");
        endpoint.ProductFamily = agent.GetStringOrNull("productFamily");
        endpoint.Role = agent.GetStringOrNull("role");
        endpoint.UserAgentHeader = agent.GetStringOrNull("headerValue");
        endpoint.ApplicationVersion = agent.GetStringOrNull("applicationVersion");
        endpoint.AzureADAppId = agent.GetStringOrNull("azureADAppId");
        endpoint.CommunicationServiceId = agent.GetStringOrNull("communicationServiceId");

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

    private sealed class StreamContext
    {
        public StreamContext(string callRecordId, string sessionId, string segmentId, string tenantId, string? label, CallEndpoint caller, CallEndpoint callee, JsonElement media, QualityThresholds thresholds)
        {
            TenantId = tenantId;
            Thresholds = thresholds;
            CallRecordId = callRecordId;
            SessionId = sessionId;
            SegmentId = segmentId;
            Label = label;
            Caller = caller;
            Callee = callee;
            Media = media;
        }

        public string CallRecordId { get; }

        public string SessionId { get; }

        public string SegmentId { get; }

        public string TenantId { get; }

        public string? Label { get; }

        public CallEndpoint Caller { get; }

        public CallEndpoint Callee { get; }

        public JsonElement Media { get; }

        public QualityThresholds Thresholds { get; }
    }

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
