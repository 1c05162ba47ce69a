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
    private readonly HashSet<string> _platformAssemblies;

    public CallRecordsLoadContext(string dependencyDirectory)
        : base("CallRecords", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _platformAssemblies = ReadPlatformAssemblyNames();
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || s_shared.Contains(name) || name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The shared framework's copy (System.Text.Json, System.Memory...) is newer than the netstandard
        // packages we carry; taking it avoids two copies of BCL types.
        if (_platformAssemblies.Contains(name))
        {
            return null;
        }

        var path = Path.Combine(_dependencyDirectory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

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

    private static HashSet<string> ReadPlatformAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
