using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Columns;
using CallRecords.Engine.Sync;
using CallRecords.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Sync-CallRecord's engine against the emulator over loopback, with the store read back by plain SQL.</summary>
public sealed class SyncTests : IDisposable
{
    // A small tenant: 12 calls a day (the first three of each day are meetings of 61 to 300 sessions), 20 rows a
    // day in each call log.
    private static readonly string[] s_smallTenant = { "--users", "20", "--calls-per-day", "12", "--pstn-rows-per-day", "20", "--dr-rows-per-day", "20", "--throttle", "off" };
    // The emulator's tenant unless --tenant-id says otherwise.
    private static readonly string[] s_tenant = { EngineTestConnections.EmulatorTenantId };
    private readonly string _folder = Directory.CreateTempSubdirectory("callrecords-sync-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_first_run_stores_exactly_the_emulators_records_and_rows_and_a_rerun_changes_nothing()
    {
        using var emulator = Start("61");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var now = EmulatorNow(emulator);
        var request = new SyncRequest { Since = now.AddDays(-3), Now = now };
        var path = Path.Combine(_folder, "calls.db");

        var progress = new List<SyncProgress>();
        var first = await RunAsync(connection, path, request, progress: progress.Add);

        Assert.Equal(TruthIds(emulator, "callRecords", request.Since!.Value, now), Column(path, "SELECT Id FROM CallRecord"));
        Assert.Equal(TruthIds(emulator, "pstn", request.Since!.Value, now.AddTicks(-1)), Column(path, "SELECT Id FROM PstnCallLogRow"));
        Assert.Equal(TruthIds(emulator, "directRouting", request.Since!.Value, now), Column(path, "SELECT Id FROM DirectRoutingCallLogRow"));
        Assert.All(first, s => Assert.Equal(0, s.Updated + s.Unchanged));
        Assert.Equal(Count(path, "CallRecord"), first.Single(s => s.Kind == CallRecordSyncKind.CallRecord).Added);
        Assert.Equal(Count(path, "CallRecordMediaStream"), first.Single(s => s.Kind == CallRecordSyncKind.MediaStream).Added);
        Assert.All(first, s => Assert.Equal(now, s.Checkpoint));
        AssertWholeRecords(path);
        Assert.Equal(new[] { "CallRecord", "PstnCall", "DirectRoutingCall" }, progress.Select(p => p.Pass).Distinct());
        Assert.Equal(3 + 1 + 1, progress.Count);
        Assert.All(progress.GroupBy(p => p.Pass), pass => Assert.Equal(pass.Select(p => p.DoneUpTo).Order(), pass.Select(p => p.DoneUpTo)));
        Assert.All(progress.GroupBy(p => p.Pass), pass => Assert.Equal((now, 100), (pass.Last().DoneUpTo, pass.Last().PercentComplete)));

        var before = Dump(path);
        var log = new CapturedLog();
        // A scheduled script passes the same -Since every time: later runs still start at the checkpoint less the overlap.
        var second = await RunAsync(connection, path, new SyncRequest { Since = request.Since, Now = now }, log.Log);

        Assert.Equal(now.AddHours(-24), second.Single(s => s.Kind == CallRecordSyncKind.CallRecord).StartDateTime);
        Assert.Equal(now.AddHours(-48), second.Single(s => s.Kind == CallRecordSyncKind.PstnCall).StartDateTime);
        Assert.Equal(now.AddHours(-48), second.Single(s => s.Kind == CallRecordSyncKind.DirectRoutingCall).StartDateTime);
        Assert.All(second, s => Assert.Equal(0, s.Added + s.Updated));
        Assert.True(second.Single(s => s.Kind == CallRecordSyncKind.CallRecord).Unchanged > 0, "the overlap read nothing again");
        Assert.Contains(log.Verbose, line => line.Contains("communications/callRecords?$filter"));
        Assert.DoesNotContain(log.Verbose, line => line.Contains("$expand=sessions"));
        Assert.Equal(before, Dump(path));
    }

    [Fact]
    public async Task New_calls_and_revisions_are_added_and_replace_the_older_version_with_its_sessions()
    {
        using var emulator = Start("62");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var now = EmulatorNow(emulator);
        var path = Path.Combine(_folder, "calls.db");
        await RunAsync(connection, path, new SyncRequest { Kinds = new[] { CallRecordSyncKind.CallRecord, CallRecordSyncKind.MediaStream }, Since = now.AddDays(-1), Now = now });
        var revisedId = Column(path, "SELECT Id FROM CallRecord ORDER BY StartDateTime DESC LIMIT 1").Single();
        var oldVersion = long.Parse(Column(path, $"SELECT Version FROM CallRecord WHERE Id = '{revisedId}'").Single());
        var newIds = emulator.PostJson("/_emulator/calls?count=4").GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        emulator.PostJson($"/_emulator/calls/{revisedId}/revise");

        var changed = new List<object>();
        var summaries = await RunAsync(connection, path, new SyncRequest { Kinds = new[] { CallRecordSyncKind.CallRecord, CallRecordSyncKind.MediaStream }, Now = now.AddMinutes(1) }, onChanged: changed.Add);

        var records = summaries.Single(s => s.Kind == CallRecordSyncKind.CallRecord);
        Assert.Equal(4, records.Added);
        Assert.Equal(1, records.Updated);
        Assert.Equal(newIds.Append(revisedId).OrderBy(id => id), changed.OfType<CallRecord>().Select(r => r.Id).OrderBy(id => id));
        Assert.Equal(changed.OfType<CallRecord>().Sum(r => r.Sessions!.Sum(s => s.Segments.Sum(g => g.MediaStreams.Count))), changed.OfType<CallRecordMediaStream>().Count());
        Assert.Equal((oldVersion + 1).ToString(), Column(path, $"SELECT Version FROM CallRecord WHERE Id = '{revisedId}'").Single());
        AssertWholeRecords(path);
        Assert.Equal(0, Count(path, "PstnCallLogRow"));
    }

    [Fact]
    public async Task The_beta_logs_are_synced_only_when_asked_for_and_then_hold_exactly_the_emulators_rows_and_a_rerun_changes_nothing()
    {
        using var emulator = Start("64", "--sms-rows-per-day", "30", "--blocked-user-rows-per-day", "6");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var now = EmulatorNow(emulator);
        var since = now.AddDays(-40);
        var path = Path.Combine(_folder, "calls.db");

        var defaults = new SyncRequest().Kinds;
        var progress = new List<SyncProgress>();
        var changed = new List<object>();
        var beta = new[] { CallRecordSyncKind.SmsLog, CallRecordSyncKind.PstnBlockedUser };
        var first = await RunAsync(connection, path, new SyncRequest { Kinds = beta, Since = since, Now = now }, onChanged: changed.Add, progress: progress.Add);
        var second = await RunAsync(connection, path, new SyncRequest { Kinds = beta, Since = since, Now = now });

        Assert.DoesNotContain(CallRecordSyncKind.SmsLog, defaults);
        Assert.DoesNotContain(CallRecordSyncKind.PstnBlockedUser, defaults);
        Assert.Equal(Enum.GetValues<CallRecordSyncKind>().Except(beta), defaults);
        Assert.Equal(TruthIds(emulator, "sms", since, now.AddTicks(-1)), Column(path, "SELECT Id FROM SmsLogRow"));
        Assert.Equal(TruthIds(emulator, "pstnBlockedUsers", since, now.AddTicks(-1)), Column(path, "SELECT RemediationId FROM PstnBlockedUserLogRow"));
        Assert.Equal(beta, first.Select(s => s.Kind));
        Assert.Equal(Count(path, "SmsLogRow"), first[0].Added);
        Assert.Equal(Count(path, "PstnBlockedUserLogRow"), first[1].Added);
        Assert.Equal(first.Sum(s => s.Added), changed.Count);
        Assert.Contains(changed, r => r is SmsLogRow);
        Assert.Contains(changed, r => r is PstnBlockedUserLogRow);
        Assert.NotEmpty(Column(path, "SELECT AdministrativeUnitIds FROM SmsLogRow WHERE AdministrativeUnitIds IS NOT NULL"));

        // Seven-day slices of SMS over 40 days, 30-day slices of blocked users.
        Assert.Equal(6, progress.Count(p => p.Pass == "SmsLog"));
        Assert.Equal(2, progress.Count(p => p.Pass == "PstnBlockedUser"));
        Assert.All(second, s => Assert.Equal((0L, now.AddHours(-48)), (s.Added + s.Updated, s.StartDateTime)));
        Assert.All(second, s => Assert.True(s.Unchanged > 0, $"{s.Kind} read nothing again"));
    }

    [Fact]
    public async Task A_row_without_its_key_stops_the_run_before_it_is_stored_and_leaves_the_checkpoint()
    {
        // The documented getSmsLog example has no id.
        using var server = new FixtureServer();
        server.Json("/beta/communications/callRecords/microsoft.graph.callRecords.getSmsLog(fromDateTime=2022-10-06T00:00:00.0000000Z,toDateTime=2022-10-06T23:59:59.9999999Z)", File.ReadAllText(Path.Combine(RepositoryPaths.GraphDocsFixtures, "callrecord-getsmslog-beta.json")));
        server.Json("/beta/communications/callRecords/getSmsLog(fromDateTime=2022-11-01,toDateTime=2022-12-01)", "{\"value\":[]}");
        using var connection = EngineTestConnections.ConnectWithToken(server.Url);
        var path = Path.Combine(_folder, "calls.db");
        var start = new DateTimeOffset(2022, 10, 6, 0, 0, 0, TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<SyncRowWithoutKeyException>(() => RunAsync(connection, path, new SyncRequest { Kinds = new[] { CallRecordSyncKind.SmsLog }, Since = start, Now = start.AddDays(1) }));

        Assert.Equal(("SmsLogRow", "Id"), (error.Table, error.Column));
        Assert.Equal(0, Count(path, "SmsLogRow"));
        Assert.Empty(Column(path, "SELECT Checkpoint FROM SyncCheckpoint"));
        Assert.Equal("Failed", Column(path, "SELECT Outcome FROM SyncRun").Single());
    }

    [Fact]
    public async Task A_store_from_before_the_beta_logs_reads_them_as_empty_and_its_next_run_adds_their_tables()
    {
        var path = Path.Combine(_folder, "old.db");
        await (await SqliteSyncStore.OpenForRunAsync(path, s_tenant, TimeSpan.Zero, CancellationToken.None)).DisposeAsync();
        Execute(path, "DROP TABLE SmsLogRow; DROP TABLE PstnBlockedUserLogRow");

        await using (var reader = SqliteSyncStore.OpenForReading(path))
        {
            var state = await reader.ReadStateAsync(CancellationToken.None);
            Assert.Equal(Enum.GetValues<CallRecordSyncKind>(), state.Select(s => s.Kind));
            Assert.All(state, s => Assert.Equal(0, s.Rows));
        }

        await (await SqliteSyncStore.OpenForRunAsync(path, s_tenant, TimeSpan.Zero, CancellationToken.None)).DisposeAsync();

        Assert.Equal(0, Count(path, "SmsLogRow"));
        Assert.Equal(0, Count(path, "PstnBlockedUserLogRow"));
    }

    [Fact]
    public async Task A_run_cancelled_midway_leaves_whole_records_and_the_next_run_ends_equal_to_an_uninterrupted_one()
    {
        using var emulator = Start("63");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var now = EmulatorNow(emulator);
        var since = now.AddDays(-4);
        var interrupted = Path.Combine(_folder, "interrupted.db");
        var clean = Path.Combine(_folder, "clean.db");

        using (var stop = new CancellationTokenSource())
        {
            var seen = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(connection, interrupted, new SyncRequest { Since = since, Now = now }, onChanged: _ =>
            {
                if (++seen == 30)
                {
                    stop.Cancel();
                }
            }, cancellationToken: stop.Token));
        }

        AssertWholeRecords(interrupted);
        Assert.InRange(Count(interrupted, "CallRecord"), 1, TruthIds(emulator, "callRecords", since, now).Count - 1);
        Assert.Equal("Cancelled", Column(interrupted, "SELECT Outcome FROM SyncRun").Single());

        await RunAsync(connection, interrupted, new SyncRequest { Since = since, Now = now });
        await RunAsync(connection, clean, new SyncRequest { Since = since, Now = now });

        Assert.Equal(Dump(clean), Dump(interrupted));
    }

    [Fact]
    public async Task A_second_run_on_the_same_store_waits_its_timeout_then_fails_busy_and_the_store_stays_usable()
    {
        var path = Path.Combine(_folder, "calls.db");
        await using (var first = await SqliteSyncStore.OpenForRunAsync(path, s_tenant, TimeSpan.Zero, CancellationToken.None))
        {
            var watch = Stopwatch.StartNew();
            var busy = await Assert.ThrowsAsync<SyncStoreBusyException>(() => SqliteSyncStore.OpenForRunAsync(path, s_tenant, TimeSpan.FromMilliseconds(400), CancellationToken.None));
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
            Assert.Equal(path, busy.StorePath);
            await first.StartRunAsync(new SyncLease(s_tenant[0], SyncPass.PstnCalls, "test", new GraphClock()), DateTimeOffset.UtcNow, CancellationToken.None);
            await using var whileRunning = SqliteSyncStore.OpenForReading(path);
            Assert.Equal("Running", (await whileRunning.ReadStateAsync(CancellationToken.None)).Single(s => s.Kind == CallRecordSyncKind.PstnCall).LastRunOutcome);
        }

        // The run above never ended: without its lock it reads as interrupted, and the next run can start.
        await using var reader = SqliteSyncStore.OpenForReading(path);
        Assert.Equal("Interrupted", (await reader.ReadStateAsync(CancellationToken.None)).Single(s => s.Kind == CallRecordSyncKind.PstnCall).LastRunOutcome);
        await using var next = await SqliteSyncStore.OpenForRunAsync(path, s_tenant, TimeSpan.Zero, CancellationToken.None);
    }

    [Fact]
    public async Task A_store_from_an_earlier_release_gains_the_new_columns_and_keeps_its_rows()
    {
        var path = Path.Combine(_folder, "old.db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path + ";Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE CallRecordMediaStream (CallRecordId TEXT, StreamId TEXT, Quality TEXT); INSERT INTO CallRecordMediaStream VALUES ('r1', 's1', 'Poor')";
            create.ExecuteNonQuery();
        }

        await (await SqliteSyncStore.OpenForRunAsync(path, s_tenant, TimeSpan.Zero, CancellationToken.None)).DisposeAsync();

        var names = Column(path, "SELECT name FROM pragma_table_info('CallRecordMediaStream')");
        Assert.Equal(StoreTable.MediaStreams.Columns.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal(new[] { "Poor||" + s_tenant[0] }, Column(path, "SELECT Quality || '|' || coalesce(CallerSubnet, '') || '|' || TenantId FROM CallRecordMediaStream WHERE StreamId = 's1'"));
    }

    [Fact]
    public async Task A_store_written_by_release_0_1_0_keeps_its_rows_and_gets_the_new_columns_filled_for_new_rows()
    {
        var path = Path.Combine(_folder, "release-0.1.0.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        using (var create = old.CreateCommand())
        {
            old.Open();
            create.CommandText = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "stores", "store-0.1.0.sql"));
            create.ExecuteNonQuery();
        }

        var oldRecords = Column(path, "SELECT Id FROM CallRecord ORDER BY Id");
        var oldStreams = Column(path, "SELECT CallRecordId || StreamId || StreamDirection || coalesce(AverageJitterMs, '') FROM CallRecordMediaStream ORDER BY 1");
        using var emulator = EmulatorProcess.Start("--seed", "77", "--users", "20", "--calls-per-day", "12", "--pstn-rows-per-day", "20", "--dr-rows-per-day", "20", "--now", "2026-11-26T12:00:00Z");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        await RunAsync(connection, path, new SyncRequest { Since = now.AddHours(-36), Now = now });

        // The records the store had (same version in Graph) are kept as they were, their new columns empty.
        Assert.Equal(3, oldRecords.Count);
        Assert.Equal(oldStreams, Column(path, $"SELECT CallRecordId || StreamId || StreamDirection || coalesce(AverageJitterMs, '') FROM CallRecordMediaStream WHERE CallRecordId IN ({Quoted(oldRecords)}) ORDER BY 1"));
        Assert.Equal(new[] { "0" }, Column(path, $"SELECT count(*) FROM CallRecordMediaStream WHERE CallRecordId IN ({Quoted(oldRecords)}) AND CallerCpuName IS NOT NULL"));

        // Records new to the store have every column, the ones added since 0.1.0 included.
        var all = TruthIds(emulator, "callRecords", now.AddHours(-36), now);
        Assert.Equal(all, Column(path, "SELECT Id FROM CallRecord ORDER BY Id"));
        var newStreams = $"FROM CallRecordMediaStream WHERE CallRecordId NOT IN ({Quoted(oldRecords)})";
        Assert.NotEqual(new[] { "0" }, Column(path, $"SELECT count(*) {newStreams}"));
        Assert.NotEqual(new[] { "0" }, Column(path, $"SELECT count(*) {newStreams} AND CallerMicGlitchRate IS NOT NULL AND CallerCpuName IS NOT NULL AND CalleeBandwidthLowEventRatio IS NOT NULL"));
    }

    [Fact]
    public void The_schemas_columns_are_the_output_types_columns_as_PowerShell_shows_them()
    {
        Assert.Equal(typeof(PstnCallLogRow).GetProperties().Select(p => p.Name), StoreTable.PstnCalls.Columns.Select(c => c.Name));
        Assert.Equal(typeof(DirectRoutingCallLogRow).GetProperties().Select(p => p.Name), StoreTable.DirectRoutingCalls.Columns.Select(c => c.Name));
        Assert.Equal(typeof(SmsLogRow).GetProperties().Select(p => p.Name), StoreTable.SmsLogs.Columns.Select(c => c.Name));
        Assert.Equal(typeof(PstnBlockedUserLogRow).GetProperties().Select(p => p.Name), StoreTable.PstnBlockedUsers.Columns.Select(c => c.Name));
        Assert.Equal(new[] { "TenantId", "Id" }, StoreTable.SmsLogs.Key);
        Assert.Equal(new[] { "TenantId", "RemediationId", "UserId", "BlockDateTime" }, StoreTable.PstnBlockedUsers.Key);
        Assert.All(StoreTable.All.Where(t => t.Key.Count > 0), t => Assert.Equal("TenantId", t.Key[0]));
        Assert.Contains("OrganizerDisplayName", StoreTable.CallRecords.Columns.Select(c => c.Name));
        Assert.DoesNotContain("Sessions", StoreTable.CallRecords.Columns.Select(c => c.Name));
        Assert.Contains("CallerUserPrincipalName", StoreTable.Segments.Columns.Select(c => c.Name));
        Assert.Contains("CallerSubnet", StoreTable.MediaStreams.Columns.Select(c => c.Name));
        Assert.Contains("CalleeCaptureDeviceName", StoreTable.MediaStreams.Columns.Select(c => c.Name));
        Assert.Equal(ColumnSet.For<CallRecordMediaStream>().Columns.Select(c => c.Name), StoreTable.MediaStreams.Columns.Select(c => c.Name));
        Assert.Equal(ColumnSet.For<CallRecordSession>().Columns.Select(c => c.Name), StoreTable.Sessions.Columns.Select(c => c.Name));
    }

    internal static EmulatorProcess Start(string seed, params string[] more) => EmulatorProcess.Start(new[] { "--seed", seed }.Concat(s_smallTenant).Concat(more).ToArray());

    internal static DateTimeOffset EmulatorNow(EmulatorProcess emulator) => emulator.GetJson("/_emulator/stats").GetProperty("now").GetDateTimeOffset();

    internal static async Task<IReadOnlyList<CallRecordSyncSummary>> RunAsync(GraphConnection connection, string path, SyncRequest request, RequestLog? log = null, Action<object>? onChanged = null, CancellationToken cancellationToken = default, Action<SyncProgress>? progress = null)
    {
        await using var store = await SqliteSyncStore.OpenForRunAsync(path, new[] { connection.TenantId }, TimeSpan.FromSeconds(5), cancellationToken);
        return await new CallRecordSync(store, request) { Progress = progress, Changed = onChanged }.RunAsync(new[] { connection }, CallRecordSync.DefaultThrottleLimit, log ?? RequestLog.None, cancellationToken);
    }

    internal static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static List<string> TruthIds(EmulatorProcess emulator, string kind, DateTimeOffset from, DateTimeOffset to) =>
        emulator.TruthIds($"/_emulator/truth/{kind}?from={Uri.EscapeDataString(from.ToString("o"))}&to={Uri.EscapeDataString(to.ToString("o"))}").OrderBy(id => id, StringComparer.Ordinal).ToList();

    private static string Quoted(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));

    internal static List<string> Column(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return sql.Contains("ORDER BY") ? values : values.OrderBy(v => v, StringComparer.Ordinal).ToList();
    }

    internal static long Count(string path, string table) => long.Parse(Column(path, $"SELECT count(*) FROM \"{table}\"").Single());

    /// <summary>Every row of every data table, sorted: two stores with equal dumps hold the same data.</summary>
    internal static List<string> Dump(string path)
    {
        var rows = new List<string>();
        foreach (var table in new[] { "CallRecord", "CallRecordSession", "CallRecordSegment", "CallRecordMediaStream", "PstnCallLogRow", "DirectRoutingCallLogRow" })
        {
            using var connection = Open(path);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(table + "|" + string.Join("|", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Every stored record has exactly its sessions, and every session its segments: nothing half-written.</summary>
    internal static void AssertWholeRecords(string path)
    {
        Assert.Empty(Column(path, "SELECT r.Id FROM CallRecord r WHERE r.SessionCount IS NOT (SELECT count(*) FROM CallRecordSession s WHERE s.CallRecordId = r.Id)"));
        Assert.Empty(Column(path, "SELECT s.Id FROM CallRecordSession s WHERE s.SegmentCount IS NOT (SELECT count(*) FROM CallRecordSegment g WHERE g.CallRecordId = s.CallRecordId AND g.SessionId = s.Id)"));
        Assert.Empty(Column(path, "SELECT CallRecordId FROM CallRecordSession WHERE CallRecordId NOT IN (SELECT Id FROM CallRecord) UNION SELECT CallRecordId FROM CallRecordMediaStream WHERE CallRecordId NOT IN (SELECT Id FROM CallRecord)"));
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
