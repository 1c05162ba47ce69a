using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Concurrent work handed over in the order it was added.</summary>
public sealed class OrderedWorkTests
{
    [Fact]
    public async Task Results_come_in_the_order_added_though_later_work_finishes_first()
    {
        using var work = new OrderedWork<int>(4, CancellationToken.None);
        var results = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var n = i;
            await work.AddAsync(async token => { await Task.Delay((8 - n) * 15, token); return n; }, results.Add);
        }

        await work.DrainAsync();

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, results);
    }

    [Fact]
    public async Task No_more_than_the_limit_run_at_once()
    {
        using var work = new OrderedWork<int>(3, CancellationToken.None);
        var running = 0;
        var peak = 0;
        for (var i = 0; i < 12; i++)
        {
            await work.AddAsync(
                async token =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(10, token);
                    Interlocked.Decrement(ref running);
                    return 0;
                },
                _ => { });
        }

        await work.DrainAsync();

        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task A_failure_surfaces_after_the_results_before_it_and_stopping_cancels_and_waits_for_the_rest()
    {
        using var work = new OrderedWork<int>(4, CancellationToken.None);
        var results = new List<int>();
        var cancelled = 0;
        await work.AddAsync(_ => Task.FromResult(1), results.Add);
        await work.AddAsync(_ => Task.FromException<int>(new InvalidOperationException("second failed")), results.Add);
        for (var i = 0; i < 2; i++)
        {
            await work.AddAsync(
                async token =>
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref cancelled);
                        throw;
                    }

                    return 0;
                },
                results.Add);
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => work.DrainAsync());
        await work.StopAsync();

        Assert.Equal("second failed", failure.Message);
        Assert.Equal(new[] { 1 }, results);
        Assert.Equal(2, cancelled);
    }

    [Fact]
    public async Task The_callers_token_cancels_the_work_it_started()
    {
        using var stop = new CancellationTokenSource();
        using var work = new OrderedWork<int>(2, stop.Token);
        await work.AddAsync(async token => { await Task.Delay(Timeout.Infinite, token); return 0; }, _ => { });
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.DrainAsync());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
