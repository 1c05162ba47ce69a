using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Graph's limit per call record (40 / 20 s), kept by a budget for each record in use.</summary>
public sealed class PerRecordBudgetTests
{
    [Fact]
    public async Task A_meeting_of_3000_sessions_and_participants_is_read_whole_without_a_429_and_verbose_shows_the_wait()
    {
        // Windows a quarter as long on both sides keep the test short; the limits are Graph's.
        using var emulator = EmulatorProcess.Start("--days", "1", "--calls-per-day", "3", "--large-meeting-sessions", "3000", "--time-scale", "0.25");
        var policy = EngineTestConnections.FastRetries();
        policy.ThrottleWindowScale = 0.25;
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, policy: policy);
        var id = emulator.GetJson("/_emulator/tenant").GetProperty("largeMeetingCallIds")[0].GetString()!;
        emulator.PostJson("/_emulator/stats/reset");
        var log = new CapturedLog();
        var reader = new CallRecordReader(connection);

        // Both at once: they share the record's budget.
        var expanding = reader.GetAsync(id, expandSessions: true, log.Log, CancellationToken.None);
        var participants = await reader.GetParticipantsAsync(id, log.Log, CancellationToken.None);
        var record = await expanding;

        var stats = emulator.GetJson("/_emulator/stats");
        Assert.Equal(3000, record!.SessionCount);
        Assert.Equal(3000, record.Sessions!.Select(s => s.Id).Distinct().Count());
        Assert.Equal(3000, participants!.Select(p => p.Id).Distinct().Count());
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
        Assert.Equal(50 + 24, stats.GetProperty("requests").GetInt32());
        // The budget counts requests as they leave and Graph as they arrive, so the margin absorbs the jitter between.
        Assert.InRange(stats.GetProperty("peakInWindow").GetProperty("callRecords:record").GetInt32(), 30, 40);
        Assert.Equal(50 + 24, log.Verbose.Count);
        Assert.Contains(log.Verbose, line => line.Contains("; waited ", StringComparison.Ordinal) && line.Contains("for 'per call record (40 / 20 s)')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_budgets_nobody_holds_are_forgotten_once_their_window_has_passed()
    {
        var budgets = new GraphBudgets(windowScale: 0.005);
        var window = budgets.ListCallRecords.Window;
        using var held = budgets.CallRecords.Take("held");
        await RateBudget.WaitAllAsync(new[] { held.Budget }, CancellationToken.None);
        for (var i = 0; i < 5000; i++)
        {
            using var lease = budgets.CallRecords.Take("record-" + i);
            await RateBudget.WaitAllAsync(new[] { lease.Budget }, CancellationToken.None);
        }

        Assert.InRange(budgets.CallRecords.Count, 2, 5001);
        await Task.Delay(window * 3);
        using var next = budgets.CallRecords.Take("next");

        Assert.Equal(2, budgets.CallRecords.Count);
        using var again = budgets.CallRecords.Take("held");
        Assert.Same(held.Budget, again.Budget);
    }

    [Fact]
    public void Every_request_about_one_record_shares_its_budget_and_other_records_have_their_own()
    {
        var budgets = new GraphBudgets();
        using var first = budgets.CallRecords.Take("A1B2");
        using var second = budgets.CallRecords.Take("a1b2");
        using var other = budgets.CallRecords.Take("c3d4");

        Assert.Same(first.Budget, second.Budget);
        Assert.NotSame(first.Budget, other.Budget);
        Assert.Equal(GraphBudgets.PerCallRecordBudget, first.Budget.Limit);
        Assert.Equal(36, GraphBudgets.PerCallRecordBudget);
    }
}
