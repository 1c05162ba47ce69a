using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Lake;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>The README's DuckDB queries, word for word, on files the lake wrote over two runs.</summary>
public sealed class LakeReadmeQueryTests : IDisposable
{
    private const string LatestRecords = """
        SELECT * FROM read_parquet('lake/CallRecord/**/*.parquet', hive_partitioning = true)
        QUALIFY row_number() OVER (PARTITION BY TenantId, Id ORDER BY Version DESC) = 1;
        """;

    private const string LatestStreams = """
        SELECT * FROM read_parquet('lake/CallRecordMediaStream/**/*.parquet', hive_partitioning = true, filename = true)
        QUALIFY regexp_extract(filename, 'part-([^/]+)-\d+\.parquet$', 1)
              = max(regexp_extract(filename, 'part-([^/]+)-\d+\.parquet$', 1)) OVER (PARTITION BY TenantId, CallRecordId);
        """;

    private const string PoorPerDay = """
        SELECT date, count(*) FILTER (WHERE Quality = 'Poor') AS poor, count(*) AS streams
        FROM read_parquet('lake/CallRecordMediaStream/**/*.parquet', hive_partitioning = true) GROUP BY date ORDER BY date;
        """;

    private const string ChargePerDay = """
        SELECT date, sum(Charge) AS charge FROM read_parquet('lake/PstnCallLogRow/**/*.parquet', hive_partitioning = true)
        GROUP BY date ORDER BY date;
        """;

    private static readonly DateTimeOffset s_monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly LakeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(LatestRecords)]
    [InlineData(LatestStreams)]
    [InlineData(PoorPerDay)]
    [InlineData(ChargePerDay)]
    public void The_README_shows_the_query(string query)
    {
        var readme = Normalise(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")));

        Assert.Contains(Normalise(query), readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_version_of_each_record_and_the_streams_of_its_latest_run_are_what_the_README_queries_return()
    {
        var records = LakeTestRows.CallRecords(20, s_monday, version: 1).ToList();
        var streams = LakeTestRows.MediaStreams(200, s_monday, TimeSpan.FromMinutes(7)).ToList();
        await WriteAsync(records.Cast<object>().Concat(streams), s_monday.AddHours(1));

        // A second run: five records revised, and their streams again, one fewer each.
        var revised = LakeTestRows.CallRecords(20, s_monday, version: 2).Take(5).ToList();
        var recordIds = streams.Select(s => s.CallRecordId).Distinct().Take(5).ToHashSet();
        var again = streams.Where(s => recordIds.Contains(s.CallRecordId)).GroupBy(s => s.CallRecordId).SelectMany(g => g.Skip(1)).ToList();
        await WriteAsync(revised.Cast<object>().Concat(again), s_monday.AddHours(2));

        var latest = DuckDbReader.Query(Run(LatestRecords).Replace("SELECT *", "SELECT Id, Version", StringComparison.Ordinal));
        var latestStreams = DuckDbReader.Query(Run(LatestStreams).Replace("SELECT *", "SELECT CallRecordId", StringComparison.Ordinal));

        Assert.Equal(20, latest.Count);
        Assert.Equal(5, latest.Count(r => (long)r[1]! == 2));
        Assert.Equal(streams.Count - recordIds.Count, latestStreams.Count);
        Assert.All(recordIds, id => Assert.Equal(streams.Count(s => s.CallRecordId == id) - 1, latestStreams.Count(r => (string)r[0]! == id)));
    }

    [Fact]
    public async Task Poor_streams_and_charges_per_day_are_what_the_rows_add_up_to()
    {
        var streams = LakeTestRows.MediaStreams(2000, s_monday, TimeSpan.FromMinutes(5)).ToList();
        var calls = LakeTestRows.PstnCalls(800, s_monday, TimeSpan.FromMinutes(15)).ToList();
        await WriteAsync(streams.Cast<object>().Concat(calls), s_monday);

        var poor = DuckDbReader.Query(Run(PoorPerDay)).Select(r => $"{r[0]:yyyy-MM-dd} {r[1]} {r[2]}");
        var charges = DuckDbReader.Query(Run(ChargePerDay)).Select(r => $"{r[0]:yyyy-MM-dd} {(decimal)r[1]!:0.0000}");

        Assert.Equal(
            streams.GroupBy(s => s.StartDateTime!.Value.UtcDateTime.Date).OrderBy(g => g.Key).Select(g => $"{g.Key:yyyy-MM-dd} {g.Count(s => s.Quality == StreamQuality.Poor)} {g.Count()}"),
            poor);
        Assert.Equal(
            calls.GroupBy(c => c.StartDateTime!.Value.UtcDateTime.Date).OrderBy(g => g.Key).Select(g => $"{g.Key:yyyy-MM-dd} {g.Sum(c => c.Charge ?? 0):0.0000}"),
            charges);
    }

    private static string Normalise(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private string Run(string query) => query.Replace("'lake/", $"'{_folder.Root}/", StringComparison.Ordinal).TrimEnd().TrimEnd(';');

    private async Task WriteAsync(IEnumerable<object> rows, DateTimeOffset runStarted)
    {
        await using var writer = LakeWriter.Create(LakeTarget.Folder(_folder.Root), null, new LakeWriterOptions { RunStarted = runStarted, RunId = LakeWriterOptions.NewRunId(runStarted) });
        foreach (var row in rows)
        {
            await writer.AddAsync(row, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }
}
