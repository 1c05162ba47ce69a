using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>What differs between Graph's clouds and tenants, against an emulator set up each way.</summary>
public sealed class CloudDifferencesTests
{
    private static readonly DateTimeOffset s_today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    [Fact]
    public async Task Without_participants_v2_the_deprecated_list_is_read_and_said_once()
    {
        using var emulator = EmulatorProcess.Start("--seed", "41", "--participants-v2", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var ids = emulator.TruthIds(TruthPath(s_today.AddDays(-1), s_today)).Take(3).ToList();
        var log = new CapturedLog();
        var reader = new CallRecordReader(connection);

        var found = new List<IReadOnlyList<CallRecordParticipant>?>();
        foreach (var id in ids)
        {
            found.Add(await reader.GetParticipantsAsync(id, log.Log, CancellationToken.None));
        }

        Assert.All(found, participants => Assert.NotEmpty(participants!));
        Assert.Contains("global cloud only", Assert.Single(log.Warnings), StringComparison.Ordinal);

        // Learned once: later records go straight to the deprecated list.
        Assert.Single(log.Verbose, line => line.Contains("/participants_v2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_by_participant_without_participants_v2_says_why_it_cannot_work_there()
    {
        using var emulator = EmulatorProcess.Start("--seed", "41", "--participants-v2", "off");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var query = new CallRecordQuery { StartDateTime = s_today.AddDays(-1), EndDateTime = s_today, UserId = Guid.NewGuid().ToString() };

        var failure = await Assert.ThrowsAsync<GraphRequestException>(() => new CallRecordReader(connection).ListAsync(query, _ => { }, RequestLog.None, CancellationToken.None));

        Assert.Equal(CallRecordReader.ParticipantFilterUnavailable, failure.ErrorCode);
        Assert.Contains("global cloud only", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_routes_reach_the_stream_rows_as_hops_when_the_tenant_has_them()
    {
        using var emulator = EmulatorProcess.Start("--seed", "42", "--trace-routes", "on");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var id = emulator.TruthIds(TruthPath(s_today.AddDays(-1), s_today))[0];

        var sessions = await new CallRecordReader(connection).GetSessionsAsync(id, RequestLog.None, CancellationToken.None);
        var hops = sessions!.SelectMany(s => s.Segments).SelectMany(g => g.MediaStreams).SelectMany(m => m.CallerNetwork.TraceRouteHops.Concat(m.CalleeNetwork.TraceRouteHops)).ToList();

        Assert.NotEmpty(hops);
        Assert.All(hops, hop =>
        {
            Assert.True(hop.HopCount >= 1);
            Assert.False(string.IsNullOrEmpty(hop.IPAddress));
            Assert.True(hop.RoundTripTimeMs > 0);
        });
    }

    [Fact]
    public async Task Client_families_added_after_unknownFutureValue_arrive_by_name_because_the_module_asks_for_them()
    {
        using var emulator = EmulatorProcess.Start("--seed", "43", "--users", "200");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var sessions = new List<CallRecordSession>();
        var query = new CallRecordQuery { StartDateTime = s_today.AddDays(-1), EndDateTime = s_today, ExpandSessions = true };

        await new CallRecordReader(connection).ListAsync(query, record => sessions.AddRange(record.Sessions!), RequestLog.None, CancellationToken.None);
        var endpoints = sessions.SelectMany(s => new[] { s.Caller, s.Callee }).ToList();

        var acs = endpoints.Where(e => e.ProductFamily == "azureCommunicationServices").ToList();
        Assert.NotEmpty(acs);
        Assert.All(acs, e => Assert.False(string.IsNullOrEmpty(e.CommunicationServiceId)));
        Assert.DoesNotContain(endpoints, e => e.ProductFamily == "unknownFutureValue");
    }

    private static string TruthPath(DateTimeOffset from, DateTimeOffset to) =>
        $"/_emulator/truth/callRecords?from={Uri.EscapeDataString(from.ToString("o"))}&to={Uri.EscapeDataString(to.ToString("o"))}";
}
