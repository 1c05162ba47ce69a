using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Sync;
using CallRecords.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The PostgreSQL store on a private server: the same rows as SQLite, leases between workers, views, secrets.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSyncTests : IDisposable
{
    private const string Contoso = "11111111-1111-4111-8111-111111111111";
    private const string Fabrikam = "22222222-2222-4222-8222-222222222222";
    private readonly PostgresFixture _postgres;
    private readonly string _folder = Directory.CreateTempSubdirectory("callrecords-postgres-").FullName;

    public PostgresSyncTests(PostgresFixture postgres) => _postgres = postgres;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_PostgreSQL_store_holds_every_value_a_SQLite_store_holds_and_a_rerun_changes_nothing()
    {
        using var emulator = SyncTests.Start("81", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var request = new SyncRequest { Since = now.AddDays(-2), Now = now };
        var database = _postgres.CreateDatabase();
        var path = Path.Combine(_folder, "same.db");

        await SyncTests.RunAsync(connection, path, request);
        var first = await RunAsync(database, connection, request);
        var sqlite = DumpSqlite(path);
        var postgres = await DumpPostgresAsync(database);

        Assert.All(StoreTable.All.Take(6), table => Assert.NotEmpty(sqlite[table.Name]));
        foreach (var table in StoreTable.All)
        {
            // Differences first, so a failure shows the rows that differ.
            Assert.Empty(sqlite[table.Name].Except(postgres[table.Name]));
            Assert.Empty(postgres[table.Name].Except(sqlite[table.Name]));
            Assert.Equal(sqlite[table.Name], postgres[table.Name]);
        }

        Assert.Equal(SyncTests.TruthIds(emulator, "callRecords", request.Since!.Value, now), await ColumnAsync(database, "SELECT \"Id\" FROM \"CallRecord\""));
        Assert.All(first, s => Assert.Equal(0L, s.Updated));

        var rerun = await RunAsync(database, connection, request);
        Assert.All(rerun, s => Assert.Equal((0L, 0L), (s.Added, s.Updated)));
        var again = await DumpPostgresAsync(database);
        Assert.All(StoreTable.All, table => Assert.Equal(postgres[table.Name], again[table.Name]));
        Assert.Equal(
            new[] { "CallRecord,MediaStream", "DirectRoutingCall", "PstnCall" }.SelectMany(k => new[] { $"{k}|Completed", $"{k}|Completed" }).Order(StringComparer.Ordinal),
            await ColumnAsync(database, "SELECT \"Kinds\" || '|' || \"Outcome\" FROM \"SyncRun\""));
    }

    [Fact]
    public async Task A_revised_call_record_replaces_its_sessions_segments_and_streams_and_new_calls_are_added()
    {
        using var emulator = SyncTests.Start("82", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var kinds = new[] { CallRecordSyncKind.CallRecord, CallRecordSyncKind.MediaStream };
        var database = _postgres.CreateDatabase();
        await RunAsync(database, connection, new SyncRequest { Kinds = kinds, Since = now.AddDays(-1), Now = now });
        var revisedId = (await ColumnAsync(database, "SELECT \"Id\" FROM \"CallRecord\" ORDER BY \"SessionCount\" DESC, \"Id\" LIMIT 1")).Single();
        var oldVersion = long.Parse((await ColumnAsync(database, $"SELECT \"Version\" FROM \"CallRecord\" WHERE \"Id\" = '{revisedId}'")).Single(), CultureInfo.InvariantCulture);
        var newIds = emulator.PostJson("/_emulator/calls?count=4").GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        emulator.PostJson($"/_emulator/calls/{revisedId}/revise");

        var changed = new ConcurrentQueue<object>();
        var summaries = await RunAsync(database, connection, new SyncRequest { Kinds = kinds, Now = now.AddMinutes(1) }, changed.Enqueue);

        var records = summaries.Single(s => s.Kind == CallRecordSyncKind.CallRecord);
        Assert.Equal((4L, 1L), (records.Added, records.Updated));
        Assert.Equal(newIds.Append(revisedId).Order(StringComparer.Ordinal), changed.OfType<CallRecord>().Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal((oldVersion + 1).ToString(CultureInfo.InvariantCulture), (await ColumnAsync(database, $"SELECT \"Version\" FROM \"CallRecord\" WHERE \"Id\" = '{revisedId}'")).Single());
        var revised = changed.OfType<CallRecord>().Single(r => r.Id == revisedId);
        Assert.Equal(
            revised.Sessions!.Sum(s => s.Segments.Sum(g => g.MediaStreams.Count)).ToString(CultureInfo.InvariantCulture),
            (await ColumnAsync(database, $"SELECT count(*) FROM \"CallRecordMediaStream\" WHERE \"CallRecordId\" = '{revisedId}'")).Single());

        // Whole records: each has exactly its sessions and each session its segments, nothing of the old version left.
        Assert.Empty(await ColumnAsync(database, "SELECT r.\"Id\" FROM \"CallRecord\" r WHERE r.\"SessionCount\" IS DISTINCT FROM (SELECT count(*) FROM \"CallRecordSession\" s WHERE s.\"TenantId\" = r.\"TenantId\" AND s.\"CallRecordId\" = r.\"Id\")"));
        Assert.Empty(await ColumnAsync(database, "SELECT s.\"Id\" FROM \"CallRecordSession\" s WHERE s.\"SegmentCount\" IS DISTINCT FROM (SELECT count(*) FROM \"CallRecordSegment\" g WHERE g.\"TenantId\" = s.\"TenantId\" AND g.\"CallRecordId\" = s.\"CallRecordId\" AND g.\"SessionId\" = s.\"Id\")"));
    }

    [Fact]
    public async Task A_lease_is_one_workers_until_given_back_or_expired_and_a_worker_that_lost_it_writes_nothing()
    {
        var database = _postgres.CreateDatabase();
        await using var first = await PostgresSyncStore.OpenForRunAsync(database, TimeSpan.FromMinutes(1), CancellationToken.None);
        await using var second = await PostgresSyncStore.OpenForRunAsync(database, TimeSpan.FromMinutes(1), CancellationToken.None);
        var clock = new GraphClock();

        var held = await first.TryTakeLeaseAsync(Contoso, SyncPass.PstnCalls, "first", clock, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await second.TryTakeLeaseAsync(Contoso, SyncPass.PstnCalls, "second", clock, CancellationToken.None));
        await using (var other = await second.TryTakeLeaseAsync(Fabrikam, SyncPass.PstnCalls, "second", clock, CancellationToken.None))
        {
            Assert.NotNull(other);
            await using var otherPass = await second.TryTakeLeaseAsync(Contoso, SyncPass.CallRecords, "second", clock, CancellationToken.None);
            Assert.NotNull(otherPass);

            // The call logs draw on one Graph limit per app and tenant: while PSTN is held, so is Direct Routing.
            Assert.Null(await second.TryTakeLeaseAsync(Contoso, SyncPass.DirectRoutingCalls, "second", clock, CancellationToken.None));
        }

        await held!.DisposeAsync();
        var taken = await second.TryTakeLeaseAsync(Contoso, SyncPass.PstnCalls, "second", clock, CancellationToken.None);
        Assert.NotNull(taken);
        var run = await second.StartRunAsync(taken!, clock.UtcNow, CancellationToken.None);
        await second.WriteRowsAsync(taken!, StoreTable.PstnCalls, new object[] { Row("written") }, now(), CancellationToken.None);

        // The second worker stops renewing (it died, or lost the database): once the lease has expired the first
        // takes the pass over, the dead run is marked Interrupted, and the second's next write is refused whole.
        await ExecuteAsync(database, $"UPDATE \"SyncLease\" SET \"ExpiresDateTime\" = now() - interval '1 second' WHERE \"TenantId\" = '{Contoso}'");
        var takenOver = await first.TryTakeLeaseAsync(Contoso, SyncPass.PstnCalls, "first", clock, CancellationToken.None);
        Assert.NotNull(takenOver);
        Assert.Equal(new[] { $"{run}|Interrupted" }, await ColumnAsync(database, "SELECT \"Id\" || '|' || \"Outcome\" FROM \"SyncRun\""));
        var lost = await Assert.ThrowsAsync<SyncLeaseLostException>(() => second.WriteRowsAsync(taken!, StoreTable.PstnCalls, new object[] { Row("late") }, now().AddHours(1), CancellationToken.None));
        Assert.Equal((Contoso, SyncPass.PstnCalls.Name), (lost.TenantId, lost.Pass));
        Assert.Equal(new[] { "written" }, await ColumnAsync(database, "SELECT \"Id\" FROM \"PstnCallLogRow\""));
        Assert.Equal(new[] { now().ToString("O", CultureInfo.InvariantCulture) }, (await ColumnAsync(database, "SELECT \"Checkpoint\" FROM \"SyncCheckpoint\"")).Select(Instant));

        // Giving back a lost lease leaves the new holder's lease alone.
        await taken!.DisposeAsync();
        Assert.Equal(new[] { "first" }, await ColumnAsync(database, "SELECT \"Holder\" FROM \"SyncLease\""));
        await takenOver!.DisposeAsync();
        Assert.Empty(await ColumnAsync(database, "SELECT \"Holder\" FROM \"SyncLease\""));

        static DateTimeOffset now() => new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        static PstnCallLogRow Row(string id) => new() { TenantId = Contoso, Id = id, StartDateTime = now() };
    }

    [Fact]
    public async Task A_pass_counts_as_done_for_a_later_run_when_completed_by_a_run_begun_after_it_or_running_when_it_began()
    {
        var database = _postgres.CreateDatabase();
        await using var store = await PostgresSyncStore.OpenForRunAsync(database, TimeSpan.FromMinutes(1), CancellationToken.None);
        var clock = new GraphClock();

        async Task<long> Run(string tenant, SyncPass pass, string? outcome)
        {
            await using var lease = await store.TryTakeLeaseAsync(tenant, pass, "worker", clock, CancellationToken.None);
            var id = await store.StartRunAsync(lease!, clock.UtcNow, CancellationToken.None);
            if (outcome is not null)
            {
                await store.EndRunAsync(id, outcome, null, clock.UtcNow);
            }

            return id;
        }

        // Before the mark: done earlier (PSTN), still running (Direct Routing, call records of the other tenant).
        await Run(Contoso, SyncPass.PstnCalls, "Completed");
        var running = await Run(Contoso, SyncPass.DirectRoutingCalls, null);
        var failing = await Run(Fabrikam, SyncPass.CallRecords, null);
        var mark = await store.MarkRunsAsync(CancellationToken.None);
        Assert.False(await store.CompletedSinceAsync(Contoso, SyncPass.PstnCalls, mark, CancellationToken.None));
        Assert.False(await store.CompletedSinceAsync(Contoso, SyncPass.DirectRoutingCalls, mark, CancellationToken.None));

        // After it: the running one completes, the other fails, and a new run completes PSTN of the other tenant.
        await store.EndRunAsync(running, "Completed", null, clock.UtcNow);
        await store.EndRunAsync(failing, "Failed", "Graph said no", clock.UtcNow);
        await Run(Fabrikam, SyncPass.PstnCalls, "Completed");
        Assert.True(await store.CompletedSinceAsync(Contoso, SyncPass.DirectRoutingCalls, mark, CancellationToken.None));
        Assert.False(await store.CompletedSinceAsync(Fabrikam, SyncPass.CallRecords, mark, CancellationToken.None));
        Assert.True(await store.CompletedSinceAsync(Fabrikam, SyncPass.PstnCalls, mark, CancellationToken.None));
        Assert.False(await store.CompletedSinceAsync(Contoso, SyncPass.PstnCalls, mark, CancellationToken.None));
    }

    [Fact]
    public async Task A_worker_whose_pass_was_taken_over_warns_stops_that_pass_and_goes_on_with_the_others()
    {
        using var emulator = SyncTests.Start("86", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var database = _postgres.CreateDatabase();
        var warnings = new ConcurrentQueue<string>();
        var stolen = 0;
        await using var store = await PostgresSyncStore.OpenForRunAsync(database, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None);
        var sync = new CallRecordSync(store, new SyncRequest { Since = now.AddDays(-3), Now = now })
        {
            // After the first day of call records, another worker takes the pass (as if this one had stalled past its lease).
            Progress = p =>
            {
                if (p.Pass == SyncPass.CallRecords.Name && Interlocked.Exchange(ref stolen, 1) == 0)
                {
                    // Progress is synchronous, so the lease is taken with a synchronous command.
                    using var steal = new NpgsqlConnection(database);
                    steal.Open();
                    using var command = new NpgsqlCommand("UPDATE \"SyncLease\" SET \"Holder\" = 'another' WHERE \"Kind\" = 'CallRecord'", steal);
                    command.ExecuteNonQuery();
                }
            },
        };

        var summaries = await sync.RunAsync(new[] { connection }, 1, new RequestLog { Warning = warnings.Enqueue }, CancellationToken.None);

        Assert.Equal(new[] { "PstnCall", "DirectRoutingCall" }, summaries.Select(s => s.Kind.ToString()));
        Assert.Contains("CallRecord of tenant " + Contoso, Assert.Single(warnings));
        Assert.Equal(
            new[] { "CallRecord,MediaStream|Interrupted", "DirectRoutingCall|Completed", "PstnCall|Completed" },
            await ColumnAsync(database, "SELECT \"Kinds\" || '|' || \"Outcome\" FROM \"SyncRun\""));

        // Only the first day was written, whole, with its checkpoint; the lease is the other worker's still.
        Assert.Equal(new[] { "another" }, await ColumnAsync(database, "SELECT \"Holder\" FROM \"SyncLease\""));
        var checkpoint = DateTimeOffset.Parse((await ColumnAsync(database, "SELECT \"Checkpoint\" FROM \"SyncCheckpoint\" WHERE \"Kind\" = 'CallRecord'")).Single(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(Microseconds(now.AddDays(-2)), checkpoint);
        Assert.Equal(SyncTests.TruthIds(emulator, "callRecords", now.AddDays(-3), now.AddDays(-2)), await ColumnAsync(database, "SELECT \"Id\" FROM \"CallRecord\""));
    }

    [Fact]
    public async Task A_held_lease_is_renewed_while_its_pass_runs_longer_than_the_lease()
    {
        var database = _postgres.CreateDatabase();
        var lease = TimeSpan.FromSeconds(2);
        await using var first = await PostgresSyncStore.OpenForRunAsync(database, lease, CancellationToken.None);
        await using var second = await PostgresSyncStore.OpenForRunAsync(database, lease, CancellationToken.None);
        await using var held = await first.TryTakeLeaseAsync(Contoso, SyncPass.CallRecords, "first", new GraphClock(), CancellationToken.None);

        // Wait, on the database's clock, until the lease as first taken has run out; by then it must have been renewed.
        var taken = (await ColumnAsync(database, "SELECT \"ExpiresDateTime\"::text FROM \"SyncLease\"")).Single();
        for (var polls = 0; (await ColumnAsync(database, $"SELECT now() > '{taken}'::timestamptz")).Single() != "True"; polls++)
        {
            Assert.True(polls < 300, "the database's clock did not pass the lease's first expiry within 30 s");
            await Task.Delay(100);
        }

        Assert.Equal(new[] { "True" }, await ColumnAsync(database, "SELECT \"ExpiresDateTime\" > now() FROM \"SyncLease\""));
        Assert.Null(await second.TryTakeLeaseAsync(Contoso, SyncPass.CallRecords, "second", new GraphClock(), CancellationToken.None));
    }

    [Fact]
    public async Task Two_workers_on_the_same_tenants_run_each_pass_once_and_the_store_equals_the_truth()
    {
        using var contoso = SyncTests.Start("83", "--tenant-id", Contoso, "--latency-ms", "30");
        using var fabrikam = SyncTests.Start("84", "--tenant-id", Fabrikam, "--latency-ms", "30");
        var now = SyncTests.EmulatorNow(contoso);
        var request = new SyncRequest { Since = now.AddDays(-2), Now = now };
        var database = _postgres.CreateDatabase();

        async Task<IReadOnlyList<CallRecordSyncSummary>> Worker()
        {
            using var a = EngineTestConnections.ConnectWithToken(contoso.Url, tenantId: Contoso);
            using var b = EngineTestConnections.ConnectWithToken(fabrikam.Url, tenantId: Fabrikam);
            await using var store = await PostgresSyncStore.OpenForRunAsync(database, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None);
            var sync = new CallRecordSync(store, request) { HeldPassPoll = TimeSpan.FromMilliseconds(200) };
            return await sync.RunAsync(new[] { a, b }, throttleLimit: 2, RequestLog.None, CancellationToken.None);
        }

        var workers = await Task.WhenAll(Worker(), Worker());

        // Every pass of every tenant ran once, by one worker or the other; the other waited for it to complete.
        var ran = workers.SelectMany(w => w).Select(s => $"{s.TenantId}|{s.Kind}").ToList();
        Assert.Equal(ran.Distinct().Count(), ran.Count);
        Assert.Equal(8, ran.Count);
        Assert.Equal(
            new[] { Contoso, Fabrikam }.SelectMany(t => new[] { "CallRecord,MediaStream", "DirectRoutingCall", "PstnCall" }.Select(k => $"{t}|{k}|Completed")).Order(StringComparer.Ordinal),
            await ColumnAsync(database, "SELECT \"TenantId\" || '|' || \"Kinds\" || '|' || \"Outcome\" FROM \"SyncRun\""));
        foreach (var (tenant, emulator) in new[] { (Contoso, contoso), (Fabrikam, fabrikam) })
        {
            Assert.Equal(SyncTests.TruthIds(emulator, "callRecords", request.Since!.Value, now), await ColumnAsync(database, $"SELECT \"Id\" FROM \"CallRecord\" WHERE \"TenantId\" = '{tenant}'"));
            Assert.Equal(SyncTests.TruthIds(emulator, "pstn", request.Since!.Value, now.AddTicks(-1)), await ColumnAsync(database, $"SELECT \"Id\" FROM \"PstnCallLogRow\" WHERE \"TenantId\" = '{tenant}'"));
        }

        Assert.Empty(await ColumnAsync(database, "SELECT \"Holder\" FROM \"SyncLease\""));
        await using var reader = await PostgresSyncStore.OpenForReadingAsync(database, CancellationToken.None);
        var states = await reader.ReadStateAsync(CancellationToken.None);
        Assert.All(states.Where(s => s.Kind <= CallRecordSyncKind.DirectRoutingCall), s => Assert.Equal((Microseconds(now), "Completed"), (s.Checkpoint!.Value, s.LastRunOutcome)));
    }

    [Fact]
    public async Task The_dashboard_views_count_poor_streams_and_PSTN_minutes_as_the_tables_hold_them()
    {
        using var emulator = SyncTests.Start("73", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var database = _postgres.CreateDatabase();
        await RunAsync(database, connection, new SyncRequest { Since = now.AddDays(-3), Now = now });

        Assert.Equal(
            await ColumnAsync(database, "SELECT CAST(\"StartDateTime\" AT TIME ZONE 'UTC' AS date) || '|' || \"MediaType\" || '|' || count(*) || '|' || count(*) FILTER (WHERE \"Quality\" = 'Poor') " +
                "FROM \"CallRecordMediaStream\" WHERE \"Quality\" IN ('Good', 'Poor') AND \"StartDateTime\" IS NOT NULL GROUP BY CAST(\"StartDateTime\" AT TIME ZONE 'UTC' AS date), \"MediaType\" ORDER BY 1"),
            await ColumnAsync(database, "SELECT \"Day\" || '|' || \"MediaType\" || '|' || \"ClassifiedStreams\" || '|' || \"PoorStreams\" FROM \"PoorStreamsByDay\" ORDER BY 1"));
        Assert.NotEqual(new[] { "0" }, await ColumnAsync(database, "SELECT sum(\"PoorStreams\") FROM \"PoorStreamsBySubnet\""));
        Assert.Equal(await ColumnAsync(database, "SELECT sum(\"PoorStreams\") FROM \"PoorStreamsByDay\""), await ColumnAsync(database, "SELECT sum(\"PoorStreams\") FROM \"PoorStreamsByUser\""));
        Assert.Equal(
            await ColumnAsync(database, "SELECT round(CAST(sum(\"Duration\") / 60.0 AS numeric), 2) FROM \"PstnCallLogRow\""),
            await ColumnAsync(database, "SELECT round(CAST(sum(\"Minutes\") AS numeric), 2) FROM \"PstnUsageByUserMonth\""));
        Assert.Equal(await ColumnAsync(database, "SELECT count(*) FROM \"PstnCallLogRow\""), await ColumnAsync(database, "SELECT sum(\"Calls\") FROM \"PstnUsageByUserMonth\""));
        Assert.All(await ColumnAsync(database, "SELECT to_char(\"Month\", 'DD') FROM \"PstnUsageByUserMonth\""), day => Assert.Equal("01", day));

        // The same data in SQLite gives the same dashboard.
        var path = Path.Combine(_folder, "views.db");
        await SyncTests.RunAsync(connection, path, new SyncRequest { Since = now.AddDays(-3), Now = now });
        foreach (var (view, by) in new[] { ("PoorStreamsByDay", "MediaType"), ("PoorStreamsBySubnet", "Subnet"), ("PoorStreamsByUser", "User") })
        {
            Assert.Equal(
                SyncTests.Column(path, $"SELECT TenantId || '|' || Day || '|' || coalesce(\"{by}\", '') || '|' || ClassifiedStreams || '|' || PoorStreams || '|' || printf('%.2f', PoorPercent) FROM {view}"),
                await ColumnAsync(database, $"SELECT \"TenantId\" || '|' || \"Day\" || '|' || coalesce(\"{by}\", '') || '|' || \"ClassifiedStreams\" || '|' || \"PoorStreams\" || '|' || to_char(\"PoorPercent\", 'FM9990.00') FROM \"{view}\""));
        }
    }

    [Fact]
    public async Task The_READMEs_PostgreSQL_queries_run_as_written_on_a_synced_store()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Many tenants, many machines", StringComparison.Ordinal)..];
        var block = System.Text.RegularExpressions.Regex.Match(section, "```sql\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var statements = block.Split(';').Select(s => s.Trim()).Where(s => s.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))).ToList();
        Assert.Equal(4, statements.Count);

        using var emulator = SyncTests.Start("87", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var database = _postgres.CreateDatabase();
        await RunAsync(database, connection, new SyncRequest { Since = now.AddDays(-3), Now = now });

        // The last week's subnets have rows; this month's PSTN usage may not, on the first day of a month.
        Assert.NotEmpty(await ColumnAsync(database, statements[0]));
        await ColumnAsync(database, statements[1]);
        foreach (var statement in statements.Skip(2))
        {
            await ExecuteAsync(database, statement);
        }

        Assert.Equal(new[] { "True" }, await ColumnAsync(database, "SELECT has_table_privilege('dashboards', '\"PoorStreamsByDay\"', 'SELECT') AND NOT has_table_privilege('dashboards', '\"CallRecord\"', 'INSERT')"));
    }

    [Fact]
    public async Task Workers_that_make_the_schema_at_once_take_turns_and_a_column_a_store_lacks_is_added()
    {
        var database = _postgres.CreateDatabase();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSyncStore.OpenForRunAsync(database, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        // A store an earlier release made: a column fewer, and that release's schema fingerprint.
        await ExecuteAsync(database, "ALTER TABLE \"CallRecordMediaStream\" DROP COLUMN \"CalleeCaptureDeviceName\"");
        await ExecuteAsync(database, "UPDATE \"SyncSchema\" SET \"Fingerprint\" = 'an earlier release'");
        await (await PostgresSyncStore.OpenForRunAsync(database, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None)).DisposeAsync();

        foreach (var table in StoreTable.All)
        {
            Assert.Equal(table.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), await ColumnAsync(database, $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table.Name}'"));
            Assert.Equal(table.Key, await ColumnAsync(database, $"SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '\"{table.Name}\"'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)"));
        }
    }

    [Fact]
    public async Task The_store_names_its_server_and_database_but_never_the_password_it_was_given()
    {
        const string Password = "Pa55-never-shown-7d41";
        using var emulator = SyncTests.Start("85", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var database = _postgres.CreateDatabase() + ";Password=" + Password;
        var said = new ConcurrentQueue<string>();
        var log = new RequestLog { Verbose = said.Enqueue, Debug = said.Enqueue, Warning = said.Enqueue };

        await using (var store = await PostgresSyncStore.OpenForRunAsync(database, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None))
        {
            said.Enqueue(store.Description);
            Assert.Equal($"PostgreSQL 127.0.0.1:{_postgres.Server.Port}/", store.Description[..^store.Description.Split('/')[^1].Length]);
            await new CallRecordSync(store, new SyncRequest { Since = now.AddDays(-1), Now = now }).RunAsync(new[] { connection }, 1, log, CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<SyncStoreException>(() => PostgresSyncStore.OpenForRunAsync($"Host=127.0.0.1;Port={FreePort()};Username=postgres;Password={Password};Timeout=2", PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None));
        said.Enqueue(refused.ToString());
        var malformed = await Assert.ThrowsAsync<SyncStoreException>(() => PostgresSyncStore.OpenForRunAsync($"Host=127.0.0.1;Password={Password};Colour=blue", PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None));
        said.Enqueue(malformed.ToString());

        Assert.NotEmpty(said);
        Assert.All(said, line => Assert.DoesNotContain(Password, line, StringComparison.Ordinal));
        Assert.Empty(await ColumnAsync(database, $"SELECT \"Worker\" FROM \"SyncRun\" WHERE concat_ws('|', \"Worker\", \"Message\") LIKE '%{Password}%'"));
    }

    internal static async Task<IReadOnlyList<CallRecordSyncSummary>> RunAsync(string database, GraphConnection connection, SyncRequest request, Action<object>? changed = null)
    {
        await using var store = await PostgresSyncStore.OpenForRunAsync(database, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None);
        return await new CallRecordSync(store, request) { Changed = changed }.RunAsync(new[] { connection }, CallRecordSync.DefaultThrottleLimit, RequestLog.None, CancellationToken.None);
    }

    internal static async Task<List<string>> ColumnAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return sql.Contains("ORDER BY", StringComparison.Ordinal) ? values : values.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static Dictionary<string, List<string>> DumpSqlite(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return StoreTable.All.ToDictionary(t => t.Name, t => Dump(connection, t));
    }

    private static async Task<Dictionary<string, List<string>>> DumpPostgresAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return StoreTable.All.ToDictionary(t => t.Name, t => Dump(connection, t));
    }

    /// <summary>Every row of a table with each value written the same way whichever database held it.</summary>
    private static List<string> Dump(DbConnection connection, StoreTable table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {table.ColumnList()} FROM \"{table.Name}\"";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", table.Columns.Select((column, i) => reader.IsDBNull(i) ? "∅" : Normal(column.ValueType, reader.GetValue(i)))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    // PostgreSQL keeps instants to the microsecond; Graph writes some to the 100 ns.
    private static string Normal(Type type, object value) =>
        type == typeof(DateTimeOffset) ? Microseconds(value is string text ? StoreDialect.Sqlite.InstantOf(text) : StoreDialect.Postgres.InstantOf(value)).ToString("O", CultureInfo.InvariantCulture)
        : type == typeof(bool) ? Convert.ToBoolean(value, CultureInfo.InvariantCulture).ToString()
        : type == typeof(double) || type == typeof(decimal) ? Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static DateTimeOffset Microseconds(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % 10));

    private static string Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).ToString("O", CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
