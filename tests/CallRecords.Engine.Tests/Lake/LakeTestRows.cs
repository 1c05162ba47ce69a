using System;
using System.Collections.Generic;
using System.Globalization;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>
/// Rows made in-process, alike from one seed: media streams with both endpoints filled as Graph fills them (poor ones
/// with their reasons, some with trace routes), PSTN rows with charges, call records with versions. The Parquet
/// benchmark (bench/ParquetBench) builds its million rows with this too.
/// </summary>
public static class LakeTestRows
{
    private static readonly string[] s_mediaTypes = { "audio", "video", "videoBasedScreenSharing" };
    private static readonly string[] s_platforms = { "windows", "macOS", "iOS", "android", "web" };
    private static readonly string[] s_networks = { "wifi", "wired", "mobile" };

    /// <summary>Media streams of <paramref name="tenants"/> from <paramref name="from"/> on, one every <paramref name="step"/>.</summary>
    public static IEnumerable<CallRecordMediaStream> MediaStreams(int count, DateTimeOffset from, TimeSpan step, int seed = 1, params string[] tenants)
    {
        var random = new Random(seed);
        tenants = tenants.Length == 0 ? new[] { "11111111-1111-4111-8111-111111111111" } : tenants;
        for (var i = 0; i < count; i++)
        {
            var start = from + step * i;
            var poor = random.Next(5) == 0;
            var record = $"{seed:x4}0000-0000-4000-8000-{i / 4:x12}";
            var stream = new CallRecordMediaStream
            {
                TenantId = tenants[i % tenants.Length],
                CallRecordId = record,
                SessionId = $"{seed:x4}0000-0000-4000-9000-{i / 2:x12}",
                SegmentId = $"{seed:x4}0000-0000-4000-a000-{i / 2:x12}",
                MediaLabel = "main-audio",
                MediaType = s_mediaTypes[random.Next(s_mediaTypes.Length)],
                StreamId = (i % 4).ToString(CultureInfo.InvariantCulture),
                StreamDirection = i % 2 == 0 ? "callerToCallee" : "calleeToCaller",
                StartDateTime = start,
                EndDateTime = start.AddMinutes(random.Next(1, 60)),
                Caller = Endpoint(random, i),
                CallerNetwork = Network(random, i),
                CallerDevice = new DeviceInfo { CaptureDeviceName = "Microphone (Jabra Evolve2 65)", RenderDeviceName = "Speakers (Jabra Evolve2 65)", CaptureDeviceDriver = "Microsoft: 10.0.22621.1" },
                Callee = Endpoint(random, i + 1),
                CalleeNetwork = Network(random, i + 1),
                CalleeDevice = new DeviceInfo { CaptureDeviceName = "MacBook Pro Microphone", RenderDeviceName = "MacBook Pro Speakers" },
                AudioCodec = "SATIN",
                AverageAudioDegradation = Math.Round(random.NextDouble() * 2, 2),
                AverageJitterMs = random.Next(1, 60),
                MaxJitterMs = random.Next(60, 120),
                AverageRoundTripTimeMs = random.Next(10, 600),
                MaxRoundTripTimeMs = random.Next(600, 900),
                AveragePacketLossRate = Math.Round(random.NextDouble() * 0.2, 4),
                MaxPacketLossRate = Math.Round(random.NextDouble() * 0.3, 4),
                AverageBandwidthEstimate = random.Next(50_000, 5_000_000),
                PacketUtilization = random.Next(100, 100_000),
                AverageRatioOfConcealedSamples = Math.Round(random.NextDouble() * 0.1, 4),
                IsAudioForwardErrorCorrectionUsed = i % 3 == 0 ? null : i % 3 == 1,
                WasMediaBypassed = false,
            };
            stream.Quality = poor ? StreamQuality.Poor : random.Next(10) == 0 ? StreamQuality.Unclassified : StreamQuality.Good;
            stream.QualityRuleSet = QualityRuleSet.Current;
            stream.PoorReasons = new ValueList<PoorReason>(
                poor ? new[] { new PoorReason(QualityRule.Jitter, stream.AverageJitterMs, 30), new PoorReason(QualityRule.RoundTrip, stream.AverageRoundTripTimeMs, 500) } : Array.Empty<PoorReason>(),
                "; ");
            yield return stream;
        }
    }

    /// <summary>PSTN rows with charges of up to four decimals, some without a charge.</summary>
    public static IEnumerable<PstnCallLogRow> PstnCalls(int count, DateTimeOffset from, TimeSpan step, int seed = 2, string tenant = "11111111-1111-4111-8111-111111111111")
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var start = from + step * i;
            yield return new PstnCallLogRow
            {
                TenantId = tenant,
                Id = $"pstn-{seed}-{i}",
                CallId = $"call-{i}",
                UserPrincipalName = $"user{i % 40}@contoso.com",
                StartDateTime = start,
                EndDateTime = start.AddSeconds(random.Next(10, 3600)),
                Duration = random.Next(10, 3600),
                Charge = i % 7 == 0 ? null : random.Next(0, 100_000) / 10_000m,
                ConnectionCharge = 0.0123m,
                Currency = "EUR",
                CallType = i % 2 == 0 ? "user_out" : "user_in",
                DestinationContext = i % 5 == 0 ? "International" : "Domestic",
            };
        }
    }

    /// <summary>Call records, every <paramref name="version"/>, from <paramref name="from"/> on, one an hour.</summary>
    public static IEnumerable<CallRecord> CallRecords(int count, DateTimeOffset from, long version, string tenant = "11111111-1111-4111-8111-111111111111")
    {
        for (var i = 0; i < count; i++)
        {
            yield return new CallRecord
            {
                TenantId = tenant,
                Id = $"record-{i}",
                Version = version,
                Type = "groupCall",
                Modalities = new ValueList<string>(i % 4 == 0 ? Array.Empty<string>() : new[] { "audio", "video" }),
                StartDateTime = from.AddHours(i),
                EndDateTime = from.AddHours(i).AddMinutes(30),
                LastModifiedDateTime = from.AddHours(i).AddMinutes(40 + version),
                OrganizerId = $"organizer-{i % 3}",
            };
        }
    }

    private static CallEndpoint Endpoint(Random random, int i) => new()
    {
        Id = $"aaaaaaaa-0000-4000-8000-{i % 500:x12}",
        DisplayName = $"User {i % 500}",
        UserPrincipalName = $"user{i % 500}@contoso.com",
        TenantId = "11111111-1111-4111-8111-111111111111",
        IdentityType = "user",
        EndpointType = "default",
        Platform = s_platforms[random.Next(s_platforms.Length)],
        ProductFamily = "teams",
        Role = i % 2 == 0 ? "caller" : "callee",
        UserAgentHeader = "RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidAnywhere/6.2.0.0 (Android 11)",
        ApplicationVersion = "1.6.00.4464",
        CpuName = "Intel(R) Core(TM) i7-1185G7 @ 3.00GHz",
        CpuCoresCount = 8,
        CpuProcessorSpeedInMhz = 2995,
    };

    private static NetworkInfo Network(Random random, int i) => new()
    {
        ConnectionType = s_networks[random.Next(s_networks.Length)],
        WifiBand = "frequency50GHz",
        WifiSignalStrength = random.Next(30, 100),
        Subnet = $"10.{i % 7}.{i % 13}.0",
        IPAddress = $"10.{i % 7}.{i % 13}.{i % 250}",
        ReflexiveIPAddress = $"203.0.113.{i % 250}",
        RelayIPAddress = "52.114.0.1",
        RelayPort = 3478,
        NetworkTransportProtocol = "udp",
        LinkSpeed = 866_000_000,
        TraceRouteHops = new ValueList<TraceRouteHop>(
            i % 10 == 0 ? new[] { new TraceRouteHop { HopCount = 1, IPAddress = "10.0.0.1", RoundTripTimeMs = 1.5 }, new TraceRouteHop { HopCount = 2, IPAddress = null, RoundTripTimeMs = 12 } } : Array.Empty<TraceRouteHop>()),
    };
}
