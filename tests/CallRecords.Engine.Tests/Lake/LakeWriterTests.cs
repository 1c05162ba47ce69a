using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Columns;
using CallRecords.Engine.Lake;
using Xunit;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>The lake in a folder: where rows land, what a reader (DuckDB) reads back, and what a stopped or repeated run leaves.</summary>
public sealed class LakeWriterTests : IDisposable
{
    private const string TenantA = "11111111-1111-4111-8111-111111111111";
    private const string TenantB = "22222222-2222-4222-8222-222222222222";
    private static readonly DateTimeOffset s_monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly LakeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Rows_are_filed_by_row_type_tenant_and_UTC_day_in_files_named_after_the_run()
    {
        // Local times two hours ahead of UTC: the first stream, at 01:00+02:00 on the 6th, belongs to the 5th.
        var streams = LakeTestRows.MediaStreams(48, new DateTimeOffset(2026, 1, 6, 1, 0, 0, TimeSpan.FromHours(2)), TimeSpan.FromHours(1), 1, TenantA, TenantB).ToList();
        var options = Options();

        await WriteAsync(streams, options);

        var files = _folder.Files();
        Assert.All(files, file => Assert.Matches($"^CallRecordMediaStream/tenant=({TenantA}|{TenantB})/date=2026-01-0[567]/part-{Regex.Escape(options.RunId)}-\\d{{5}}\\.parquet$", file));
        Assert.Equal(5, files.Length);
        Assert.StartsWith($"CallRecordMediaStream/tenant={TenantA}/date=2026-01-05/", files[0], StringComparison.Ordinal);
        var expected = streams.GroupBy(s => (s.TenantId, s.StartDateTime!.Value.UtcDateTime.Date)).ToDictionary(g => $"{g.Key.TenantId} {g.Key.Date:yyyy-MM-dd}", g => (long)g.Count());
        var read = DuckDbReader.Query($"SELECT tenant, strftime(date, '%Y-%m-%d'), count(*) FROM {DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream")} GROUP BY ALL")
            .ToDictionary(r => $"{r[0]} {r[1]}", r => Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.OrderBy(p => p.Key), read.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task DuckDB_reads_back_every_stream_and_the_same_poor_streams_per_day()
    {
        var streams = LakeTestRows.MediaStreams(5000, s_monday, TimeSpan.FromMinutes(2)).ToList();

        await WriteAsync(streams, Options());

        var dataset = DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream");
        Assert.Equal(5000L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {dataset}"), System.Globalization.CultureInfo.InvariantCulture));
        var poorPerDay = DuckDbReader.Query($"SELECT strftime(date, '%Y-%m-%d') AS day, count(*) FROM {dataset} WHERE Quality = 'Poor' GROUP BY day ORDER BY day")
            .Select(r => $"{r[0]}: {r[1]}");
        var expected = streams.Where(s => s.Quality == StreamQuality.Poor).GroupBy(s => s.StartDateTime!.Value.UtcDateTime.Date).OrderBy(g => g.Key).Select(g => $"{g.Key:yyyy-MM-dd}: {g.Count()}");
        Assert.Equal(expected, poorPerDay);
    }

    [Fact]
    public async Task PSTN_charges_read_back_as_decimals_that_sum_to_the_rows_own()
    {
        var calls = LakeTestRows.PstnCalls(3000, s_monday, TimeSpan.FromMinutes(3)).ToList();

        await WriteAsync(calls, Options());

        var sums = DuckDbReader.Query($"SELECT strftime(date, '%Y-%m-%d') AS day, sum(Charge)::VARCHAR, count(Charge) FROM {DuckDbReader.Dataset(_folder.Root, "PstnCallLogRow")} GROUP BY day ORDER BY day")
            .Select(r => $"{r[0]}: {decimal.Parse((string)r[1]!, System.Globalization.CultureInfo.InvariantCulture)} in {r[2]}");
        var expected = calls.GroupBy(c => c.StartDateTime!.Value.UtcDateTime.Date).OrderBy(g => g.Key)
            .Select(g => $"{g.Key:yyyy-MM-dd}: {g.Where(c => c.Charge is not null).Sum(c => c.Charge!.Value)} in {g.Count(c => c.Charge is not null)}");
        Assert.Equal(expected.Select(Normalise), sums.Select(Normalise));
    }

    [Fact]
    public async Task Columns_have_the_types_readers_expect()
    {
        await WriteAsync(LakeTestRows.MediaStreams(10, s_monday, TimeSpan.FromMinutes(1)), Options());
        await WriteAsync(LakeTestRows.PstnCalls(10, s_monday, TimeSpan.FromMinutes(1)), Options());
        await WriteAsync(LakeTestRows.CallRecords(10, s_monday, 1), Options());

        var streams = DuckDbReader.Describe(DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream"));
        var pstn = DuckDbReader.Describe(DuckDbReader.Dataset(_folder.Root, "PstnCallLogRow"));
        var records = DuckDbReader.Describe(DuckDbReader.Dataset(_folder.Root, "CallRecord"));

        Assert.Equal("TIMESTAMP WITH TIME ZONE", streams["StartDateTime"]);
        Assert.Equal("DOUBLE", streams["AverageJitterMs"]);
        Assert.Equal("BIGINT", streams["PacketUtilization"]);
        Assert.Equal("INTEGER", streams["CallerRelayPort"]);
        Assert.Equal("BOOLEAN", streams["IsAudioForwardErrorCorrectionUsed"]);
        Assert.Equal("VARCHAR", streams["Quality"]);
        Assert.Equal("STRUCT(\"Rule\" VARCHAR, \"Value\" DOUBLE, Threshold DOUBLE)[]", streams["PoorReasons"]);
        Assert.Equal("STRUCT(HopCount INTEGER, IPAddress VARCHAR, RoundTripTimeMs DOUBLE)[]", streams["CallerTraceRouteHops"]);
        Assert.Equal("DECIMAL(28,10)", pstn["Charge"]);
        Assert.Equal("INTEGER", pstn["Duration"]);
        Assert.Equal("BIGINT", records["Version"]);
        Assert.Equal("VARCHAR[]", records["Modalities"]);
        Assert.Equal("DOUBLE", records["Duration"]);
        Assert.Equal("VARCHAR", records["tenant"]);
        Assert.Equal("DATE", records["date"]);
        Assert.Equal(ColumnSet.For<CallRecordMediaStream>().Columns.Select(c => c.Name).Concat(new[] { "date", "tenant" }).OrderBy(n => n), streams.Keys.OrderBy(n => n));
    }

    [Fact]
    public async Task Values_read_back_as_they_were_lists_nulls_and_instants_included()
    {
        var stream = LakeTestRows.MediaStreams(200, s_monday.AddTicks(1234560), TimeSpan.FromMinutes(1)).First(s => s.Quality == StreamQuality.Poor && s.CallerNetwork.TraceRouteHops.Count > 0);
        var record = LakeTestRows.CallRecords(1, s_monday, 3).Single();
        record.Modalities = new ValueList<string>(Array.Empty<string>());
        stream.AudioCodec = null;

        await WriteAsync(new object[] { stream, record }, Options());

        var row = DuckDbReader.Query(
            $"SELECT StartDateTime::VARCHAR, AudioCodec IS NULL, PoorReasons[1].Rule, PoorReasons[1].\"Value\", PoorReasons[2].Threshold, len(CallerTraceRouteHops), CallerTraceRouteHops[2].IPAddress IS NULL, CallerTraceRouteHops[2].RoundTripTimeMs, len(CalleeTraceRouteHops), QualityRuleSet FROM {DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream")}").Single();
        var recordRow = DuckDbReader.Query($"SELECT Modalities IS NULL, len(Modalities), Duration, Version FROM {DuckDbReader.Dataset(_folder.Root, "CallRecord")}").Single();

        Assert.Equal(stream.StartDateTime!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00", row[0]);
        Assert.Equal(true, row[1]);
        Assert.Equal("Jitter", row[2]);
        Assert.Equal(stream.AverageJitterMs, row[3]);
        Assert.Equal(500d, row[4]);
        Assert.Equal(2L, Convert.ToInt64(row[5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(true, row[6]);
        Assert.Equal(12d, row[7]);
        Assert.Equal(stream.CalleeNetwork.TraceRouteHops.Count, Convert.ToInt32(row[8], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Current", row[9]);
        Assert.Equal(new object?[] { false, 0L, 1800d, 3L }, recordRow.Select(v => v is ulong or int ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : v));
    }

    [Fact]
    public async Task A_full_row_group_is_written_at_once_into_a_hidden_file_that_appears_whole_at_the_end()
    {
        var options = Options();
        options.RowGroupSize = 100;
        options.MaxBufferedRows = 1000;
        await using var writer = new LakeWriter(new FolderStorage(_folder.Root), options);

        foreach (var stream in LakeTestRows.MediaStreams(250, s_monday, TimeSpan.FromSeconds(1)))
        {
            await writer.AddAsync(stream, CancellationToken.None);
        }

        var during = _folder.Files();
        await writer.CompleteAsync(CancellationToken.None);

        var temporary = Assert.Single(during);
        Assert.Matches(@"/\.part-[^/]+\.parquet\.tmp$", temporary);
        var file = Assert.Single(_folder.Files());
        Assert.Equal(temporary.Replace("/.", "/", StringComparison.Ordinal).Replace(".tmp", "", StringComparison.Ordinal), file);
        var rowGroups = DuckDbReader.Query($"SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata('{_folder.Root}/{file}') GROUP BY ALL ORDER BY 1").Select(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { 100L, 100L, 50L }, rowGroups);
    }

    [Fact]
    public async Task Rows_spread_over_many_days_never_wait_beyond_the_buffer_cap()
    {
        var options = Options();
        options.RowGroupSize = 200;
        options.MaxBufferedRows = 300;
        await using var writer = new LakeWriter(new FolderStorage(_folder.Root), options);
        var most = 0;

        // Round robin over ten days: no partition fills a row group on its own.
        foreach (var (stream, i) in LakeTestRows.MediaStreams(2000, s_monday, TimeSpan.Zero).Select((s, i) => (s, i)))
        {
            stream.StartDateTime = s_monday.AddDays(i % 10);
            await writer.AddAsync(stream, CancellationToken.None);
            most = Math.Max(most, writer.BufferedRows);
        }

        await writer.CompleteAsync(CancellationToken.None);

        Assert.True(most <= 300, $"{most} rows waited");
        Assert.Equal(2000L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream")}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task No_more_files_are_open_than_the_cap_and_a_partition_finished_early_gets_another_file()
    {
        var options = Options();
        options.RowGroupSize = 10;
        options.MaxOpenFiles = 2;
        await using var writer = new LakeWriter(new FolderStorage(_folder.Root), options);
        var mostOpen = 0;

        // Five days, five rows each in turn: with two files open at most, days come back after their file was finished.
        foreach (var (stream, i) in LakeTestRows.MediaStreams(500, s_monday, TimeSpan.Zero).Select((s, i) => (s, i)))
        {
            stream.StartDateTime = s_monday.AddDays(i / 5 % 5);
            await writer.AddAsync(stream, CancellationToken.None);
            // The writer's own count: a listing of the folders races the background write.
            mostOpen = Math.Max(mostOpen, writer.OpenFiles);
        }

        await writer.CompleteAsync(CancellationToken.None);

        Assert.Equal(2, mostOpen);
        Assert.True(_folder.Files().Length > 5, "no partition got a second file");
        Assert.Equal(500L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream")}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_stopped_run_leaves_only_whole_files_that_readers_can_read()
    {
        var options = Options();
        options.RowGroupSize = 10;
        options.MaxOpenFiles = 1;
        using var stop = new CancellationTokenSource();
        var committed = new List<CallRecordParquetFile>();
        options.FileWritten = committed.Add;
        var added = 0;

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var writer = new LakeWriter(new FolderStorage(_folder.Root), options);
            foreach (var stream in LakeTestRows.MediaStreams(1000, s_monday, TimeSpan.FromHours(1)))
            {
                // Ctrl+C part way: files of finished days are whole; the day being written is open.
                if (++added == 600)
                {
                    stop.Cancel();
                }

                await writer.AddAsync(stream, stop.Token);
            }
        });

        Assert.NotNull(stopped);
        var files = _folder.Files();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.EndsWith(".parquet", f, StringComparison.Ordinal));
        Assert.Equal(committed.Count, files.Length);
        Assert.Equal(committed.Sum(f => f.Rows), Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {DuckDbReader.Dataset(_folder.Root, "CallRecordMediaStream")}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_second_run_adds_its_own_files_and_the_latest_version_per_id_wins()
    {
        await WriteAsync(LakeTestRows.CallRecords(30, s_monday, version: 1), Options());
        var changed = LakeTestRows.CallRecords(30, s_monday, version: 2).Where((_, i) => i % 3 == 0).ToList();
        await WriteAsync(changed, Options());
        await WriteAsync(changed, Options());

        var runs = _folder.Files().Select(f => Regex.Match(f, @"part-(.+)-\d{5}\.parquet$").Groups[1].Value).Distinct().Count();
        var dataset = DuckDbReader.Dataset(_folder.Root, "CallRecord");

        // The README's query for the latest version of each record.
        var latest = DuckDbReader.Query($"SELECT Id, Version FROM (SELECT *, row_number() OVER (PARTITION BY TenantId, Id ORDER BY Version DESC) AS n FROM {dataset}) WHERE n = 1")
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        Assert.Equal(3, runs);
        Assert.Equal(50L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {dataset}"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(30, latest.Count);
        Assert.Equal(10, latest.Values.Count(v => v == 2));
        Assert.All(changed, r => Assert.Equal(2L, latest[r.Id]));
        Assert.Equal(30L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM (SELECT arg_max(Version, Version) FROM {dataset} GROUP BY TenantId, Id)"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Declining_every_file_writes_nothing_at_all()
    {
        var asked = new List<string>();
        var options = Options();
        options.RowGroupSize = 10;
        options.ShouldWrite = location =>
        {
            asked.Add(location);
            return Task.FromResult(false);
        };

        await WriteAsync(LakeTestRows.MediaStreams(100, s_monday, TimeSpan.FromHours(1)), options);

        Assert.Empty(_folder.Files());
        Assert.Empty(System.IO.Directory.GetDirectories(_folder.Root));
        Assert.Equal(5, asked.Count);
        Assert.All(asked, location => Assert.StartsWith(System.IO.Path.Combine(_folder.Root, "CallRecordMediaStream"), location, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_of_the_same_name_is_never_replaced()
    {
        var options = Options();
        await WriteAsync(LakeTestRows.PstnCalls(5, s_monday, TimeSpan.FromMinutes(1)), options);
        var before = System.IO.File.ReadAllBytes(System.IO.Path.Combine(_folder.Root, _folder.Files().Single()));

        var failure = await Assert.ThrowsAsync<LakeWriteException>(() => WriteAsync(LakeTestRows.PstnCalls(7, s_monday, TimeSpan.FromMinutes(1), seed: 9), options));

        Assert.Equal(LakeFailure.AlreadyExists, failure.Failure);
        Assert.Equal(before, System.IO.File.ReadAllBytes(System.IO.Path.Combine(_folder.Root, _folder.Files().Single())));
    }

    [Fact]
    public async Task Rows_without_a_tenant_or_a_date_of_their_own_are_filed_under_the_run_day()
    {
        var options = Options();
        options.RunStarted = new DateTimeOffset(2026, 2, 1, 23, 30, 0, TimeSpan.FromHours(-5));
        var rows = new object[]
        {
            new CallQualityAggregate { Dimension = "Total", Streams = 10, Poor = 2 },
            new CallQualityPoorReason { Reason = "Jitter", PoorStreams = 2, Share = 1 },
            new CallRecordParticipant { TenantId = TenantA, CallRecordId = "record-1", Id = "user-1" },
            new PstnOnlineMeetingDialoutReportRow { TenantId = TenantA, UserId = "user-1", TotalCalls = 3, TotalCallCharge = 1.25m },
            new SmsLogRow { TenantId = TenantA, Id = "sms-1", SentDateTime = s_monday.AddHours(3) },
            new PstnBlockedUserLogRow { TenantId = TenantA, UserId = "user-1", BlockDateTime = s_monday.AddDays(1) },
            new PstnCallLogRow { TenantId = "", Id = "no-tenant", StartDateTime = null },
        };

        await WriteAsync(rows, options);

        var folders = _folder.Files().Select(f => f[..f.LastIndexOf('/')]);
        Assert.Equal(
            new[]
            {
                "CallQualityAggregate/date=2026-02-02",
                "CallQualityPoorReason/date=2026-02-02",
                $"CallRecordParticipant/tenant={TenantA}/date=2026-02-02",
                "PstnCallLogRow/tenant=__HIVE_DEFAULT_PARTITION__/date=2026-02-02",
                $"PstnBlockedUserLogRow/tenant={TenantA}/date=2026-01-06",
                $"PstnOnlineMeetingDialoutReportRow/tenant={TenantA}/date=2026-02-02",
                $"SmsLogRow/tenant={TenantA}/date=2026-01-05",
            }.OrderBy(f => f, StringComparer.Ordinal),
            folders);
    }

    [Fact]
    public void Partition_values_are_escaped_as_Hive_escapes_them()
    {
        Assert.Equal("contoso.onmicrosoft.com", LakePartition.Escape("contoso.onmicrosoft.com"));
        Assert.Equal("a%2Fb%3Dc%20d%C3%A9", LakePartition.Escape("a/b=c dé"));
        Assert.Equal("__HIVE_DEFAULT_PARTITION__", LakePartition.Escape(""));
    }

    [Fact]
    public void Every_row_type_has_a_schema_and_no_column_is_named_like_a_partition()
    {
        foreach (var type in LakeWriter.RowTypes)
        {
            var table = LakeTable.Create(type)!;

            Assert.Equal(ColumnSet.For(type).Columns.Count, table.Schema.Fields.Count);
            Assert.DoesNotContain(table.Schema.Fields, f => f.Name.Equals("tenant", StringComparison.OrdinalIgnoreCase) || f.Name.Equals("date", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_row_of_another_type_is_refused()
    {
        await using var writer = new LakeWriter(new FolderStorage(_folder.Root), Options());

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => writer.AddAsync(new CallRecordSyncSummary(), CancellationToken.None));

        Assert.Contains("CallRecords.CallRecordSyncSummary", failure.Message, StringComparison.Ordinal);
        Assert.False(LakeWriter.Takes(typeof(CallRecordSyncSummary)));
    }

    private static LakeWriterOptions Options() => new() { RunId = LakeWriterOptions.NewRunId(DateTimeOffset.UtcNow) };

    // DuckDB prints a decimal with the column's scale; the rows' sum has its own.
    private static string Normalise(string line) => Regex.Replace(line, @"(\d+\.\d*?)0+ in", "$1 in").Replace(". in", " in", StringComparison.Ordinal);

    private async Task WriteAsync(IEnumerable<object> rows, LakeWriterOptions options)
    {
        await using var writer = new LakeWriter(new FolderStorage(_folder.Root), options);
        foreach (var row in rows)
        {
            await writer.AddAsync(row, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }
}
