using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using CallRecords.Engine.Quality;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The engine against the emulator over loopback: exact rows, with and without injected faults.</summary>
public sealed class EmulatorEngineTests
{
    private static readonly DateTimeOffset s_today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    [Fact]
    public async Task Listing_a_day_returns_exactly_the_emulators_records_in_start_order()
    {
        using var emulator = EmulatorProcess.Start("--seed", "31");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var records = new List<CallRecord>();

        await new CallRecordReader(connection).ListAsync(Day(), records.Add, RequestLog.None, CancellationToken.None);

        var expected = emulator.TruthIds(TruthPath(Day()));
        Assert.Equal(expected.OrderBy(id => id), records.Select(r => r.Id).OrderBy(id => id));
        Assert.Equal(records.OrderBy(r => r.StartDateTime).Select(r => r.Id), records.Select(r => r.Id));
    }

    [Fact]
    public async Task Faults_and_throttling_change_nothing_in_what_is_returned()
    {
        var query = Day();
        query.EndDateTime = query.StartDateTime.AddHours(8);
        query.ExpandSessions = true;
        using var clean = EmulatorProcess.Start("--seed", "32");
        using var faulty = EmulatorProcess.Start("--seed", "32", "--fault-429", "0.1", "--fault-503", "0.05", "--fault-reset", "0.02", "--fault-truncate", "0.02");

        var expected = await ExpandedRowsAsync(clean, query);
        var actual = await ExpandedRowsAsync(faulty, query);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.True(faulty.GetJson("/_emulator/stats").GetProperty("faults").GetInt64() > 0, "no fault was injected");
    }

    [Fact]
    public async Task Sessions_of_a_meeting_with_more_than_60_are_all_returned_once()
    {
        using var emulator = EmulatorProcess.Start("--seed", "33");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var id = emulator.GetJson("/_emulator/tenant").GetProperty("largeGroupCallIds")[0].GetString()!;
        var reader = new CallRecordReader(connection);

        var expanded = await reader.GetAsync(id, expandSessions: true, RequestLog.None, CancellationToken.None);
        var listed = await reader.GetSessionsAsync(id, RequestLog.None, CancellationToken.None);

        Assert.True(expanded!.SessionCount > 60);
        Assert.Equal(expanded.SessionCount, expanded.Sessions!.Select(s => s.Id).Distinct().Count());
        Assert.Equal(listed!.Select(s => s.Id), expanded.Sessions!.Select(s => s.Id));
    }

    [Fact]
    public async Task Participants_of_a_meeting_with_more_than_130_are_all_returned_once()
    {
        using var emulator = EmulatorProcess.Start("--seed", "34");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var id = emulator.GetJson("/_emulator/tenant").GetProperty("manyParticipantCallIds")[0].GetString()!;

        var participants = await new CallRecordReader(connection).GetParticipantsAsync(id, RequestLog.None, CancellationToken.None);

        Assert.True(participants!.Count > 130);
        Assert.Equal(participants.Count, participants.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_record_reads_as_null_and_a_wrong_token_as_401()
    {
        using var emulator = EmulatorProcess.Start("--token", "right-token");
        using var right = EngineTestConnections.ConnectWithToken(emulator.Url, "right-token");
        using var wrong = EngineTestConnections.ConnectWithToken(emulator.Url, "wrong-token");

        var missing = await new CallRecordReader(right).GetAsync("2b7c1a6e-0000-4000-8000-000000000000", expandSessions: false, RequestLog.None, CancellationToken.None);
        var error = await Assert.ThrowsAsync<GraphRequestException>(() => new CallRecordReader(wrong).ListAsync(Day(), _ => { }, RequestLog.None, CancellationToken.None));

        Assert.Null(missing);
        Assert.Equal(401, error.StatusCode);
        Assert.False(error.RetriesExhausted);
    }

    private static async Task<List<string>> ExpandedRowsAsync(EmulatorProcess emulator, CallRecordQuery query)
    {
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var rows = new List<string>();
        await new CallRecordReader(connection).ListAsync(
            query,
            record => rows.AddRange(CallRecordReader.MediaStreamsOf(record.Sessions!, QualityThresholds.Current)
                .Select(s => $"{s.CallRecordId}|{s.SessionId}|{s.SegmentId}|{s.MediaLabel}|{s.StreamId}|{s.StreamDirection}|{s.Quality}")
                .DefaultIfEmpty(record.Id)),
            RequestLog.None,
            CancellationToken.None);
        return rows;
    }

    private static CallRecordQuery Day() => new() { StartDateTime = s_today.AddDays(-1), EndDateTime = s_today };

    private static string TruthPath(CallRecordQuery query) =>
        $"/_emulator/truth/callRecords?from={Uri.EscapeDataString(query.StartDateTime.ToString("O"))}&to={Uri.EscapeDataString(query.EndDateTime.ToString("O"))}";
}
