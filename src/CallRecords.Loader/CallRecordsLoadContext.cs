using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
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
