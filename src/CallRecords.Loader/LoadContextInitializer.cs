using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CallRecords.Loader;

/// <summary>
/// Called by reflection from the cmdlets assembly on PowerShell 7. When the default context cannot find
/// CallRecords.Engine, this hands over the copy in the private context, which then loads everything the
/// Engine needs from Dependencies/.
/// </summary>
public static class LoadContextInitializer
{
    private static readonly object s_lock = new();
    private static CallRecordsLoadContext? s_context;
    private static string? s_moduleDirectory;

    /// <summary>Sets up the private context once; later calls (a module re-import) do nothing.</summary>
    public static void Initialize(string moduleDirectory, string dependencyDirectory)
    {
        lock (s_lock)
        {
            if (s_context is not null)
            {
                return;
            }

            s_moduleDirectory = moduleDirectory;
            s_context = new CallRecordsLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveInDefault;
        }
    }

    private static Assembly? ResolveInDefault(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
    {
        switch (assemblyName.Name)
        {
            case "CallRecords.Engine":
                return s_context!.LoadFromAssemblyName(assemblyName);
            case "CallRecords.Models":
                // Normally loaded by the manifest's RequiredAssemblies; this covers hosts that load the module another way.
                var path = Path.Combine(s_moduleDirectory!, "CallRecords.Models.dll");
                return File.Exists(path) ? defaultContext.LoadFromAssemblyPath(path) : null;
            default:
                return null;
        }
    }
}
