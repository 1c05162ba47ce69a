using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CallRecords;

/// <summary>
/// Runs when the module is imported. On PowerShell 7 it sets up the private load context through the
/// net8.0 Loader (called by reflection, since this assembly targets netstandard2.0); on Windows PowerShell
/// it resolves only our own dependencies from Dependencies/.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
    private static readonly string s_dependencyDirectory = Path.Combine(s_moduleDirectory, "Dependencies");

    /// <summary>Sets up dependency loading.</summary>
    public void OnImport()
    {
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnWindowsPowerShell;
            return;
        }

        var loader = Assembly.LoadFrom(Path.Combine(s_dependencyDirectory, "CallRecords.Loader.dll"));
        loader.GetType("CallRecords.Loader.LoadContextInitializer", throwOnError: true)!
            .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, new object[] { s_moduleDirectory, s_dependencyDirectory });
    }

    /// <summary>Forgets the connection when the module is removed.</summary>
    public void OnRemove(PSModuleInfo module)
    {
        AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnWindowsPowerShell;
        ConnectionState.Clear();
    }

    // Windows PowerShell has no load contexts: load a dependency from our folder only when it is one we ship.
    private static Assembly? ResolveOnWindowsPowerShell(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(s_dependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
