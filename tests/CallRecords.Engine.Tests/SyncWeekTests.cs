using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Sync;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>
/// The acceptance run: a simulated week of hourly scheduled runs against the emulator's moving clock, with
/// records appearing 150 minutes after their calls end, 30% of them revised one to twelve hours later, log rows
/// 36 hours late, and every seventh run cancelled midway. Tenant: 20 users, 12 calls a day (three of them
/// meetings of 61 to 300 sessions), 20 PSTN and 20 Direct Routing rows a day.
/// </summary>
public sealed class SyncWeekTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("callrecords-week-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_week_of_hourly_runs_with_late_data_revisions_and_cancelled_runs_ends_equal_to_the_truth_and_to_one_catch_up_run()
    {
        using var emulator = SyncTests.Start("91", "--record-delay-minutes", "150", "--revision-share", "0.3", "--log-delay-hours", "36");
        // The emulator is not throttled, so the module's own budgets (Graph's limits) are compressed too.
        var policy = EngineTestConnections.FastRetries();
        policy.ThrottleWindowScale = 0.001;
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, policy: policy);
        var start = SyncTests.EmulatorNow(emulator);

        // Three days back, so the 48-hour overlap of later runs never reaches before it.
        var since = start.AddDays(-3);
        var hourly = Path.Combine(_folder, "hourly.db");
        var updated = 0L;
        var cancelled = 0;

        for (var run = 1; run <= 7 * 24; run++)
        {
            var now = AdvanceHour(emulator);
            using var stop = new CancellationTokenSource();
            var changed = 0;
            var request = new SyncRequest { Since = since, Now = now };
            try
            {
                var summaries = await SyncTests.RunAsync(connection, hourly, request, onChanged: _ =>
                {
                    if (run % 7 == 0 && ++changed == 3)
                    {
                        stop.Cancel();
                    }
                }, cancellationToken: stop.Token);
                updated += summaries.Single(s => s.Kind == CallRecordSyncKind.CallRecord).Updated;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }

            SyncTests.AssertWholeRecords(hourly);
        }

        var end = SyncTests.EmulatorNow(emulator);
        Assert.Equal(start.AddDays(7), end);
        Assert.True(cancelled >= 10, $"only {cancelled} runs were cancelled midway");
        Assert.True(updated > 0, "no revision reached the store through a later run");

        // A last scheduled run after the final cancelled one, as the next hour would do.
        await SyncTests.RunAsync(connection, hourly, new SyncRequest { Now = end });

        Assert.Equal(SyncTests.TruthIds(emulator, "callRecords", since, end), SyncTests.Column(hourly, "SELECT Id FROM CallRecord"));
        Assert.Equal(await ListedVersionsAsync(connection, since, end), SyncTests.Column(hourly, "SELECT Id || ' ' || Version FROM CallRecord"));
        Assert.Equal(SyncTests.TruthIds(emulator, "pstn", since, end.AddTicks(-1)), SyncTests.Column(hourly, "SELECT Id FROM PstnCallLogRow"));
        Assert.Equal(SyncTests.TruthIds(emulator, "directRouting", since, end), SyncTests.Column(hourly, "SELECT Id FROM DirectRoutingCallLogRow"));

        var catchUp = Path.Combine(_folder, "catch-up.db");
        await SyncTests.RunAsync(connection, catchUp, new SyncRequest { Since = since, Now = end });
        Assert.Equal(SyncTests.Dump(catchUp), SyncTests.Dump(hourly));
    }

    private static DateTimeOffset AdvanceHour(EmulatorProcess emulator) =>
        emulator.PostJson("/_emulator/clock?advance=PT1H").GetProperty("now").GetDateTimeOffset();

    private static async Task<List<string>> ListedVersionsAsync(GraphConnection connection, DateTimeOffset since, DateTimeOffset end)
    {
        var listed = new List<string>();
        await new CallRecordReader(connection).ListAsync(new CallRecordQuery { StartDateTime = since, EndDateTime = end }, r => listed.Add(r.Id + " " + r.Version), RequestLog.None, CancellationToken.None);
        return listed.OrderBy(v => v, StringComparer.Ordinal).ToList();
    }
}
