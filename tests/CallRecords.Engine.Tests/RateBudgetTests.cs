using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The sliding-window budgets that keep the module under Graph's limits.</summary>
public sealed class RateBudgetTests
{
    [Fact]
    public async Task A_budget_grants_its_limit_at_once_and_the_next_request_only_when_the_oldest_leaves_the_window()
    {
        var window = TimeSpan.FromMilliseconds(400);
        var budget = new RateBudget("test", 3, window);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(RateBudget.WaitAllAsync(new[] { budget }, CancellationToken.None).IsCompleted);
        }

        var fourth = RateBudget.WaitAllAsync(new[] { budget }, CancellationToken.None);
        Assert.False(fourth.IsCompleted);
        var wait = await fourth;

        // Never early; the upper side is left open, since a busy machine may wake the waiter late.
        Assert.True(clock.Elapsed >= window - TimeSpan.FromMilliseconds(15), $"granted after {clock.ElapsedMilliseconds} ms");
        Assert.Equal("test", wait.Budget);
        Assert.True(wait.Waited >= window - TimeSpan.FromMilliseconds(30), $"said it waited {wait.Waited.TotalMilliseconds} ms");
        Assert.Null((await RateBudget.WaitAllAsync(new[] { new RateBudget("free", 1, window) }, CancellationToken.None)).Budget);
    }

    [Fact]
    public async Task A_request_waiting_on_a_narrow_budget_holds_no_room_in_a_wide_one()
    {
        var narrow = new RateBudget("narrow", 1, TimeSpan.FromSeconds(30));
        var wide = new RateBudget("wide", 5, TimeSpan.FromSeconds(30));
        await RateBudget.WaitAllAsync(new[] { narrow, wide }, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = RateBudget.WaitAllAsync(new[] { narrow, wide }, cancel.Token);

        // The wide budget still has its four other places for requests that count only against it.
        for (var i = 0; i < 4; i++)
        {
            Assert.True(RateBudget.WaitAllAsync(new[] { wide }, CancellationToken.None).IsCompleted, $"request {i + 2} on the wide budget had to wait");
        }

        Assert.False(RateBudget.WaitAllAsync(new[] { wide }, cancel.Token).IsCompleted);
        Assert.False(waiting.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Graphs_limits_are_kept_with_their_margin()
    {
        var budgets = new GraphBudgets();

        Assert.Equal(1350, budgets.CallRecordsPerApp.Limit);
        Assert.Equal(36, budgets.ListCallRecords.Limit);
        Assert.Equal(190, budgets.CallLogsPerApp.Limit);
        Assert.Equal(47, budgets.NewCallLogQuery("getPstnCalls").Limit);
        Assert.Null(budgets.CallLogFunction(CallLogKind.Pstn));
        Assert.True(budgets.LearnCallLogLimitPerFunction());
        Assert.False(budgets.LearnCallLogLimitPerFunction());
        Assert.Same(budgets.CallLogFunction(CallLogKind.Pstn), budgets.CallLogFunction(CallLogKind.Pstn));
        Assert.NotSame(budgets.CallLogFunction(CallLogKind.Pstn), budgets.CallLogFunction(CallLogKind.DirectRouting));
        Assert.NotSame(budgets.CallLogFunction(CallLogKind.Pstn), budgets.CallLogFunction(CallLogKind.Sms));
        Assert.Equal(47, budgets.CallLogFunction(CallLogKind.PstnOnlineMeetingDialout)!.Limit);
    }
}
