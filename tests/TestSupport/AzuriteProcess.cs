using System;
using System.Diagnostics;
using System.IO;

namespace CallRecords.TestSupport;

/// <summary>
/// Azurite's blob service (Microsoft's Azure Storage emulator, pinned in tests/azurite, installed there by the Test
/// task with npm ci) on a loopback port the system picks, with its data in a folder of its own that goes with it.
/// It serves the well-known development account with path-style URLs: http://127.0.0.1:PORT/devstoreaccount1/CONTAINER.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    /// <summary>The development account's name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's key, published in Azurite's documentation for every installation.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ReadyLinePrefix = "Azurite Blob service successfully listens on ";
    private readonly Process _process;
    private readonly string _location;

    private AzuriteProcess(Process process, string location, Uri blobEndpoint)
    {
        _process = process;
        _location = location;
        BlobEndpoint = blobEndpoint;
    }

    /// <summary>Gets the account's blob endpoint, such as http://127.0.0.1:5123/devstoreaccount1.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Gets the connection string for the account, with its key.</summary>
    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>Gets where tests/azurite keeps Azurite's blob service.</summary>
    public static string Script => Path.Combine(RepositoryPaths.Root, "tests", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js");

    /// <summary>Starts Azurite and returns once it listens; fails with its standard error if it does not within 30 s.</summary>
    public static AzuriteProcess Start()
    {
        if (!File.Exists(Script))
        {
            throw new InvalidOperationException($"{Script} is missing: run ./build.ps1 -Task Test (its Azurite task runs npm ci in tests/azurite).");
        }

        var location = Path.Combine(Path.GetTempPath(), "callrecords-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var startInfo = new ProcessStartInfo("node");
        foreach (var argument in new[] { Script, "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", location, "--skipApiVersionCheck", "--loose" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var start = ServerProcess.Start(startInfo, ReadyLinePrefix, TimeSpan.FromSeconds(30));
        if (start.ReadyLine is not { } line)
        {
            start.Process.Dispose();
            Directory.Delete(location, recursive: true);
            throw new InvalidOperationException($"Azurite did not start: {start.StandardError}");
        }

        // "…listens on http://127.0.0.1:PORT": the development account's blob endpoint is its first path segment.
        var listening = new Uri(line[ReadyLinePrefix.Length..].Trim());
        return new AzuriteProcess(start.Process, location, new Uri(listening, "/" + AccountName));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_location, recursive: true);
    }
}
