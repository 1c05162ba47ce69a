using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;
using CallRecords.Engine.Lake;
using CallRecords.Engine.Sync;

namespace CallRecords.RuntimeFloor;

/// <summary>Signs in to the emulator, reads call records and PSTN rows through the Engine, and reports how it all loaded.</summary>
internal sealed class FloorCheck
{
    // The emulator's default secret for its managed identity endpoint (--identity-header).
    private const string IdentityHeader = "emulator-identity-header";

    /// <summary>The call record id the notification posted to the receiver names.</summary>
    public const string FloorCallRecordId = "floor-call-record";

    private readonly Uri _emulator;
    private readonly string _token;
    private readonly string _postgres;

    public FloorCheck(Uri emulator, string token, string postgres)
    {
        _emulator = emulator;
        _token = token;
        _postgres = postgres;
    }

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription} (Environment.Version {Environment.Version})");
        using var truth = new EmulatorTruth(_emulator);
        var now = await truth.NowAsync();

        RangeResult callRecords, expanded, pstn;
        int withSessions, windows;
        long storedPstnRows;
        List<PstnCallLogRow> pstnRows;
        using (var connection = await GraphConnection.ConnectAsync(Request(AuthenticationKind.AccessToken), CancellationToken.None))
        {
            (callRecords, _) = await ListCallRecordsAsync(connection, truth, now.AddDays(-1), now, expandSessions: false);
            Console.WriteLine($"call records {callRecords}");
            (expanded, withSessions) = await ListCallRecordsAsync(connection, truth, now.AddHours(-12), now.AddHours(-9), expandSessions: true);
            Console.WriteLine($"call records with sessions {expanded}; {withSessions} came with sessions");
            (pstn, windows, pstnRows) = await ReadPstnAsync(connection, truth, now.AddDays(-7), now);
            Console.WriteLine($"PSTN rows {pstn}; read in {windows} windows");
            storedPstnRows = await StorePstnAsync(connection, now.AddDays(-7), now);
            Console.WriteLine($"PSTN rows synced into PostgreSQL: {storedPstnRows}");
        }

        var lake = await WriteLakeAsync(pstnRows);
        Console.WriteLine($"lake: {lake.Rows} rows in {lake.Files} files, whole: {lake.FilesWhole}; blob endpoint with nothing listening: {lake.BlobFailure}");

        // Azure.Identity and MSAL get the token from the emulator's App Service managed identity endpoint.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(_emulator, "/_emulator/msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
        RangeResult managedIdentity;
        using (var connection = await GraphConnection.ConnectAsync(Request(AuthenticationKind.ManagedIdentity), CancellationToken.None))
        {
            (managedIdentity, _) = await ListCallRecordsAsync(connection, truth, now.AddHours(-6), now, expandSessions: false);
            Console.WriteLine($"call records signed in as a managed identity {managedIdentity}");
        }

        var received = await ReceiveOneNotificationAsync();
        Console.WriteLine($"notification received for {received ?? "nothing"}");

        var report = new FloorReport
        {
            Loads = LoadReport.Observe(typeof(GraphConnection).Assembly),
            CallRecords = callRecords,
            ExpandedCallRecords = expanded,
            ExpandedWithSessions = withSessions,
            PstnRows = pstn,
            PstnWindows = windows,
            ManagedIdentityCallRecords = managedIdentity,
            ReceivedCallRecordId = received,
            Lake = lake,
            StoredPstnRows = storedPstnRows,
        };
        Console.WriteLine(JsonSerializer.Serialize(report));
        return report.AllMatch ? 0 : 1;
    }

    private static async Task<(RangeResult Result, int WithSessions)> ListCallRecordsAsync(GraphConnection connection, EmulatorTruth truth, DateTimeOffset from, DateTimeOffset to, bool expandSessions)
    {
        var records = new ConcurrentQueue<CallRecord>();
        var query = new CallRecordQuery { StartDateTime = from, EndDateTime = to, ExpandSessions = expandSessions };
        await new CallRecordReader(connection).ListAsync(query, records.Enqueue, RequestLog.None, CancellationToken.None);
        var withSessions = records.Count(r => r.Sessions is { Count: > 0 });
        return (Compare(from, to, records.Select(r => r.Id).ToList(), await truth.IdsAsync("callRecords", from, to)), withSessions);
    }

    /// <summary>The same PSTN range synced into PostgreSQL (Npgsql and what it brings load through the Loader on this runtime).</summary>
    private async Task<long> StorePstnAsync(GraphConnection connection, DateTimeOffset from, DateTimeOffset to)
    {
        await using var store = await PostgresSyncStore.OpenForRunAsync(_postgres, PostgresSyncStore.DefaultLeaseDuration, CancellationToken.None);
        var request = new SyncRequest { Kinds = new[] { CallRecordSyncKind.PstnCall }, Since = from, Now = to };
        var summaries = await new CallRecordSync(store, request).RunAsync(new[] { connection }, 1, RequestLog.None, CancellationToken.None);
        return summaries.Single().Added;
    }

    private static async Task<(RangeResult Result, int Windows, List<PstnCallLogRow> Rows)> ReadPstnAsync(GraphConnection connection, EmulatorTruth truth, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = new ConcurrentQueue<PstnCallLogRow>();
        var windows = new ConcurrentDictionary<int, bool>();
        await new CallLogReader(connection).ReadPstnAsync(from, to, rows.Enqueue, progress => windows[progress.Window.Number] = true, RequestLog.None, CancellationToken.None);
        return (Compare(from, to, rows.Select(r => r.Id ?? "").ToList(), await truth.IdsAsync("pstn", from, to)), windows.Count, rows.ToList());
    }

    /// <summary>
    /// The rows as Parquet in a folder (Parquet.Net and what it brings load through the Loader on this runtime), then to
    /// a blob endpoint where nothing listens (Azure.Storage.Blobs loads, builds its requests, retries and gives up).
    /// </summary>
    private static async Task<LakeResult> WriteLakeAsync(List<PstnCallLogRow> rows)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "callrecords-floor-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = new List<CallRecordParquetFile>();
            await using (var writer = LakeWriter.Create(LakeTarget.Folder(folder), null, new LakeWriterOptions { FileWritten = files.Add }))
            {
                foreach (var row in rows)
                {
                    await writer.AddAsync(row, CancellationToken.None);
                }

                await writer.CompleteAsync(CancellationToken.None);
            }

            var whole = files.Count > 0 && files.All(file =>
            {
                var bytes = System.IO.File.ReadAllBytes(file.Path);
                return bytes.Length == file.Bytes && Encoding.ASCII.GetString(bytes, 0, 4) == "PAR1" && Encoding.ASCII.GetString(bytes, bytes.Length - 4, 4) == "PAR1";
            });
            string blobFailure;
            try
            {
                var sas = new NetworkCredential(string.Empty, "sv=2024-01-01&sig=Zmxvb3I=").SecurePassword;
                var options = new LakeWriterOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) };
                await using var blobWriter = LakeWriter.Create(LakeTarget.BlobContainer($"http://127.0.0.1:{FreePort()}/devstoreaccount1/floor"), LakeCredential.FromSasToken(sas), options);
                await blobWriter.AddAsync(rows[0], CancellationToken.None);
                await blobWriter.CompleteAsync(CancellationToken.None);
                blobFailure = "none";
            }
            catch (LakeWriteException e)
            {
                blobFailure = e.Failure.ToString();
            }

            return new LakeResult { Rows = files.Sum(f => f.Rows), Files = files.Count, FilesWhole = whole, BlobFailure = blobFailure };
        }
        finally
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// One notification through the receiver, disposed as the cmdlet disposes it. On these runtimes the receiver's
    /// IAsyncDisposable is the Engine's private Microsoft.Bcl.AsyncInterfaces copy, not the runtime's.
    /// </summary>
    private static async Task<string?> ReceiveOneNotificationAsync()
    {
        var prefix = $"http://127.0.0.1:{FreePort()}/floor/";
        string? received = null;
        var options = new ReceiverOptions { Prefix = prefix, ClientStates = new[] { "floor-state" }, Count = 1, Timeout = TimeSpan.FromSeconds(20) };
        var receiver = new NotificationReceiver(options, new ReceiverHandlers { OnNotification = notification => received = notification.CallRecordId });
        try
        {
            // The listener is up once RunAsync returns its task.
            var run = receiver.RunAsync(CancellationToken.None);
            using var http = new HttpClient();
            using var body = new StringContent($"{{\"value\":[{{\"clientState\":\"floor-state\",\"changeType\":\"created\",\"resource\":\"communications/callRecords/{FloorCallRecordId}\"}}]}}", Encoding.UTF8, "application/json");
            using var answer = await http.PostAsync(prefix, body);
            await run;
        }
        finally
        {
            await receiver.DisposeAsync();
        }

        return received;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static RangeResult Compare(DateTimeOffset from, DateTimeOffset to, List<string> returned, HashSet<string> expected) => new()
    {
        From = from,
        To = to,
        Count = returned.Count,
        Truth = expected.Count,
        SameIds = returned.Count == expected.Count && expected.SetEquals(returned),
    };

    private ConnectionRequest Request(AuthenticationKind kind) => new()
    {
        Kind = kind,
        AccessToken = kind == AuthenticationKind.AccessToken ? new NetworkCredential(string.Empty, _token).SecurePassword : null,
        GraphEndpoint = _emulator,

        // The emulator's tokens (--token) are not JWTs, so the tenant is given: its default one.
        TenantId = "dc368399-474c-4d40-900c-6265431fd81f",
    };
}
