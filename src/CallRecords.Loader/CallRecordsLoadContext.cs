using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace CallRecords.Loader;

/// <summary>
/// The module's private load context: the Engine and every assembly it brings (Azure.Core, Azure.Identity,
/// MSAL...) load from Dependencies/ here, so the versions another module loaded first never meet ours.
/// </summary>
internal sealed class CallRecordsLoadContext : AssemblyLoadContext
{
    // Assemblies that must be the same for PowerShell and for us: PowerShell itself and our own types that
    // cross the boundary. They resolve from the default context.
    private static readonly HashSet<string> s_shared = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Management.Automation", "CallRecords", "CallRecords.Models", "CallRecords.Loader", "netstandard",
    };

    private readonly string _dependencyDirectory;
    private readonly Dictionary<string, string> _platformAssemblies;

    public CallRecordsLoadContext(string dependencyDirectory)
        : base("CallRecords", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _platformAssemblies = ReadPlatformAssemblies();
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || s_shared.Contains(name) || name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A framework-named assembly (System.Text.Json, System.Memory...) is the runtime's copy, so BCL types exist
        // once, unless ours is strictly newer: .NET 8's System.Text.Json 8.0.0.0 cannot stand in for the 10.0.0.0
        // that Azure.Core and the Engine were built against. The facades we carry are older than any runtime's.
        var path = Path.Combine(_dependencyDirectory, name + ".dll");
        if (_platformAssemblies.TryGetValue(name, out var platformPath) && !IsNewer(path, platformPath))
        {
            return null;
        }

        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static bool IsNewer(string path, string platformPath) =>
        File.Exists(path) && AssemblyName.GetAssemblyName(path).Version > AssemblyName.GetAssemblyName(platformPath).Version;

    /// <summary>
    /// Native libraries of our dependencies (SQLite's e_sqlite3 for the sync store) are not next to PowerShell,
    /// and PowerShell's deps.json does not list them, so the default probing never finds them. They ship as
    /// Dependencies/runtimes/&lt;rid&gt;/native/, the layout of their NuGet packages; this picks the folder of the
    /// running platform.
    /// </summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var rid in RuntimeIdentifiers())
        {
            var folder = Path.Combine(_dependencyDirectory, "runtimes", rid, "native");
            foreach (var fileName in NativeFileNames(unmanagedDllName))
            {
                var path = Path.Combine(folder, fileName);
                if (File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>The runtime's own identifier first (linux-musl-x64 on Alpine), then the portable one for the OS and CPU.</summary>
    private static IEnumerable<string> RuntimeIdentifiers()
    {
        yield return RuntimeInformation.RuntimeIdentifier;
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
        yield return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }

    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            yield return name + ".dll";
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            yield return "lib" + name + ".dylib";
        }
        else
        {
            yield return "lib" + name + ".so";
        }
    }

    /// <summary>The runtime's and the host's own assemblies, by name, with their paths.</summary>
    private static Dictionary<string, string> ReadPlatformAssemblies()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        return paths;
    }
}
