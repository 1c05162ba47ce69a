using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Sync;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>Several tenants in one SQLite store, and the upgrade of a store from before tenants, over loopback.</summary>
public sealed class MultiTenantSyncTests : IDisposable
{
    private const string Contoso = "11111111-1111-4111-8111-111111111111";
    private const string Fabrikam = "22222222-2222-4222-8222-222222222222";
    private readonly string _folder = Directory.CreateTempSubdirectory("callrecords-tenants-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Two_tenants_with_the_same_ids_are_synced_side_by_side_and_kept_apart_each_equal_to_its_truth()
    {
        // The same seed gives both tenants the same call ids and rows: only TenantId tells them apart.
        using var contoso = SyncTests.Start("71", "--tenant-id", Contoso);
        using var fabrikam = SyncTests.Start("71", "--tenant-id", Fabrikam, "--latency-ms", "20");
        using var a = EngineTestConnections.ConnectWithToken(contoso.Url, tenantId: Contoso);
        using var b = EngineTestConnections.ConnectWithToken(fabrikam.Url, tenantId: Fabrikam);
        var now = SyncTests.EmulatorNow(contoso);
        var since = now.AddDays(-2);
        var path = Path.Combine(_folder, "tenants.db");
        var order = new ConcurrentQueue<string>();

        await using (var store = await SqliteSyncStore.OpenForRunAsync(path, new[] { Contoso, Fabrikam }, TimeSpan.Zero, CancellationToken.None))
        {
            var sync = new CallRecordSync(store, new SyncRequest { Since = since, Now = now }) { Progress = p => order.Enqueue(p.TenantId) };
            var summaries = await sync.RunAsync(new[] { a, b }, throttleLimit: 2, RequestLog.None, CancellationToken.None);
            Assert.Equal(new[] { Contoso, Fabrikam }, summaries.Select(s => s.TenantId).Distinct().Order());
            Assert.All(summaries.GroupBy(s => s.TenantId), tenant => Assert.Equal(new[] { "CallRecord", "MediaStream", "PstnCall", "DirectRoutingCall" }, tenant.Select(s => s.Kind.ToString())));
        }

        // Side by side: each tenant committed slices before the other had finished.
        var committed = order.ToList();
        Assert.True(committed.IndexOf(Fabrikam) < committed.LastIndexOf(Contoso) && committed.IndexOf(Contoso) < committed.LastIndexOf(Fabrikam), string.Join(" ", committed));

        var truth = SyncTests.TruthIds(contoso, "callRecords", since, now);
        Assert.Equal(truth, SyncTests.TruthIds(fabrikam, "callRecords", since, now));
        foreach (var tenant in new[] { Contoso, Fabrikam })
        {
            Assert.Equal(truth, SyncTests.Column(path, $"SELECT Id FROM CallRecord WHERE TenantId = '{tenant}'"));
            Assert.Equal(SyncTests.TruthIds(contoso, "pstn", since, now.AddTicks(-1)), SyncTests.Column(path, $"SELECT Id FROM PstnCallLogRow WHERE TenantId = '{tenant}'"));
            Assert.Equal(now, SqliteInstant(SyncTests.Column(path, $"SELECT Checkpoint FROM SyncCheckpoint WHERE TenantId = '{tenant}' AND Kind = 'CallRecord'").Single()));
        }

        Assert.Equal(2 * truth.Count, SyncTests.Count(path, "CallRecord"));
        Assert.Equal(
            SyncTests.Column(path, $"SELECT count(*) FROM CallRecordMediaStream WHERE TenantId = '{Contoso}'"),
            SyncTests.Column(path, $"SELECT count(*) FROM CallRecordMediaStream WHERE TenantId = '{Fabrikam}'"));
        Assert.Equal(new[] { "0" }, SyncTests.Column(path, "SELECT count(*) FROM CallRecordSession s WHERE NOT EXISTS (SELECT 1 FROM CallRecord r WHERE r.TenantId = s.TenantId AND r.Id = s.CallRecordId)"));

        // Each tenant's pass is one run, recorded once, by this worker.
        Assert.Equal(
            new[] { "CallRecord,MediaStream", "DirectRoutingCall", "PstnCall" }.SelectMany(k => new[] { $"{Contoso}|{k}|Completed", $"{Fabrikam}|{k}|Completed" }).Order(StringComparer.Ordinal),
            SyncTests.Column(path, "SELECT TenantId || '|' || Kinds || '|' || Outcome FROM SyncRun"));
        await using var reader = SqliteSyncStore.OpenForReading(path);
        var states = await reader.ReadStateAsync(CancellationToken.None);
        Assert.Equal(new[] { Contoso, Fabrikam }, states.Select(s => s.TenantId).Distinct());
        Assert.Equal(truth.Count, states.Single(s => s.TenantId == Fabrikam && s.Kind == CallRecordSyncKind.CallRecord).Rows);
        Assert.All(states.Where(s => s.Kind <= CallRecordSyncKind.DirectRoutingCall), s => Assert.Equal("Completed", s.LastRunOutcome));
        Assert.All(states.Where(s => s.Kind <= CallRecordSyncKind.DirectRoutingCall), s => Assert.StartsWith(Environment.MachineName + "/" + Environment.ProcessId + "/", s.LastRunWorker));
    }

    [Fact]
    public async Task A_tenant_that_fails_is_reported_and_skips_its_passes_while_the_other_tenant_completes()
    {
        using var healthy = SyncTests.Start("72", "--tenant-id", Contoso);
        using var refusing = new FixtureServer();
        using var a = EngineTestConnections.ConnectWithToken(healthy.Url, tenantId: Contoso);
        using var b = EngineTestConnections.ConnectWithToken(refusing.Url, tenantId: Fabrikam);
        var now = SyncTests.EmulatorNow(healthy);
        var path = Path.Combine(_folder, "partial.db");
        var failures = new ConcurrentQueue<(string Tenant, Exception Error)>();

        await using (var store = await SqliteSyncStore.OpenForRunAsync(path, new[] { Contoso, Fabrikam }, TimeSpan.Zero, CancellationToken.None))
        {
            var sync = new CallRecordSync(store, new SyncRequest { Since = now.AddDays(-1), Now = now }) { TenantFailed = (tenant, e) => failures.Enqueue((tenant, e)) };
            var summaries = await sync.RunAsync(new[] { a, b }, throttleLimit: 2, RequestLog.None, CancellationToken.None);
            Assert.All(summaries, s => Assert.Equal(Contoso, s.TenantId));
            Assert.Equal(4, summaries.Count);
        }

        var failure = Assert.Single(failures);
        Assert.Equal(Fabrikam, failure.Tenant);
        Assert.IsType<GraphRequestException>(failure.Error);
        Assert.Equal(new[] { $"{Contoso}|CallRecord,MediaStream|Completed", $"{Contoso}|DirectRoutingCall|Completed", $"{Contoso}|PstnCall|Completed", $"{Fabrikam}|CallRecord,MediaStream|Failed" },
            SyncTests.Column(path, "SELECT TenantId || '|' || Kinds || '|' || Outcome FROM SyncRun"));
        Assert.Empty(SyncTests.Column(path, $"SELECT Kind FROM SyncCheckpoint WHERE TenantId = '{Fabrikam}'"));
    }

    [Fact]
    public async Task A_store_of_release_0_1_0_becomes_the_tenant_of_its_first_single_tenant_run_with_TenantId_in_every_key()
    {
        var path = Path.Combine(_folder, "release-0.1.0.db");
        SyncTests.Execute(path, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "stores", "store-0.1.0.sql")));
        var before = SyncTests.Column(path, "SELECT Kind || '|' || Checkpoint FROM SyncCheckpoint");
        var records = SyncTests.Column(path, "SELECT Id FROM CallRecord");

        // Two tenants cannot share rows that belonged to one: the run is refused and the store left as it was.
        var refused = await Assert.ThrowsAsync<SyncStoreException>(() => SqliteSyncStore.OpenForRunAsync(path, new[] { Contoso, Fabrikam }, TimeSpan.Zero, CancellationToken.None));
        Assert.Contains("only that tenant's connection", refused.Message);
        Assert.Equal(new[] { "1" }, SyncTests.Column(path, "PRAGMA user_version"));
        Assert.Throws<SyncStoreException>(() => SqliteSyncStore.OpenForReading(path));

        await (await SqliteSyncStore.OpenForRunAsync(path, new[] { Contoso }, TimeSpan.Zero, CancellationToken.None)).DisposeAsync();

        Assert.Equal(records, SyncTests.Column(path, $"SELECT Id FROM CallRecord WHERE TenantId = '{Contoso}'"));
        Assert.Equal(before, SyncTests.Column(path, $"SELECT Kind || '|' || Checkpoint FROM SyncCheckpoint WHERE TenantId = '{Contoso}'"));
        foreach (var table in StoreTable.All)
        {
            Assert.Equal(new[] { "0" }, SyncTests.Column(path, $"SELECT count(*) FROM \"{table.Name}\" WHERE TenantId IS NOT '{Contoso}'"));
            Assert.Equal(table.Key, SyncTests.Column(path, $"SELECT name FROM pragma_table_info('{table.Name}') WHERE pk > 0 ORDER BY pk"));
        }

        Assert.Equal(new[] { "0" }, SyncTests.Column(path, $"SELECT count(*) FROM SyncRun WHERE TenantId IS NOT '{Contoso}'"));

        // Upgraded, the store takes other tenants, and the same id in another tenant is another row.
        var id = records[0];
        SyncTests.Execute(path, $"INSERT INTO CallRecord (TenantId, Id, Version) VALUES ('{Fabrikam}', '{id}', 1)");
        Assert.Equal(new[] { "2" }, SyncTests.Column(path, $"SELECT count(*) FROM CallRecord WHERE Id = '{id}'"));
        await (await SqliteSyncStore.OpenForRunAsync(path, new[] { Contoso, Fabrikam }, TimeSpan.Zero, CancellationToken.None)).DisposeAsync();
    }

    [Fact]
    public async Task The_dashboard_views_count_poor_streams_and_PSTN_minutes_as_the_tables_hold_them()
    {
        using var emulator = SyncTests.Start("73", "--tenant-id", Contoso);
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url, tenantId: Contoso);
        var now = SyncTests.EmulatorNow(emulator);
        var path = Path.Combine(_folder, "views.db");
        await SyncTests.RunAsync(connection, path, new SyncRequest { Since = now.AddDays(-3), Now = now });

        Assert.Equal(
            SyncTests.Column(path, "SELECT date(StartDateTime) || '|' || MediaType || '|' || count(*) || '|' || sum(Quality = 'Poor') FROM CallRecordMediaStream " +
                "WHERE Quality IN ('Good', 'Poor') AND StartDateTime IS NOT NULL GROUP BY date(StartDateTime), MediaType ORDER BY 1"),
            SyncTests.Column(path, "SELECT Day || '|' || MediaType || '|' || ClassifiedStreams || '|' || PoorStreams FROM PoorStreamsByDay ORDER BY 1"));
        Assert.NotEqual(new[] { "0" }, SyncTests.Column(path, "SELECT sum(PoorStreams) FROM PoorStreamsBySubnet"));
        Assert.Equal(SyncTests.Column(path, "SELECT sum(PoorStreams) FROM PoorStreamsByDay"), SyncTests.Column(path, "SELECT sum(PoorStreams) FROM PoorStreamsByUser"));
        Assert.Equal(
            SyncTests.Column(path, "SELECT round(sum(Duration) / 60.0, 2) FROM PstnCallLogRow"),
            SyncTests.Column(path, "SELECT round(sum(Minutes), 2) FROM PstnUsageByUserMonth"));
        Assert.Equal(SyncTests.Column(path, "SELECT count(*) FROM PstnCallLogRow"), SyncTests.Column(path, "SELECT sum(Calls) FROM PstnUsageByUserMonth"));
        Assert.All(SyncTests.Column(path, "SELECT Month FROM PstnUsageByUserMonth"), month => Assert.EndsWith("-01", month));
    }

    private static DateTimeOffset SqliteInstant(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
