using System.IO;
using System.Reflection;

namespace CallRecords.RuntimeFloor;

/// <summary>Does what the module's initializer does on import: hands the built module's folders to its Loader.</summary>
internal static class ModuleLoader
{
    public static void Initialize(string moduleDirectory)
    {
        var dependencyDirectory = Path.Combine(moduleDirectory, "Dependencies");
        var loader = Assembly.LoadFrom(Path.Combine(dependencyDirectory, "CallRecords.Loader.dll"));
        loader.GetType("CallRecords.Loader.LoadContextInitializer", throwOnError: true)!
            .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, new object[] { moduleDirectory, dependencyDirectory });
    }
}
