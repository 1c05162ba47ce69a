using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace CallRecords;

/// <summary>
/// Runs when the module is imported. Sets up the private load context through the net8.0 Loader, called by
/// reflection since this assembly targets netstandard2.0.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
    private static readonly string s_dependencyDirectory = Path.Combine(s_moduleDirectory, "Dependencies");

    /// <summary>Sets up dependency loading.</summary>
    public void OnImport()
    {
        var loader = Assembly.LoadFrom(Path.Combine(s_dependencyDirectory, "CallRecords.Loader.dll"));
        loader.GetType("CallRecords.Loader.LoadContextInitializer", throwOnError: true)!
            .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, new object[] { s_moduleDirectory, s_dependencyDirectory });
    }

    /// <summary>Forgets the connection when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo) => ConnectionState.Disconnect(System.Management.Automation.Runspaces.Runspace.DefaultRunspace, null);
}
