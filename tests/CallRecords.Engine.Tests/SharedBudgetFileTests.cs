using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>
/// The per-app budgets' windows in a file that every process of the module opens: each holder here is one more
/// process (its own handle on the file), so what they are granted together is what processes would be.
/// </summary>
public sealed class SharedBudgetFileTests : IDisposable
{
    private static readonly BudgetScope s_scope = new("tenant", "app", new Uri("https://graph.microsoft.com/v1.0/"));
    private readonly string _folder = Directory.CreateTempSubdirectory("callrecords-budgets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Two_processes_on_one_file_are_granted_its_limit_together_not_each()
    {
        var (first, firstFile) = Shared(limit: 5);
        var (second, secondFile) = Shared(limit: 5);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(RateBudget.WaitAllAsync(new[] { first }, CancellationToken.None).IsCompleted);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.True(RateBudget.WaitAllAsync(new[] { second }, CancellationToken.None).IsCompleted);
        }

        using var cancel = new CancellationTokenSource();
        var sixth = RateBudget.WaitAllAsync(new[] { second }, cancel.Token);
        var seventh = RateBudget.WaitAllAsync(new[] { first }, cancel.Token);

        Assert.False(sixth.IsCompleted, "the second process had room of its own beyond the shared limit");
        Assert.False(seventh.IsCompleted);
        Assert.Equal(firstFile.Path, secondFile.Path);
        Assert.False(firstFile.Failed || secondFile.Failed);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(sixth, seventh));
    }

    [Fact]
    public async Task A_corrupt_file_is_given_up_with_one_debug_line_and_the_budget_counts_in_process()
    {
        var (budget, file) = Shared(limit: 2);
        File.WriteAllText(file.Path, "not a budget file at all");
        var log = new CapturedLog();

        for (var i = 0; i < 2; i++)
        {
            Assert.True(RateBudget.WaitAllAsync(new[] { budget }, log.Log, CancellationToken.None).IsCompleted);
        }

        using var cancel = new CancellationTokenSource();
        var third = RateBudget.WaitAllAsync(new[] { budget }, log.Log, cancel.Token);

        Assert.False(third.IsCompleted);
        Assert.True(file.Failed);
        var line = Assert.Single(log.Debug);
        Assert.Contains("is not used: it is not a budget file of this layout", line);
        Assert.Contains("count its own requests only", line);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }

    [Fact]
    public async Task A_hold_longer_than_the_timeout_gives_the_file_up_and_a_short_one_is_waited_out()
    {
        var (budget, file) = Shared(limit: 100);
        await RateBudget.WaitAllAsync(new[] { budget }, CancellationToken.None);
        var log = new CapturedLog();

        using (var shortHold = new FileStream(file.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var waiting = Task.Run(() => RateBudget.WaitAllAsync(new[] { budget }, log.Log, CancellationToken.None));
            await Task.Delay(200);
            Assert.False(waiting.IsCompleted);
            shortHold.Dispose();
            await waiting;
        }

        Assert.False(file.Failed);
        using (new FileStream(file.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            await Task.Run(() => RateBudget.WaitAllAsync(new[] { budget }, log.Log, CancellationToken.None));
        }

        Assert.True(file.Failed);
        Assert.Contains(log.Debug, line => line.Contains("another process held it for over 2 s"));
    }

    [Fact]
    public void The_file_name_hides_the_tenant_and_app_and_differs_for_another_app_host_or_scale()
    {
        var name = s_scope.FileName(1, "1350/200000000");

        Assert.Matches("^[0-9a-f]{32}\\.budget$", name);
        Assert.Equal(name, new BudgetScope("TENANT", "App", new Uri("https://GRAPH.microsoft.com/beta/")).FileName(1, "1350/200000000"));
        Assert.NotEqual(name, new BudgetScope("tenant", "other", new Uri("https://graph.microsoft.com/")).FileName(1, "1350/200000000"));
        Assert.NotEqual(name, new BudgetScope("tenant", "app", new Uri("https://graph.microsoft.us/")).FileName(1, "1350/200000000"));
        Assert.NotEqual(name, s_scope.FileName(0.2, "1350/200000000"));
    }

    private (RateBudget Budget, SharedBudgetFile File) Shared(int limit)
    {
        var window = TimeSpan.FromSeconds(30);
        var file = SharedBudgetFile.For(s_scope, 1, new[] { (limit, window) }, _folder);
        return (new RateBudget("shared", limit, window, file, 0), file);
    }
}
