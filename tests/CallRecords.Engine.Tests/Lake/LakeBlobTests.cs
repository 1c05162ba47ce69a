using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using CallRecords.Engine.Lake;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>The lake in Blob Storage (Azurite): block blobs that appear whole, the credentials, and failures that show no secret.</summary>
public sealed class LakeBlobTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly AzuriteProcess _azurite;
    private readonly BlobContainerClient _container;

    public LakeBlobTests(AzuriteFixture fixture)
    {
        _azurite = fixture.Azurite;
        _container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("lake-" + Guid.NewGuid().ToString("N")[..12]);
        _container.Create();
    }

    private string ContainerUrl => _container.Uri.AbsoluteUri;

    [Fact]
    public async Task A_dataset_in_a_container_reads_back_in_DuckDB_as_the_rows_were()
    {
        var streams = LakeTestRows.MediaStreams(3000, s_monday, TimeSpan.FromMinutes(2)).ToList();
        var calls = LakeTestRows.PstnCalls(500, s_monday, TimeSpan.FromMinutes(10)).ToList();
        var options = Options();

        await WriteAsync(LakeTarget.BlobContainer(ContainerUrl + "/teams/calls"), ConnectionString(), options, streams.Cast<object>().Concat(calls));

        var names = _container.GetBlobs().Select(b => b.Name).ToList();
        Assert.All(names, name => Assert.Matches($"^teams/calls/(CallRecordMediaStream|PstnCallLogRow)/tenant=[0-9a-f-]+/date=2026-01-0\\d/part-{Regex.Escape(options.RunId)}-\\d{{5}}\\.parquet$", name));
        Assert.All(_container.GetBlobs().Select(b => b.Properties.ContentType), type => Assert.Equal("application/vnd.apache.parquet", type));
        using var copy = Download("teams/calls");
        var dataset = DuckDbReader.Dataset(copy.Root, "CallRecordMediaStream");
        Assert.Equal(3000L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {dataset}"), System.Globalization.CultureInfo.InvariantCulture));
        var poorPerDay = DuckDbReader.Query($"SELECT strftime(date, '%Y-%m-%d') AS day, count(*) FROM {dataset} WHERE Quality = 'Poor' GROUP BY day ORDER BY day").Select(r => $"{r[0]}: {r[1]}");
        Assert.Equal(streams.Where(s => s.Quality == StreamQuality.Poor).GroupBy(s => s.StartDateTime!.Value.UtcDateTime.Date).OrderBy(g => g.Key).Select(g => $"{g.Key:yyyy-MM-dd}: {g.Count()}"), poorPerDay);
        var charge = (decimal)DuckDbReader.Scalar($"SELECT sum(Charge) FROM {DuckDbReader.Dataset(copy.Root, "PstnCallLogRow")}")!;
        Assert.Equal(calls.Sum(c => c.Charge ?? 0), charge);
    }

    [Fact]
    public async Task Staged_blocks_stay_invisible_until_the_file_is_whole_and_a_stopped_run_commits_none()
    {
        var options = Options();
        options.RowGroupSize = 200;
        options.BlockSize = 16 << 10;
        var target = LakeTarget.BlobContainer(ContainerUrl);

        await using (var writer = LakeWriter.Create(target, ConnectionString(), options))
        {
            foreach (var stream in LakeTestRows.MediaStreams(1000, s_monday, TimeSpan.FromSeconds(1)))
            {
                await writer.AddAsync(stream, CancellationToken.None);
            }

            // Four row groups are in staged blocks; the blob is not there.
            Assert.Empty(_container.GetBlobs());
            var staged = _container.GetBlobs(BlobTraits.None, BlobStates.Uncommitted, null, CancellationToken.None).Single();
            var blocks = await _container.GetBlockBlobClient(staged.Name).GetBlockListAsync(BlockListTypes.Uncommitted);
            Assert.True(blocks.Value.UncommittedBlocks.Count() > 1, "the file went up as one block");

            // Stopped here (Ctrl+C): disposing without completing commits nothing.
        }

        Assert.Empty(_container.GetBlobs());

        await WriteAsync(target, ConnectionString(), Options(), LakeTestRows.MediaStreams(1000, s_monday, TimeSpan.FromSeconds(1)));
        var blob = Assert.Single(_container.GetBlobs());
        using var copy = Download("");
        Assert.Equal(1000L, Convert.ToInt64(DuckDbReader.Scalar($"SELECT count(*) FROM {DuckDbReader.Dataset(copy.Root, "CallRecordMediaStream")}"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(blob.Properties.ContentLength, new FileInfo(Path.Combine(copy.Root, blob.Name)).Length);
    }

    [Fact]
    public async Task A_SAS_token_writes_and_a_wrong_one_fails_as_authentication_without_showing_it()
    {
        var sas = _container.GenerateSasUri(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, DateTimeOffset.UtcNow.AddHours(1)).Query;
        var wrong = Regex.Replace(sas, "sig=[^&]+", "sig=" + Uri.EscapeDataString(Convert.ToBase64String(new byte[32])));
        var target = LakeTarget.BlobContainer(ContainerUrl);

        await WriteAsync(target, LakeCredential.FromSasToken(EngineTestConnections.Secure(sas)), Options(), LakeTestRows.PstnCalls(10, s_monday, TimeSpan.FromMinutes(1)));
        var failure = await Assert.ThrowsAsync<LakeWriteException>(() => WriteAsync(target, LakeCredential.FromSasToken(EngineTestConnections.Secure(wrong)), Options(), LakeTestRows.PstnCalls(10, s_monday, TimeSpan.FromMinutes(1))));

        Assert.Single(_container.GetBlobs());
        Assert.Equal(LakeFailure.AuthenticationFailed, failure.Failure);
        Assert.DoesNotContain("sig=", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.UnescapeDataString(Regex.Match(sas, "sig=([^&]+)").Groups[1].Value), failure.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(ContainerUrl, failure.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_request_is_one_verbose_line_with_its_path_and_operation_and_no_query()
    {
        var sas = _container.GenerateSasUri(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, DateTimeOffset.UtcNow.AddHours(1)).Query;
        var log = new CapturedLog();
        var options = Options();
        options.Log = log.Log;

        await WriteAsync(LakeTarget.BlobContainer(ContainerUrl), LakeCredential.FromSasToken(EngineTestConnections.Secure(sas)), options, LakeTestRows.PstnCalls(10, s_monday, TimeSpan.FromMinutes(1)));

        Assert.Contains(log.Verbose, line => Regex.IsMatch(line, @"^PUT /devstoreaccount1/lake-\w+/PstnCallLogRow/tenant=[^ ]+/part-[^ ]+\.parquet \(block\) 201 \(\d+ ms\)$"));
        Assert.Contains(log.Verbose, line => Regex.IsMatch(line, @"^PUT /devstoreaccount1/lake-\w+/PstnCallLogRow/.+ \(blocklist\) 201 \(\d+ ms\)$"));
        Assert.Contains(log.Verbose, line => line.StartsWith("Wrote " + ContainerUrl + "/PstnCallLogRow/", StringComparison.Ordinal) && line.EndsWith(" bytes.", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Verbose, line => line.Contains('?', StringComparison.Ordinal) || line.Contains("sig", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_container_is_named_and_not_created()
    {
        var target = LakeTarget.BlobContainer(_azurite.BlobEndpoint + "/no-such-container/x");

        var failure = await Assert.ThrowsAsync<LakeWriteException>(() => WriteAsync(target, ConnectionString(), Options(), LakeTestRows.PstnCalls(3, s_monday, TimeSpan.FromMinutes(1))));

        Assert.Equal(LakeFailure.ContainerNotFound, failure.Failure);
        Assert.False(new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("no-such-container").Exists().Value);
    }

    [Fact]
    public async Task An_endpoint_where_nothing_listens_fails_as_a_connection_failure_after_the_retries()
    {
        using var nothing = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nothing.Start();
        var port = ((System.Net.IPEndPoint)nothing.LocalEndpoint).Port;
        nothing.Stop();
        var options = Options();
        options.MaxRetries = 1;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        var sas = EngineTestConnections.Secure("sv=2024-01-01&sig=c2VjcmV0");

        var failure = await Assert.ThrowsAsync<LakeWriteException>(() => WriteAsync(LakeTarget.BlobContainer($"http://127.0.0.1:{port}/devstoreaccount1/lake"), LakeCredential.FromSasToken(sas), options, LakeTestRows.PstnCalls(3, s_monday, TimeSpan.FromMinutes(1))));

        Assert.Equal(LakeFailure.ConnectionFailed, failure.Failure);
        Assert.DoesNotContain("c2VjcmV0", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_for_another_account_is_refused_without_showing_its_key()
    {
        var other = _azurite.ConnectionString.Replace("AccountName=devstoreaccount1", "AccountName=otheraccount", StringComparison.Ordinal)
            .Replace("/devstoreaccount1", "/otheraccount", StringComparison.Ordinal);

        var failure = Assert.Throws<ArgumentException>(() => LakeWriter.Create(LakeTarget.BlobContainer(ContainerUrl), LakeCredential.FromConnectionString(EngineTestConnections.Secure(other)), Options()));
        var garbage = Assert.Throws<ArgumentException>(() => LakeWriter.Create(LakeTarget.BlobContainer(ContainerUrl), LakeCredential.FromConnectionString(EngineTestConnections.Secure("AccountKey=" + AzuriteProcess.AccountKey)), Options()));

        Assert.Contains("otheraccount", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteProcess.AccountKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteProcess.AccountKey, garbage.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_URL_with_a_query_plain_http_away_from_this_machine_or_no_container_is_refused_and_a_dfs_URL_is_taken_as_its_blob_URL()
    {
        var withSas = Assert.Throws<ArgumentException>(() => LakeTarget.BlobContainer("https://contoso.blob.core.windows.net/lake?sv=2024&sig=c2VjcmV0"));
        var plain = Assert.Throws<ArgumentException>(() => LakeTarget.BlobContainer("http://contoso.blob.core.windows.net/lake"));
        var noContainer = Assert.Throws<ArgumentException>(() => LakeTarget.BlobContainer("https://contoso.blob.core.windows.net/"));
        var target = LakeTarget.BlobContainer("https://contoso.blob.core.windows.net/lake/teams/");
        var dfs = LakeTarget.BlobContainer("https://contoso.dfs.core.windows.net/lake");

        Assert.DoesNotContain("c2VjcmV0", withSas.Message, StringComparison.Ordinal);
        Assert.Contains("-StorageSasToken", withSas.Message, StringComparison.Ordinal);
        Assert.Contains("https", plain.Message, StringComparison.Ordinal);
        Assert.Contains("no container", noContainer.Message, StringComparison.Ordinal);
        Assert.Equal("https://contoso.blob.core.windows.net/lake/teams", target.Root);
        Assert.Equal("https://contoso.blob.core.windows.net/lake", dfs.Root);
    }

    [Fact]
    public void A_connection_signed_in_with_a_Graph_access_token_has_no_storage_credential()
    {
        using var emulator = EmulatorProcess.Start("--seed", "17");
        using var connection = EngineTestConnections.ConnectWithToken(emulator.Url);

        var failure = Assert.Throws<LakeWriteException>(() => LakeCredential.FromConnection(connection));

        Assert.Equal(LakeFailure.CredentialUnavailable, failure.Failure);
        Assert.Contains("-StorageSasToken", failure.Message, StringComparison.Ordinal);
    }

    private static LakeWriterOptions Options() => new() { RunId = LakeWriterOptions.NewRunId(DateTimeOffset.UtcNow) };

    private static async Task WriteAsync(LakeTarget target, LakeCredential credential, LakeWriterOptions options, IEnumerable<object> rows)
    {
        await using var writer = LakeWriter.Create(target, credential, options);
        foreach (var row in rows)
        {
            await writer.AddAsync(row, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }

    private LakeCredential ConnectionString() => LakeCredential.FromConnectionString(EngineTestConnections.Secure(_azurite.ConnectionString));

    /// <summary>The container's blobs under <paramref name="prefix"/>, downloaded into a folder as they are named.</summary>
    private LakeFolder Download(string prefix)
    {
        var folder = new LakeFolder();
        foreach (var blob in _container.GetBlobs(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            var path = Path.Combine(folder.Root, blob.Name[prefix.Length..].TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _container.GetBlobClient(blob.Name).DownloadTo(path);
        }

        return folder;
    }
}
