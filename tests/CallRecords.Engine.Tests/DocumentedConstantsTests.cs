using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System;
using CallRecords.Engine.Lake;
using CallRecords.Engine.Quality;
using CallRecords.Engine.Sync;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>
/// Where the README or the help repeats a number the code decides (concurrency, budgets, thresholds, overlaps), the
/// number written must be the one the code uses. Each statement is found by a pattern; every occurrence is compared,
/// and a pattern that no longer finds anything fails too, so a reworded sentence cannot slip out of the check.
/// </summary>
public sealed class DocumentedConstantsTests
{
    private static readonly GraphBudgets s_budgets = new();
    private static readonly QualityThresholds s_current = QualityThresholds.Current;
    private static readonly QualityThresholds s_legacy = QualityThresholds.Legacy;

    public static TheoryData<string, double> Statements => new()
    {
        { @"fetched (\d+) at a time", new RequestPolicy().MaxConcurrency },
        { @"up to (\d+) records are fetched at once", new RequestPolicy().MaxConcurrency },
        { @"-MaxRetryCount`? \(default (\d+)\)", new RequestPolicy().MaxAttempts - 1 },
        { @"(\w+) windows (?:are )?read at once", CallLogReader.WindowsAtOnce },
        { @"reads (\w+)\s+windows at once", CallLogReader.WindowsAtOnce },
        { @"at most (\d+) pages", CallLogReader.PagesHeldPerWindow },
        { @"\((\d+) a minute per app, \d+ per query\)", s_budgets.CallLogsPerApp.Limit },
        { @"\(\d+ a minute per app, (\d+) per query\)", s_budgets.NewCallLogQuery("getPstnCalls").Limit },
        { @"one budget of (\d+) a minute", s_budgets.NewCallLogQuery("getPstnCalls").Limit },
        { @"keeps to (\d+)% of (?:both|it)", 100.0 * s_budgets.CallLogsPerApp.Limit / 200 },
        { @"(\d+)% of 1,500 requests / 20 s", 100.0 * s_budgets.CallRecordsPerApp.Limit / 1500 },
        { @"(\d+)% of 1,500 requests / 20 s per app and tenant, and of 40 / 20 s for listing", 100.0 * s_budgets.ListCallRecords.Limit / 40 },
        { @"a budget of (\d+) per record", GraphBudgets.PerCallRecordBudget },
        { @"\((\d+)% of Graph's 40 / 20 s per call record\)", 100.0 * GraphBudgets.PerCallRecordBudget / 40 },
        { @"packet utilization > (\d+)", s_current.AudioPacketUtilizationFloor!.Value },
        { @"at or under (\d+) packets", s_current.AudioPacketUtilizationFloor!.Value },
        { @"more than (\d+) packets", s_current.AudioPacketUtilizationFloor!.Value },
        { @"(\d+)-packet floor", s_current.AudioPacketUtilizationFloor!.Value },
        { @"round trip (?:time )?(?:is )?(?:> |above )(\d+) ms", s_current.AudioRoundTripMs },
        { @"(?<!post-FEC )packet loss(?: rate)? (?:> |above )(\d+(?:\.\d+)?)", s_current.AudioPacketLossRate },
        { @"jitter (?:> |above )(\d+) ms", s_current.AudioJitterMs },
        { @"degradation (?:> |above )(\d+(?:\.\d+)?)", s_legacy.AudioDegradation!.Value },
        { @"concealed samples(?: ratio)? (?:> |above )(\d+(?:\.\d+)?)", s_legacy.AudioConcealedRatio!.Value },
        { @"frame loss (?:> |above )(\d+)%", s_current.VideoFrameLossPercentage },
        { @"frame rate (?:< |below )(\d+) fps", s_current.VideoFrameRate },
        { @"\((\d+) fps for screen sharing\)", s_current.ScreenSharingFrameRate },
        { @"with a (\d+) fps floor", s_current.ScreenSharingFrameRate },
        { @"post-FEC packet loss (?:> |above )(\d+(?:\.\d+)?)", s_current.VideoPostFecPacketLossRate },
        { @"\*\*(\d+) hours for call records\*\*", SyncPass.CallRecords.Overlap.TotalHours },
        { @"\*\*(\d+) hours for PSTN", SyncPass.PstnCalls.Overlap.TotalHours },
        { @"PSTN and Direct Routing: (\d+) hours", SyncPass.DirectRoutingCalls.Overlap.TotalHours },
        { @"SMS and PSTN blocked users \(beta\): (\d+) hours", SyncPass.SmsLogs.Overlap.TotalHours },
        { @"SMS and blocked users logs, whose latency Graph does not document and which come from the same PSTN reporting, take (\d+) hours", SyncPass.PstnBlockedUsers.Overlap.TotalHours },
        { @"(\d+) days of the sparse blocked users log", SyncPass.PstnBlockedUsers.Slice.TotalDays },
        { @"(\d+) days of blocked users\)", SyncPass.PstnBlockedUsers.Slice.TotalDays },
        { @"tenants to sync at once in this process\. Default: (\d+)", CallRecordSync.DefaultThrottleLimit },
        { @"the pass of a worker that died\. Default: (\w+) minute", PostgresSyncStore.DefaultLeaseDuration.TotalMinutes },
        { @"at least (\w+) seconds", PostgresSyncStore.MinimumLeaseDuration.TotalSeconds },
        { @"`-ThrottleLimit`\s+tenants at once \(default (\d+)\)", CallRecordSync.DefaultThrottleLimit },
        { @"`-LeaseDuration` \(default (\d+) minute", PostgresSyncStore.DefaultLeaseDuration.TotalMinutes },
        { @"looked at again every (\d+) seconds", CallRecordSync.DefaultHeldPassPoll.TotalSeconds },
        { @"at most (\d+) files are open", new LakeWriterOptions().MaxOpenFiles },
        { @"exponential back-off \((\w+) retries\)", new LakeWriterOptions().MaxRetries },
        { @"DECIMAL\((\d+),\s?\d+\)", LakeValue.DecimalPrecision },
        { @"DECIMAL\(\d+,\s?(\d+)\)", LakeValue.DecimalScale },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void Every_documented_statement_of_a_constant_says_what_the_code_uses(string pattern, double expected)
    {
        var found = 0;
        foreach (var (file, text) in Documents())
        {
            foreach (Match match in Regex.Matches(text, pattern, RegexOptions.IgnoreCase))
            {
                found++;
                if (match.Groups.Count < 2)
                {
                    continue;
                }

                var written = match.Groups[1].Value;
                Assert.True(
                    Number(written) == expected,
                    $"{file} says '{match.Value}', but the code uses {expected.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        Assert.True(found > 0, $"No document says /{pattern}/ any more: reword the pattern or drop it.");
    }

    private static IEnumerable<(string File, string Text)> Documents()
    {
        yield return ("README.md", Normalize(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"))));
        foreach (var help in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "en-US"), "*.psd1"))
        {
            yield return (Path.GetFileName(help), Normalize(File.ReadAllText(help)));
        }
    }

    // Statements wrap across lines in the README.
    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ");

    private static double Number(string written)
    {
        var words = new[] { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten" };
        var index = Array.IndexOf(words, written.ToLowerInvariant());
        return index >= 0 ? index : double.Parse(written, CultureInfo.InvariantCulture);
    }
}
