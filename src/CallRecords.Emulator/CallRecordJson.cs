using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>Which collections a GET of one record expands, and how many of each it puts inline before a nextLink.</summary>
public readonly record struct RecordExpansion(bool Sessions, bool Segments, bool Participants, int SessionPageSize, int ParticipantPageSize, bool HasParticipantsV2);

/// <summary>
/// Writes call records, sessions and participants in the shapes Microsoft documents: camelCase, polymorphic
/// endpoints and user agents with @odata.type, explicit nulls where the docs show them, and the deprecated
/// organizer, participants and endpoint identity on the records that still carry them. Sessions are made here,
/// while writing, from the record's detail seed and the session's index, so any page is written on its own.
/// </summary>
public static class CallRecordJson
{
    public const int SessionsPageSize = 60;
    public const int ParticipantsPageSize = 130;

    /// <summary>The deprecated participants property holds at most this many identities (learn.microsoft.com/graph/api/resources/callrecords-callrecord).</summary>
    public const int DeprecatedParticipantsCap = 130;

    /// <summary>The share of measured streams put on or next to a classification threshold.</summary>
    private const double EdgeShare = 0.05;

    private static readonly string[] s_feedbackTokens = { "NoSound", "OtherNoSound", "Echo", "Noisy", "LowVolume", "Stopped", "DistortedSound", "Interruptions" };
    private static readonly string[] s_feedbackRatings = { "bad", "poor", "fair", "good", "good", "excellent", "excellent", "notRated" };
    private static readonly string[] s_failureReasons =
    {
        "Call was dropped by the network", "Media connectivity could not be established", "The remote endpoint did not answer", "Call setup timed out",
    };

    private static readonly string[] s_cpus =
    {
        "Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", "Intel(R) Core(TM) i5-1245U", "AMD Ryzen 7 PRO 6850U with Radeon Graphics",
        "Apple M2", "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", "Qualcomm(R) Snapdragon(TM) X Elite",
    };

    private static readonly (string Capture, string Render, string Driver)[] s_devices =
    {
        ("Headset Microphone (Jabra Evolve2 65)", "Headset Earphone (Jabra Evolve2 65)", "Microsoft: 10.0.22621.1"),
        ("Microphone Array (Realtek(R) Audio)", "Speakers (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9235.1"),
        ("Echo Cancelling Speakerphone (Poly Sync 20)", "Echo Cancelling Speakerphone (Poly Sync 20)", "Microsoft: 10.0.22621.2506"),
        ("MacBook Pro Microphone", "MacBook Pro Speakers", "Apple: 14.4"),
        ("Microphone (Logitech Zone Wireless)", "Headphones (Logitech Zone Wireless)", "Microsoft: 10.0.19041.1"),
    };

    private static readonly (string Platform, string Label)[] s_platforms =
    {
        ("windows", "Windows 11; x64"), ("windows", "Windows 10; x64"), ("windows", "Windows 11; arm64"), ("macOS", "macOS 14.5"),
        ("iOS", "iOS 17.5; iPhone15,2"), ("android", "Android 14; SM-S918B"), ("web", "Edge 126"), ("roomSystem", "Teams Rooms on Windows"),
    };

    private enum StreamKind
    {
        Audio,
        Video,
        ScreenSharing,
        Data,
    }

    /// <summary>The list shape: the record's own properties and organizer_v2, never sessions or participants_v2.</summary>
    public static void WriteListed(Utf8JsonWriter w, CallRecordHeader call, string apiRoot)
    {
        w.WriteStartObject();
        WriteRecordProperties(w, call, apiRoot);
        w.WriteEndObject();
    }

    /// <summary>The GET shape, with the expanded collections inline up to their page size; returns the items written.</summary>
    public static int WriteRecord(Utf8JsonWriter w, CallRecordHeader call, string apiRoot, RecordExpansion expand)
    {
        var items = 1;
        w.WriteStartObject();
        w.WriteString("@odata.context", $"{apiRoot}$metadata#communications/callRecords/$entity");
        WriteRecordProperties(w, call, apiRoot);
        if (call.HasDeprecatedProperties)
        {
            w.WriteStartArray("participants");
            foreach (var person in call.Participants.Take(DeprecatedParticipantsCap))
            {
                WriteIdentitySet(w, person);
            }

            w.WriteEndArray();
        }

        if (expand.HasParticipantsV2)
        {
            w.WriteString("participants_v2@odata.context", $"{apiRoot}$metadata#communications/callRecords('{call.Id}')/participants_v2");
        }

        if (expand.Participants)
        {
            var count = Math.Min(call.Participants.Length, expand.ParticipantPageSize);
            w.WriteStartArray("participants_v2");
            for (var i = 0; i < count; i++)
            {
                WriteParticipant(w, call.Participants[i]);
            }

            w.WriteEndArray();
            if (count < call.Participants.Length)
            {
                w.WriteString("participants_v2@odata.nextLink", $"{apiRoot}communications/callRecords/{call.Id}/participants_v2?$skiptoken={SkipToken.Encode(count, expand.ParticipantPageSize)}");
            }

            items += count;
        }

        if (expand.Sessions)
        {
            var count = Math.Min(call.SessionCount, expand.SessionPageSize);
            w.WriteString("sessions@odata.context", $"{apiRoot}$metadata#communications/callRecords('{call.Id}')/sessions({(expand.Segments ? "segments()" : "")})");
            w.WriteStartArray("sessions");
            for (var i = 0; i < count; i++)
            {
                WriteSession(w, call, i, expand.Segments);
            }

            w.WriteEndArray();
            if (count < call.SessionCount)
            {
                var query = expand.Segments ? "$expand=segments&" : "";
                w.WriteString("sessions@odata.nextLink", $"{apiRoot}communications/callRecords/{call.Id}/sessions?{query}$skiptoken={SkipToken.Encode(count, expand.SessionPageSize)}");
            }

            items += count;
        }

        w.WriteEndObject();
        return items;
    }

    public static void WriteParticipant(Utf8JsonWriter w, Person person)
    {
        w.WriteStartObject();
        w.WriteString("id", person.Id);
        w.WritePropertyName("identity");
        WriteCommunicationsIdentitySet(w, person);
        w.WriteStartArray("administrativeUnitInfos");
        foreach (var unit in AdministrativeUnitIds(person))
        {
            w.WriteStartObject();
            w.WriteString("id", unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes session <paramref name="index"/> of a record. A peer-to-peer call has one session between the two
    /// parties; a group call has one per participant (and one more per rejoin), each between the participant and
    /// the conferencing server. Phone legs pass through a mediation server, which makes a second segment.
    /// </summary>
    public static void WriteSession(Utf8JsonWriter w, CallRecordHeader call, int index, bool withSegments)
    {
        var random = new SeededRandom(SeededRandom.Mix(call.DetailSeed, (ulong)index));
        var legs = Legs(call, index);
        var (start, end) = SessionTimes(call, index, random);
        var failed = random.Chance(0.03);
        var deprecated = call.HasDeprecatedProperties;
        var modalities = legs.Any(l => l.Caller.IsPhone || l.Callee.IsPhone) ? ["audio"] : call.Modalities;

        w.WriteStartObject();

        // As in the docs' example, a peer-to-peer call's only session carries the record's id.
        w.WriteString("id", call.Kind == CallKind.GroupCall ? random.NextGuid() : call.Id);
        w.WriteStrings("modalities", modalities);
        w.WriteInstant("startDateTime", start);
        w.WriteInstant("endDateTime", end);
        w.WriteBoolean("isTest", random.Chance(0.005));
        w.WritePropertyName("caller");
        WriteEndpoint(w, legs[0].Caller, random, deprecated, withFeedback: random.Chance(0.06));
        w.WritePropertyName("callee");
        WriteEndpoint(w, legs[^1].Callee, random, deprecated, withFeedback: false);
        WriteFailure(w, failed, random);
        if (withSegments)
        {
            w.WriteStartArray("segments");
            var segmentStart = start;
            for (var leg = 0; leg < legs.Length; leg++)
            {
                WriteSegment(w, legs[leg], modalities, segmentStart, end, random, deprecated, failed && leg == legs.Length - 1, call.HasTraceRoutes);
                segmentStart += TimeSpan.FromMilliseconds(random.Next(40, 900));
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteRecordProperties(Utf8JsonWriter w, CallRecordHeader call, string apiRoot)
    {
        w.WriteString("id", call.Id);
        w.WriteNumber("version", call.Version);
        w.WriteString("type", call.Type);
        w.WriteStrings("modalities", call.Modalities);
        w.WriteInstant("lastModifiedDateTime", call.LastModified);
        w.WriteInstant("startDateTime", call.Start);
        w.WriteInstant("endDateTime", call.End);
        if (call.Kind == CallKind.GroupCall)
        {
            w.WriteString("joinWebUrl", $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{call.Id.Replace("-", "", StringComparison.Ordinal)}%40thread.v2/0");
        }
        else
        {
            w.WriteNull("joinWebUrl");
        }

        if (call.HasDeprecatedProperties)
        {
            w.WritePropertyName("organizer");
            WriteIdentitySet(w, call.Organizer);
        }

        // organizer_v2 is auto-expanded (CSDL AutoExpand), on list and get alike.
        w.WriteString("organizer_v2@odata.context", $"{apiRoot}$metadata#communications/callRecords('{call.Id}')/organizer_v2/$entity");
        w.WritePropertyName("organizer_v2");
        WriteParticipant(w, call.Organizer);
    }

    private static Leg[] Legs(CallRecordHeader call, int index)
    {
        var mediation = CallEndpoint.Service("mediationServer");
        switch (call.Kind)
        {
            case CallKind.PeerToPeer:
                return [new(new(call.Participants[0]), new(call.Participants[1]))];
            case CallKind.Pstn:
                return [new(new(call.Participants[0]), mediation), new(mediation, new(call.Participants[1]))];
            default:
                var participant = new CallEndpoint(call.Participants[index % call.Participants.Length]);
                var conference = CallEndpoint.Service("skypeForBusinessAudioVideoMcu");
                return participant.IsPhone ? [new(participant, mediation), new(mediation, conference)] : [new(participant, conference)];
        }
    }

    private static (DateTimeOffset Start, DateTimeOffset End) SessionTimes(CallRecordHeader call, int index, SeededRandom random)
    {
        if (call.Kind != CallKind.GroupCall)
        {
            return (call.Start, call.End);
        }

        // The organizer opens the meeting; others join in its first third (rejoins in its second half) and leave before it ends.
        var length = call.End - call.Start;
        var rejoin = index >= call.Participants.Length;
        var offset = index == 0 ? TimeSpan.Zero : length * ((rejoin ? 0.5 : 0) + (random.NextDouble() * 0.3));
        var start = call.Start + offset;
        var end = index == 0 ? call.End : start + ((call.End - start) * (0.4 + (random.NextDouble() * 0.6)));
        return (start, end);
    }

    private static void WriteSegment(Utf8JsonWriter w, Leg leg, string[] modalities, DateTimeOffset start, DateTimeOffset end, SeededRandom random, bool deprecated, bool failed, bool traceRoutes)
    {
        w.WriteStartObject();
        w.WriteString("id", random.NextGuid());
        w.WriteInstant("startDateTime", start);
        w.WriteInstant("endDateTime", end);
        w.WritePropertyName("caller");
        WriteEndpoint(w, leg.Caller, random, deprecated, withFeedback: false);
        w.WritePropertyName("callee");
        WriteEndpoint(w, leg.Callee, random, deprecated, withFeedback: false);
        WriteFailure(w, failed, random);
        w.WriteStartArray("media");
        foreach (var modality in modalities)
        {
            var (label, kind) = modality switch
            {
                "audio" => ("main-audio", StreamKind.Audio),
                "video" => ("main-video", StreamKind.Video),
                "videoBasedScreenSharing" => ("main-vbss", StreamKind.ScreenSharing),
                "screenSharing" => ("applicationsharing-video", StreamKind.ScreenSharing),
                _ => ("data", StreamKind.Data),
            };
            WriteMedia(w, label, kind, leg, start, end, random, traceRoutes);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMedia(Utf8JsonWriter w, string label, StreamKind kind, Leg leg, DateTimeOffset start, DateTimeOffset end, SeededRandom random, bool traceRoutes)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WritePropertyName("callerNetwork");
        WriteNetwork(w, leg.Caller, random, traceRoutes);
        w.WritePropertyName("calleeNetwork");
        WriteNetwork(w, leg.Callee, random, traceRoutes);
        w.WritePropertyName("callerDevice");
        WriteDevice(w, leg.Caller, random);
        w.WritePropertyName("calleeDevice");
        WriteDevice(w, leg.Callee, random);
        w.WriteStartArray("streams");

        // A stream is as good as the worse network of its two ends.
        var network = (NetworkKind)Math.Max((int)leg.Caller.Network, (int)leg.Callee.Network);
        var pstnLeg = leg.Caller.IsPhone || leg.Callee.IsPhone;
        WriteStream(w, kind, "callerToCallee", network, pstnLeg, start, end, random);
        WriteStream(w, kind, "calleeToCaller", network, pstnLeg, start, end, random);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// One stream's metrics, drawn for its network: wired is good, Wi-Fi worse, mobile worst. Some streams are made
    /// poor on purpose by exactly one of the Call Quality Dashboard's rules (audio: packet utilization over the
    /// floor and round trip over 500 ms, loss over 0.1 or jitter over 30 ms; video and screen sharing: the first
    /// available of frame loss over 50%, frame rate under 7 (2 for screen sharing), post-FEC loss over 0.15). Others
    /// lack the metrics or the packets to be classified at all. A share sits on a threshold, one step (the payload's
    /// precision) below or one above it, so a judge that takes "equal" for poor, or a floor for its neighbour, is
    /// caught; and some video is bad by a later metric while the first one present says good.
    /// </summary>
    private static void WriteStream(Utf8JsonWriter w, StreamKind kind, string direction, NetworkKind network, bool pstnLeg, DateTimeOffset start, DateTimeOffset end, SeededRandom random)
    {
        var unmeasured = kind == StreamKind.Data || random.Chance(0.03);
        var fewPackets = !unmeasured && random.Chance(0.06);
        var edge = !unmeasured && !fewPackets && random.Chance(EdgeShare) ? random.Next(0, 4) : (int?)null;
        var step = edge is null ? 0 : random.Next(-1, 2);
        var poor = edge is null && !unmeasured && !fewPackets && random.Chance(network switch { NetworkKind.Mobile => 0.35, NetworkKind.Wifi => 0.16, _ => 0.04 });
        var (roundTrip, jitter, loss) = network switch
        {
            NetworkKind.Mobile => (random.Next(60, 400), random.Next(8, 28), random.NextDouble() * 0.07),
            NetworkKind.Wifi => (random.Next(25, 250), random.Next(3, 22), random.NextDouble() * 0.04),
            _ => (random.Next(8, 90), random.Next(1, 9), random.NextDouble() * 0.01),
        };
        if (poor && kind == StreamKind.Audio)
        {
            switch (random.Next(0, 3))
            {
                case 0: roundTrip = random.Next(501, 1500); break;
                case 1: jitter = random.Next(31, 120); break;
                default: loss = 0.11 + (random.NextDouble() * 0.25); break;
            }
        }

        long? packets = kind == StreamKind.Data ? random.Next(50, 400) : unmeasured ? null : fewPackets ? random.Next(5, 400) : random.Next(1000, 90_000);
        if (kind == StreamKind.Audio && edge is { } audioEdge)
        {
            // On the current rules' packet floor (500) and thresholds, or one step of the payload's precision off them.
            switch (audioEdge)
            {
                case 0: packets = 500 + step; break;
                case 1: roundTrip = 500 + step; break;
                case 2: jitter = 30 + step; break;
                default: loss = 0.1 + (step * 0.0001); break;
            }
        }

        w.WriteStartObject();
        w.WriteString("streamId", random.Digits(10));
        w.WriteString("streamDirection", direction);
        w.WriteInstant("startDateTime", start);
        w.WriteInstant("endDateTime", end);
        var audio = kind == StreamKind.Audio;
        w.WriteString("audioCodec", !audio ? null : pstnLeg ? random.Pick(["pcmu", "pcma", "g722"]) : random.Pick(["satin", "satin", "opus", "opus", "silkWide", "g722"]));
        w.WriteString("videoCodec", kind is StreamKind.Video or StreamKind.ScreenSharing ? random.Pick(["h264", "h264", "h264", "av1", "xrtvc1"]) : null);
        w.WriteRatio("averageAudioDegradation", audio && random.Chance(0.5) ? (poor ? 1 + (random.NextDouble() * 1.5) : random.NextDouble() * 0.6) : null);
        var measured = !unmeasured;
        w.WriteDuration("averageAudioNetworkJitter", audio && measured ? jitter * 1.1 : null);
        w.WriteDuration("maxAudioNetworkJitter", audio && measured ? (jitter * 2) + random.Next(0, 30) : null);
        w.WriteDuration("averageJitter", measured ? jitter : null);
        w.WriteDuration("maxJitter", measured ? (jitter * 2) + random.Next(0, 40) : null);
        w.WriteDuration("averageRoundTripTime", measured ? roundTrip : null);
        w.WriteDuration("maxRoundTripTime", measured ? roundTrip + random.Next(10, 400) : null);
        w.WriteRatio("averagePacketLossRate", measured ? loss : null);
        w.WriteRatio("maxPacketLossRate", measured ? Math.Min(1, (loss * 3) + (random.NextDouble() * 0.02)) : null);
        w.WriteRatio("averageRatioOfConcealedSamples", audio && measured ? random.NextDouble() * (poor ? 0.15 : 0.03) : null);
        w.WriteRatio("maxRatioOfConcealedSamples", audio && measured ? random.NextDouble() * 0.3 : null);
        w.WriteNumberOrNull("averageBandwidthEstimate", measured ? network switch
        {
            NetworkKind.Mobile => random.Next(500_000, 10_000_000),
            NetworkKind.Wifi => random.Next(2_000_000, 50_000_000),
            _ => random.Next(10_000_000, 100_000_000),
        } : null);
        w.WriteNumberOrNull("packetUtilization", packets);
        if (audio || kind == StreamKind.Data)
        {
            foreach (var name in new[] { "averageReceivedFrameRate", "averageVideoFrameRate", "averageVideoFrameLossPercentage", "averageVideoPacketLossRate", "lowFrameRateRatio", "lowVideoProcessingCapabilityRatio", "postForwardErrorCorrectionPacketLossRate" })
            {
                w.WriteNull(name);
            }

            w.WriteNull("averageFreezeDuration");
            w.WriteNull("rmsFreezeDuration");
        }
        else
        {
            WriteVideoMetrics(w, kind == StreamKind.ScreenSharing, poor, unmeasured || fewPackets, edge, step, random);
        }

        if (audio)
        {
            w.WriteBoolean("isAudioForwardErrorCorrectionUsed", random.Chance(0.3));
        }
        else
        {
            w.WriteNull("isAudioForwardErrorCorrectionUsed");
        }

        w.WriteBoolean("wasMediaBypassed", pstnLeg && random.Chance(0.4));
        w.WriteEndObject();
    }

    private static void WriteVideoMetrics(Utf8JsonWriter w, bool screen, bool poor, bool unclassifiable, int? edge, int step, SeededRandom random)
    {
        var floor = screen ? 2.0 : 7.0;
        double? frameLoss = !unclassifiable && random.Chance(0.4) ? random.NextDouble() * 20 : null;
        double? frameRate = !unclassifiable && random.Chance(0.95) ? floor + 0.5 + (random.NextDouble() * (screen ? 12 : 23)) : null;
        double? postFec = !unclassifiable ? random.NextDouble() * 0.05 : null;
        switch (edge)
        {
            // Each rule decides only when the ones before it have no metric.
            case 0: frameLoss = 50 + (step * 0.0001); break;
            case 1: (frameLoss, frameRate) = (null, floor - (step * 0.0001)); break;
            case 2: (frameLoss, frameRate, postFec) = (null, null, 0.15 + (step * 0.0001)); break;
            case 3: (frameLoss, frameRate) = (random.NextDouble() * 20, floor * 0.5); break; // bad frame rate, but frame loss decides: good
        }

        // Poor by the first metric the ordered rule looks at, so the verdict is the one intended.
        if (poor && frameLoss is not null)
        {
            frameLoss = 51 + (random.NextDouble() * 35);
        }
        else if (poor && frameRate is not null)
        {
            frameRate = floor * random.NextDouble() * 0.95;
        }
        else if (poor && postFec is not null)
        {
            postFec = 0.16 + (random.NextDouble() * 0.3);
        }

        w.WriteRatio("averageReceivedFrameRate", frameRate is { } received ? received * 0.97 : null);
        w.WriteRatio("averageVideoFrameRate", frameRate);
        w.WriteRatio("averageVideoFrameLossPercentage", frameLoss);
        w.WriteRatio("averageVideoPacketLossRate", unclassifiable ? null : random.NextDouble() * 0.05);
        w.WriteRatio("lowFrameRateRatio", unclassifiable ? null : poor ? 0.3 + (random.NextDouble() * 0.5) : random.NextDouble() * 0.05);
        w.WriteRatio("lowVideoProcessingCapabilityRatio", unclassifiable ? null : random.NextDouble() * 0.1);
        w.WriteRatio("postForwardErrorCorrectionPacketLossRate", postFec);
        w.WriteDuration("averageFreezeDuration", unclassifiable ? null : poor ? random.Next(200, 2000) : random.Next(0, 100));
        w.WriteDuration("rmsFreezeDuration", unclassifiable ? null : poor ? random.Next(300, 2500) : random.Next(0, 150));
    }

    private static void WriteNetwork(Utf8JsonWriter w, CallEndpoint endpoint, SeededRandom random, bool traceRoutes)
    {
        var person = endpoint.Person;
        var traits = person?.Traits ?? SeededRandom.Hash(endpoint.Role!);
        var client = person is not null && !endpoint.IsPhone;
        var type = endpoint.Network;
        var wifi = type == NetworkKind.Wifi;
        var site = (int)(traits % 40);
        w.WriteStartObject();
        w.WriteString("connectionType", type switch { NetworkKind.Wifi => "wifi", NetworkKind.Mobile => "mobile", _ => "wired" });
        w.WriteString("wifiBand", wifi ? (traits % 3 == 0 ? "frequency24GHz" : "frequency50GHz") : "unknown");
        w.WriteString("wifiRadioType", wifi ? (traits % 2 == 0 ? "wifi80211ac" : "wifi80211ax") : "unknown");
        w.WriteNumberOrNull("wifiSignalStrength", wifi ? random.Next(traits % 3 == 0 ? 20 : 45, 100) : null);
        w.WriteNumberOrNull("wifiChannel", wifi ? (traits % 3 == 0 ? 6 : 36 + (4 * (int)(traits % 8))) : null);
        w.WriteNumberOrNull("wifiBatteryCharge", wifi ? random.Next(10, 101) : null);
        w.WriteString("wifiMicrosoftDriver", wifi ? "Microsoft" : null);
        w.WriteString("wifiMicrosoftDriverVersion", wifi ? "10.0.22621.1" : null);
        w.WriteString("wifiVendorDriver", wifi ? "Intel(R) Wi-Fi 6E AX211 160MHz" : null);
        w.WriteString("wifiVendorDriverVersion", wifi ? "22.250.1.2" : null);
        w.WriteString("basicServiceSetIdentifier", wifi ? $"00:1a:2b:{traits % 256:x2}:{(traits >> 8) % 256:x2}:{(traits >> 16) % 256:x2}" : null);
        if (client)
        {
            var octet = 10 + (int)((traits >> 24) % 200);
            w.WriteString("ipAddress", type == NetworkKind.Mobile ? $"100.64.{site}.{octet}" : $"10.{site}.{(traits >> 32) % 16}.{octet}");
            w.WriteString("subnet", type == NetworkKind.Mobile ? $"100.64.{site}.0" : $"10.{site}.{(traits >> 32) % 16}.0");
            w.WriteString("reflexiveIPAddress", $"203.0.113.{(traits >> 40) % 250}");
            w.WriteString("relayIPAddress", $"52.115.{random.Next(0, 255)}.{random.Next(1, 255)}");
            w.WriteNumber("relayPort", random.Next(3478, 3482));
            w.WriteNumber("port", random.Next(50_000, 50_060));
            w.WriteString("macAddress", traits % 5 == 0 ? "02:00:00:00:00:00" : $"3c:22:fb:{traits % 256:x2}:{(traits >> 8) % 256:x2}:{(traits >> 48) % 256:x2}");
            w.WriteString("dnsSuffix", type == NetworkKind.Mobile ? null : "corp.contoso.com");
        }
        else
        {
            // Microsoft's media servers and gateways: public addresses, no relay.
            w.WriteString("ipAddress", $"52.114.{site}.{random.Next(1, 255)}");
            w.WriteString("subnet", $"52.114.{site}.0");
            w.WriteNull("reflexiveIPAddress");
            w.WriteNull("relayIPAddress");
            w.WriteNull("relayPort");
            w.WriteNumber("port", random.Next(3478, 3482));
            w.WriteNull("macAddress");
            w.WriteNull("dnsSuffix");
        }

        w.WriteString("networkTransportProtocol", random.Chance(0.95) ? "udp" : "tcp");
        w.WriteNumber("linkSpeed", type switch { NetworkKind.Wifi => traits % 2 == 0 ? 4294967295L : 866_700_000L, NetworkKind.Mobile => 50_000_000L, _ => 1_000_000_000L });
        var troubled = type != NetworkKind.Wired;
        w.WriteRatio("bandwidthLowEventRatio", troubled ? random.NextDouble() * 0.05 : 0);
        w.WriteRatio("delayEventRatio", troubled ? random.NextDouble() * 0.05 : 0);
        w.WriteRatio("receivedQualityEventRatio", troubled ? random.NextDouble() * 0.08 : 0);
        w.WriteRatio("sentQualityEventRatio", troubled ? random.NextDouble() * 0.08 : 0);

        // Always empty unless Microsoft support turns trace routes on for the tenant; then a client's path to its relay.
        w.WriteStartArray("traceRouteHops");
        if (traceRoutes && client)
        {
            var hops = 3 + (int)(traits % 5);
            for (var hop = 1; hop <= hops; hop++)
            {
                w.WriteStartObject();
                w.WriteNumber("hopCount", hop);
                w.WriteString("ipAddress", hop == 1 ? $"10.{site}.0.1" : $"198.51.100.{(hop * 17) + (int)(traits % 13)}");
                w.WriteDuration("roundTripTime", (hop * 4) + random.Next(0, 8));
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter w, CallEndpoint endpoint, SeededRandom random)
    {
        w.WriteStartObject();
        if (endpoint.Person is { Kind: not PersonKind.Phone } person)
        {
            var device = s_devices[person.Traits % (ulong)s_devices.Length];
            w.WriteString("captureDeviceName", device.Capture);
            w.WriteString("captureDeviceDriver", device.Driver);
            w.WriteString("renderDeviceName", device.Render);
            w.WriteString("renderDeviceDriver", device.Driver);
            w.WriteRatio("captureNotFunctioningEventRatio", 0);
            w.WriteRatio("cpuInsufficentEventRatio", random.Chance(0.1) ? random.NextDouble() * 0.2 : 0);
            w.WriteRatio("deviceClippingEventRatio", random.Chance(0.1) ? random.NextDouble() * 0.1 : 0);
            w.WriteRatio("deviceGlitchEventRatio", random.Chance(0.1) ? random.NextDouble() * 0.1 : 0);
            w.WriteNumber("howlingEventCount", random.Chance(0.02) ? random.Next(1, 4) : 0);
            w.WriteRatio("initialSignalLevelRootMeanSquare", random.NextDouble() * 200);
            w.WriteRatio("lowSpeechLevelEventRatio", random.NextDouble() * 0.05);
            w.WriteRatio("lowSpeechToNoiseEventRatio", random.NextDouble() * 0.05);
            w.WriteRatio("micGlitchRate", random.NextDouble() * 10);
            w.WriteNumber("receivedNoiseLevel", -random.Next(60, 90));
            w.WriteNumber("receivedSignalLevel", -random.Next(5, 30));
            w.WriteRatio("renderMuteEventRatio", 0);
            w.WriteRatio("renderNotFunctioningEventRatio", 0);
            w.WriteRatio("renderZeroVolumeEventRatio", 0);
            w.WriteNumber("sentNoiseLevel", -random.Next(60, 90));
            w.WriteNumber("sentSignalLevel", -random.Next(5, 30));
            w.WriteRatio("speakerGlitchRate", random.NextDouble() * 10);
        }
        else
        {
            // Servers and phones report no devices.
            foreach (var name in new[] { "captureDeviceName", "captureDeviceDriver", "renderDeviceName", "renderDeviceDriver" })
            {
                w.WriteNull(name);
            }
        }

        w.WriteEndObject();
    }

    private static void WriteFailure(Utf8JsonWriter w, bool failed, SeededRandom random)
    {
        if (!failed)
        {
            w.WriteNull("failureInfo");
            return;
        }

        w.WriteStartObject("failureInfo");
        w.WriteString("stage", random.Chance(0.5) ? "callSetup" : "midcall");
        w.WriteString("reason", random.Pick(s_failureReasons));
        w.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter w, CallEndpoint endpoint, SeededRandom random, bool deprecated, bool withFeedback)
    {
        w.WriteStartObject();
        if (endpoint.Person is not { } person)
        {
            w.WriteString("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint");
            w.WriteStartObject("userAgent");
            w.WriteString("@odata.type", "#microsoft.graph.callRecords.serviceUserAgent");
            w.WriteString("headerValue", endpoint.Role == "mediationServer" ? "RTCC/2025.7.1.3 MediationServer" : "RTCC/2025.7.1.3 (AVMCU)");
            w.WriteString("applicationVersion", "2025.7.1.3");
            w.WriteString("role", endpoint.Role);
            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }

        var phone = person.Kind == PersonKind.Phone;
        w.WriteString("@odata.type", "#microsoft.graph.callRecords.participantEndpoint");
        w.WriteString("name", phone ? null : $"machineName_{person.Traits % 1000}");
        w.WriteString("cpuName", phone ? null : s_cpus[person.Traits % (ulong)s_cpus.Length]);
        w.WriteNumberOrNull("cpuCoresCount", phone ? null : 4 << (int)(person.Traits % 3));
        w.WriteNumberOrNull("cpuProcessorSpeedInMhz", phone ? null : 1800 + (int)(person.Traits % 1400));
        WriteClientUserAgent(w, person, random);
        w.WriteStartObject("associatedIdentity");
        w.WriteString("id", person.Id);
        w.WriteString("displayName", person.DisplayName);
        w.WriteString("tenantId", person.TenantId);
        w.WriteString("userPrincipalName", person.UserPrincipalName);
        w.WriteEndObject();
        if (deprecated)
        {
            w.WritePropertyName("identity");
            WriteIdentitySet(w, person);
        }

        if (withFeedback && !phone)
        {
            var rating = random.Pick(s_feedbackRatings);
            var unhappy = rating is "bad" or "poor";
            w.WriteStartObject("feedback");
            w.WriteString("rating", rating);
            w.WriteString("text", unhappy ? random.Pick(["I could not hear the others", "Robotic voice for a minute", "Echo from the room"]) : null);
            w.WriteStartObject("tokens");
            foreach (var token in s_feedbackTokens)
            {
                w.WriteBoolean(token, unhappy && random.Chance(0.3));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteClientUserAgent(Utf8JsonWriter w, Person person, SeededRandom random)
    {
        w.WriteStartObject("userAgent");
        w.WriteString("@odata.type", "#microsoft.graph.callRecords.clientUserAgent");
        if (person.Kind == PersonKind.Phone)
        {
            w.WriteNull("headerValue");
            w.WriteNull("applicationVersion");
            w.WriteString("platform", "unknown");
            w.WriteString("productFamily", "unknown");
        }
        else
        {
            var (platform, label) = s_platforms[(person.Traits >> 8) % (ulong)s_platforms.Length];
            var version = $"25{(person.Traits >> 16) % 90 + 10}.{(person.Traits >> 24) % 3000 + 1000}.{(person.Traits >> 32) % 4000 + 1000}.{(person.Traits >> 40) % 4000}";
            var skype = (person.Traits >> 48) % 30 == 0;
            w.WriteString("headerValue", skype ? $"UCCAPI/16.0.{(person.Traits >> 16) % 20000} OC/16.0.{(person.Traits >> 16) % 20000} (Skype for Business)" : $"RTCC/2025.{(person.Traits >> 20) % 12}.1.{(person.Traits >> 28) % 40} Teams/{version} ({label})");
            w.WriteString("applicationVersion", version);

            // Now and then a value newer than the client's enum, as Graph sends when it adds members.
            w.WriteString("platform", random.Chance(0.01) ? "unknownFutureValue" : platform);

            // Some people call from an app built on Azure Communication Services: a family Graph added after
            // unknownFutureValue, which JsonResponse sends as such unless the request asked for it by name.
            var acs = !skype && person.Kind == PersonKind.User && (person.Traits >> 52) % 25 == 0;
            w.WriteString("productFamily", acs ? "azureCommunicationServices" : skype ? "skypeForBusiness" : "teams");
            w.WriteString("azureADAppId", acs ? SeededRandom.GuidOf(person.Traits ^ 0xA11CE) : null);
            w.WriteString("communicationServiceId", acs ? SeededRandom.GuidOf(person.Traits ^ 0xAC5) : null);
            w.WriteEndObject();
            return;
        }

        w.WriteNull("azureADAppId");
        w.WriteNull("communicationServiceId");
        w.WriteEndObject();
    }

    /// <summary>The deprecated graph.identitySet shape: only the member that applies.</summary>
    private static void WriteIdentitySet(Utf8JsonWriter w, Person person)
    {
        w.WriteStartObject();
        w.WriteStartObject(IdentityMember(person));
        w.WriteString("id", person.Id);
        w.WriteString("displayName", person.DisplayName);
        w.WriteString("tenantId", person.TenantId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The communicationsIdentitySet of organizer_v2 and participants_v2, with the sibling nulls the docs show.</summary>
    private static void WriteCommunicationsIdentitySet(Utf8JsonWriter w, Person person)
    {
        var member = IdentityMember(person);
        w.WriteStartObject();
        foreach (var name in new[] { "user", "acsUser", "spoolUser", "phone", "guest" })
        {
            if (name != member)
            {
                w.WriteNull(name);
                continue;
            }

            w.WriteStartObject(name);
            w.WriteString("id", person.Id);
            w.WriteString("displayName", person.DisplayName);
            w.WriteString("tenantId", person.TenantId);
            if (person.UserPrincipalName is not null)
            {
                w.WriteString("userPrincipalName", person.UserPrincipalName);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static string IdentityMember(Person person) => person.Kind switch
    {
        PersonKind.Phone => "phone",
        PersonKind.Guest => "guest",
        _ => "user",
    };

    /// <summary>The administrative units a person belongs to: one of three for a quarter of the users, none for others.</summary>
    public static IReadOnlyList<string> AdministrativeUnitIds(Person person) =>
        person.Kind == PersonKind.User && person.Traits % 4 == 0
            ? ["5f1a3b6c-0000-4000-8000-00000000000" + (person.Traits % 3).ToString(CultureInfo.InvariantCulture)]
            : [];

    /// <summary>One end of a segment: a person's client or phone, or one of Microsoft's servers in a role.</summary>
    private readonly record struct CallEndpoint(Person? Person, string? Role)
    {
        public CallEndpoint(Person person)
            : this(person, null)
        {
        }

        public bool IsPhone => Person?.Kind == PersonKind.Phone;

        public NetworkKind Network => Person?.Network ?? NetworkKind.Wired;

        public static CallEndpoint Service(string role) => new(null, role);
    }

    private readonly record struct Leg(CallEndpoint Caller, CallEndpoint Callee);
}
