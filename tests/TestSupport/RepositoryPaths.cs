using System;
using System.IO;

namespace CallRecords.TestSupport;

/// <summary>Where the built module, the emulator and the fixtures are, found from the test's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Module => Path.Combine(Root, "out", "CallRecords");

    public static string ModuleManifest => Path.Combine(Module, "CallRecords.psd1");

    public static string Emulator => Path.Combine(Root, "out", "emulator", "CallRecords.Emulator.dll");

    /// <summary>The self-contained runtime-floor host that build.ps1 publishes for <paramref name="targetFramework"/> (net8.0, net9.0).</summary>
    public static string RuntimeFloorHost(string targetFramework) =>
        Path.Combine(Root, "out", "runtime-floor", targetFramework, OperatingSystem.IsWindows() ? "CallRecords.RuntimeFloor.exe" : "CallRecords.RuntimeFloor");

    /// <summary>The documented Graph payloads (tests/fixtures/graph-docs; SOURCES.md names where each comes from).</summary>
    public static string GraphDocsFixtures => Path.Combine(Root, "tests", "fixtures", "graph-docs");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CallRecords.PowerShell.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CallRecords.PowerShell.sln was not found above " + AppContext.BaseDirectory);
    }
}
