using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Tests;

/// <summary>
/// The module on the runtimes of PowerShell 7.4 (.NET 8) and 7.5 (.NET 9), which cannot be installed on the build
/// machines: build.ps1 publishes tests/CallRecords.RuntimeFloor self-contained for each, and each copy loads the
/// built module's Engine through its Loader, as the module does, reads from its own emulator and syncs into its own
/// PostgreSQL server.
/// </summary>
public sealed class RuntimeFloorTests
{
    private const string Token = "runtime-floor-token";

    // Assemblies that must never be a private copy: the runtime's core, on which every other type stands.
    private static readonly string[] s_coreAssemblies = { "System.Private.CoreLib", "System.Runtime", "netstandard", "mscorlib" };

    [Theory]
    [InlineData("net8.0", 8)]
    [InlineData("net9.0", 9)]
    public async Task The_engine_loads_through_the_loader_and_reads_exactly_the_truth(string targetFramework, int runtimeMajor)
    {
        using var emulator = EmulatorProcess.Start("--token", Token);
        using var postgres = PostgresServer.Start();

        var (exitCode, output, errors) = await RunHostAsync(targetFramework, emulator.Url, postgres.CreateDatabase("floor"));

        var last = output.TrimEnd().Split('\n').Last();
        Assert.True(last.StartsWith('{'), $"The host wrote no report (exit code {exitCode}):\n{output}{errors}");
        var report = JsonDocument.Parse(last).RootElement;
        var loads = report.GetProperty("Loads");
        Assert.Equal(runtimeMajor, loads.GetProperty("RuntimeMajor").GetInt32());
        Assert.Equal("CallRecords", loads.GetProperty("EngineContext").GetString());
        Assert.True(
            Version.Parse(loads.GetProperty("TextJsonVersion").GetString()!) >= Version.Parse(loads.GetProperty("TextJsonRequested").GetString()!),
            $"The Engine got an older System.Text.Json than it was built against:\n{output}");
        var privateFramework = loads.GetProperty("PrivateFrameworkAssemblies").EnumerateArray().Select(a => a.GetString()!.Split(' ')[0]);
        Assert.Empty(privateFramework.Intersect(s_coreAssemblies, StringComparer.OrdinalIgnoreCase));

        AssertTruth(emulator, report.GetProperty("CallRecords"), "callRecords");
        AssertTruth(emulator, report.GetProperty("ExpandedCallRecords"), "callRecords");
        AssertTruth(emulator, report.GetProperty("PstnRows"), "pstn");
        AssertTruth(emulator, report.GetProperty("ManagedIdentityCallRecords"), "callRecords");
        Assert.Equal(report.GetProperty("ExpandedCallRecords").GetProperty("Count").GetInt32(), report.GetProperty("ExpandedWithSessions").GetInt32());
        Assert.True(report.GetProperty("PstnWindows").GetInt32() > 1, "The PSTN pull took one window; it is meant to take several.");
        Assert.Equal("floor-call-record", report.GetProperty("ReceivedCallRecordId").GetString());
        var lake = report.GetProperty("Lake");
        Assert.Equal(report.GetProperty("PstnRows").GetProperty("Count").GetInt32(), lake.GetProperty("Rows").GetInt64());
        Assert.True(lake.GetProperty("FilesWhole").GetBoolean(), $"The Parquet files written on {targetFramework} are not whole:\n{output}");
        Assert.Equal("ConnectionFailed", lake.GetProperty("BlobFailure").GetString());
        Assert.Equal(report.GetProperty("PstnRows").GetProperty("Count").GetInt32(), report.GetProperty("StoredPstnRows").GetInt64());
        Assert.True(exitCode == 0, $"The host exited with {exitCode}:\n{output}{errors}");
    }

    /// <summary>The host's count for a range is the emulator's, asked here, and the host found the very same ids.</summary>
    private static void AssertTruth(EmulatorProcess emulator, JsonElement range, string kind)
    {
        var from = Uri.EscapeDataString(range.GetProperty("From").GetDateTimeOffset().ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(range.GetProperty("To").GetDateTimeOffset().ToString("O", CultureInfo.InvariantCulture));
        var truth = emulator.TruthIds($"/_emulator/truth/{kind}?from={from}&to={to}");

        Assert.NotEmpty(truth);
        Assert.Equal(truth.Count, range.GetProperty("Count").GetInt32());
        Assert.True(range.GetProperty("SameIds").GetBoolean(), $"{kind} {range}: not the truth's ids");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunHostAsync(string targetFramework, Uri emulator, string postgres)
    {
        var host = RepositoryPaths.RuntimeFloorHost(targetFramework);
        Assert.True(File.Exists(host), $"{host} is missing; build.ps1 publishes it.");
        var startInfo = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.Module);
        startInfo.ArgumentList.Add(emulator.ToString());
        startInfo.ArgumentList.Add(Token);
        startInfo.ArgumentList.Add(postgres);

        using var process = Process.Start(startInfo)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(60))) != exited)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The {targetFramework} host did not finish within 60 s.");
        }

        return (process.ExitCode, await standardOutput, await standardError);
    }
}
