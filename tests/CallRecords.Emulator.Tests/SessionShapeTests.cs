using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>
/// Reads every session of one day's records (segments, media and streams included) and checks them against the
/// documented shapes and the quality mix the module's classifier is tested with.
/// </summary>
public sealed class SessionShapeTests : IClassFixture<SessionShapeTests.OneDayOfSessions>
{
    private readonly OneDayOfSessions _day;

    public SessionShapeTests(OneDayOfSessions day) => _day = day;

    private IEnumerable<JsonElement> Segments => _day.Sessions.SelectMany(s => s.Session.GetProperty("segments").EnumerateArray());

    private IEnumerable<JsonElement> Media => Segments.SelectMany(s => s.GetProperty("media").EnumerateArray());

    private IEnumerable<JsonElement> Endpoints => _day.Sessions.SelectMany(s => new[] { s.Session.GetProperty("caller"), s.Session.GetProperty("callee") })
        .Concat(Segments.SelectMany(s => new[] { s.GetProperty("caller"), s.GetProperty("callee") }));

    [Fact]
    public void Audio_streams_are_poor_by_the_CQD_rule_in_a_known_share_and_some_cannot_be_classified()
    {
        var audio = Media.Where(m => m.GetProperty("label").GetString() == "main-audio").SelectMany(m => m.GetProperty("streams").EnumerateArray()).ToList();

        var poor = audio.Count(s => IsPoorAudio(s, floor: 500));
        var unclassified = audio.Count(s => s.GetProperty("averageRoundTripTime").ValueKind == JsonValueKind.Null || !(Number(s, "packetUtilization") > 500));
        var share = (double)poor / audio.Count;

        Assert.True(share is >= 0.05 and <= 0.15, $"{poor} of {audio.Count} audio streams are poor ({share:P1})");
        Assert.Equal(poor, audio.Count(s => IsPoorAudio(s, floor: 1000)));
        Assert.InRange((double)unclassified / audio.Count, 0.03, 0.2);
    }

    [Fact]
    public void Some_streams_sit_on_each_threshold_and_one_step_either_side_of_it()
    {
        var streams = Media.SelectMany(m => m.GetProperty("streams").EnumerateArray()).ToList();
        double? Value(JsonElement stream, string name) => stream.GetProperty(name) switch
        {
            { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
            { ValueKind: JsonValueKind.String } text => System.Xml.XmlConvert.ToTimeSpan(text.GetString()!).TotalMilliseconds,
            _ => null,
        };

        foreach (var (name, threshold, step) in new[]
        {
            ("packetUtilization", 500.0, 1.0), ("averageRoundTripTime", 500, 1), ("averageJitter", 30, 1), ("averagePacketLossRate", 0.1, 0.0001),
            ("averageVideoFrameLossPercentage", 50, 0.0001), ("averageVideoFrameRate", 7, 0.0001), ("postForwardErrorCorrectionPacketLossRate", 0.15, 0.0001),
        })
        {
            foreach (var offset in new[] { -step, 0, step })
            {
                Assert.True(streams.Any(s => Value(s, name) is { } v && Math.Abs(v - (threshold + offset)) < step / 10), $"no stream has {name} = {threshold + offset}");
            }
        }
    }

    [Fact]
    public void Network_types_give_better_audio_on_wired_than_on_wifi_than_on_mobile()
    {
        var byNetwork = Media.Where(m => m.GetProperty("label").GetString() == "main-audio")
            .GroupBy(m => WorseNetwork(m.GetProperty("callerNetwork"), m.GetProperty("calleeNetwork")))
            .ToDictionary(g => g.Key, g =>
            {
                var streams = g.SelectMany(m => m.GetProperty("streams").EnumerateArray()).ToList();
                return (double)streams.Count(s => IsPoorAudio(s, 500)) / streams.Count;
            });

        Assert.True(byNetwork["wired"] < byNetwork["wifi"], $"wired {byNetwork["wired"]:P1}, wifi {byNetwork["wifi"]:P1}");
        Assert.True(byNetwork["wifi"] < byNetwork["mobile"], $"wifi {byNetwork["wifi"]:P1}, mobile {byNetwork["mobile"]:P1}");
    }

    [Fact]
    public void Endpoints_and_user_agents_carry_their_documented_odata_types()
    {
        Assert.All(Endpoints, endpoint =>
        {
            var type = endpoint.GetProperty("@odata.type").GetString();
            var agent = endpoint.GetProperty("userAgent").GetProperty("@odata.type").GetString();
            if (type == "#microsoft.graph.callRecords.participantEndpoint")
            {
                Assert.Equal("#microsoft.graph.callRecords.clientUserAgent", agent);
                Assert.True(endpoint.TryGetProperty("associatedIdentity", out _));
            }
            else
            {
                Assert.Equal("#microsoft.graph.callRecords.serviceEndpoint", type);
                Assert.Equal("#microsoft.graph.callRecords.serviceUserAgent", agent);
            }
        });
        var roles = Endpoints.Select(e => e.GetProperty("userAgent")).Where(a => a.TryGetProperty("role", out _)).Select(a => a.GetProperty("role").GetString()).Distinct();
        Assert.Equal(["mediationServer", "skypeForBusinessAudioVideoMcu"], roles.Order());
        var users = Endpoints.Where(e => e.TryGetProperty("cpuName", out var cpu) && cpu.ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(users);
        Assert.All(users, e => Assert.EndsWith("@contoso.com", e.GetProperty("associatedIdentity").GetProperty("userPrincipalName").GetString() ?? "@contoso.com"));
        Assert.Contains(users, e => e.TryGetProperty("identity", out _));
        Assert.Contains(users, e => !e.TryGetProperty("identity", out _));
    }

    [Fact]
    public void Sessions_include_feedback_failures_test_calls_future_values_and_unknown_properties()
    {
        var sessions = _day.Sessions.Select(s => s.Session).ToList();

        var feedback = sessions.Select(s => s.GetProperty("caller")).Where(c => c.TryGetProperty("feedback", out _)).Select(c => c.GetProperty("feedback")).ToList();
        Assert.NotEmpty(feedback);
        Assert.All(feedback, f => Assert.All(f.GetProperty("tokens").EnumerateObject(), t => Assert.True(t.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)));
        var failures = sessions.Select(s => s.GetProperty("failureInfo")).Where(f => f.ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Contains(f.GetProperty("stage").GetString(), new[] { "callSetup", "midcall" }));
        Assert.All(sessions, s => Assert.True(s.GetProperty("isTest").ValueKind is JsonValueKind.True or JsonValueKind.False));
        Assert.Contains(Endpoints, e => e.GetProperty("userAgent").TryGetProperty("platform", out var p) && p.GetString() == "unknownFutureValue");
    }

    [Fact]
    public void Pstn_sessions_pass_a_mediation_server_in_two_segments()
    {
        var pstn = _day.Sessions.Where(s => s.Record.GetProperty("type").GetString() != "groupCall" && s.Session.GetProperty("segments").GetArrayLength() == 2).ToList();

        Assert.NotEmpty(pstn);
        Assert.All(pstn, s =>
        {
            var segments = s.Session.GetProperty("segments");
            Assert.Equal("mediationServer", segments[0].GetProperty("callee").GetProperty("userAgent").GetProperty("role").GetString());
            Assert.Equal("mediationServer", segments[1].GetProperty("caller").GetProperty("userAgent").GetProperty("role").GetString());
        });
    }

    [Fact]
    public void Media_have_the_documented_labels_networks_devices_and_duration_format()
    {
        var labels = Media.Select(m => m.GetProperty("label").GetString()).Distinct().ToList();
        Assert.Subset(new HashSet<string?> { "main-audio", "main-video", "main-vbss", "applicationsharing-video", "data" }, labels.ToHashSet());
        Assert.Superset(new HashSet<string?> { "main-audio", "main-video", "main-vbss", "applicationsharing-video" }, labels.ToHashSet());

        var networks = Media.SelectMany(m => new[] { m.GetProperty("callerNetwork"), m.GetProperty("calleeNetwork") }).ToList();
        Assert.Equal(["mobile", "wifi", "wired"], networks.Select(n => n.GetProperty("connectionType").GetString()).Distinct().Order());
        Assert.All(networks, n => Assert.Equal(0, n.GetProperty("traceRouteHops").GetArrayLength()));
        var wifi = networks.Where(n => n.GetProperty("connectionType").GetString() == "wifi").ToList();
        Assert.All(wifi, n => Assert.Contains(n.GetProperty("wifiBand").GetString(), new[] { "frequency24GHz", "frequency50GHz" }));
        Assert.All(wifi, n => Assert.InRange(n.GetProperty("wifiSignalStrength").GetInt32(), 0, 100));
        Assert.Contains(networks, n => n.GetProperty("relayIPAddress").ValueKind == JsonValueKind.String && n.GetProperty("reflexiveIPAddress").ValueKind == JsonValueKind.String);
        Assert.Contains(Media, m => m.GetProperty("callerDevice").GetProperty("captureDeviceName").ValueKind == JsonValueKind.String);

        var streams = Media.SelectMany(m => m.GetProperty("streams").EnumerateArray()).ToList();
        Assert.All(streams, s => Assert.Contains(s.GetProperty("streamDirection").GetString(), new[] { "callerToCallee", "calleeToCaller" }));
        var durations = streams.Select(s => s.GetProperty("averageJitter")).Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!);
        Assert.All(durations, d => Assert.Matches(@"^PT(\d+M)?\d+(\.\d+)?S$", d));
        var video = Media.Where(m => m.GetProperty("label").GetString() == "main-video").SelectMany(m => m.GetProperty("streams").EnumerateArray()).ToList();
        Assert.Contains(video, s => s.GetProperty("averageVideoFrameRate").ValueKind == JsonValueKind.Number && s.GetProperty("postForwardErrorCorrectionPacketLossRate").ValueKind == JsonValueKind.Number);
        Assert.Contains(video, s => s.GetProperty("averageVideoFrameLossPercentage").ValueKind == JsonValueKind.Number);
    }

    private static bool IsPoorAudio(JsonElement stream, int floor) =>
        Number(stream, "packetUtilization") > floor
        && (Milliseconds(stream, "averageRoundTripTime") > 500 || Number(stream, "averagePacketLossRate") > 0.1 || Milliseconds(stream, "averageJitter") > 30);

    private static double? Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private static double? Milliseconds(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? System.Xml.XmlConvert.ToTimeSpan(value.GetString()!).TotalMilliseconds : null;

    private static string WorseNetwork(JsonElement caller, JsonElement callee)
    {
        string[] order = ["wired", "wifi", "mobile"];
        return order[Math.Max(Array.IndexOf(order, caller.GetProperty("connectionType").GetString()), Array.IndexOf(order, callee.GetProperty("connectionType").GetString()))];
    }

    /// <summary>Every session, with segments, of the records that started on 2026-11-20, read once for the class.</summary>
    public sealed class OneDayOfSessions : IDisposable
    {
        private readonly EmulatorServer _server = EmulatorServer.Start("--seed", "7", "--throttle", "off");

        public OneDayOfSessions()
        {
            Sessions = ReadAsync().GetAwaiter().GetResult();
        }

        public List<(JsonElement Record, JsonElement Session)> Sessions { get; }

        public void Dispose() => _server.Dispose();

        private async Task<List<(JsonElement, JsonElement)>> ReadAsync()
        {
            var listed = await _server.GetAllPagesAsync("v1.0/communications/callRecords?$filter=startDateTime ge 2026-11-20T00:00:00Z and startDateTime lt 2026-11-21T00:00:00Z");
            var sessions = new List<(JsonElement, JsonElement)>();
            foreach (var id in listed.Select(r => r.GetProperty("id").GetString()))
            {
                var record = (await _server.GetAsync($"v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)")).Json;
                var all = record.GetProperty("sessions").EnumerateArray().ToList();
                if (record.TryGetProperty("sessions@odata.nextLink", out var next))
                {
                    all.AddRange(await _server.GetAllPagesAsync(next.GetString()!));
                }

                sessions.AddRange(all.Select(s => (record, s)));
            }

            return sessions;
        }
    }
}
