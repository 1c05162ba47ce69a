using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace CallRecords.RuntimeFloor;

/// <summary>The runtime, and where the Engine and the framework-named assemblies it uses were loaded from.</summary>
public sealed class LoadReport
{
    public string Framework { get; init; } = "";

    public int RuntimeMajor { get; init; }

    public string EngineContext { get; init; } = "";

    public string EngineVersion { get; init; } = "";

    public string TextJsonContext { get; init; } = "";

    public string TextJsonVersion { get; init; } = "";

    /// <summary>Gets the System.Text.Json version the Engine was compiled against, which the loaded one must reach.</summary>
    public string TextJsonRequested { get; init; } = "";

    /// <summary>Gets the assemblies named like the runtime's own that the Engine's context loaded itself, as "name version".</summary>
    public IReadOnlyList<string> PrivateFrameworkAssemblies { get; init; } = [];

    /// <summary>Looks at the Engine's assembly and context; call it after the Engine has worked, so that its dependencies are loaded.</summary>
    public static LoadReport Observe(System.Reflection.Assembly engine)
    {
        var context = AssemblyLoadContext.GetLoadContext(engine)!;

        // Asking the Engine's context for the Engine's own reference gives the copy the Engine is bound to.
        var textJsonReference = engine.GetReferencedAssemblies().Single(a => a.Name == "System.Text.Json");
        var textJson = context.LoadFromAssemblyName(textJsonReference);

        var platform = PlatformAssemblyNames();
        var report = new LoadReport
        {
            Framework = RuntimeInformation.FrameworkDescription,
            RuntimeMajor = Environment.Version.Major,
            EngineContext = context.Name ?? "",
            EngineVersion = engine.GetName().Version!.ToString(),
            TextJsonContext = AssemblyLoadContext.GetLoadContext(textJson)!.Name ?? "",
            TextJsonVersion = textJson.GetName().Version!.ToString(),
            TextJsonRequested = textJsonReference.Version!.ToString(),
            PrivateFrameworkAssemblies = context.Assemblies
                .Select(a => a.GetName())
                .Where(name => platform.Contains(name.Name!))
                .Select(name => $"{name.Name} {name.Version}")
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList(),
        };

        Console.WriteLine($"CallRecords.Engine {report.EngineVersion}: load context {report.EngineContext}");
        Console.WriteLine($"System.Text.Json {report.TextJsonVersion} (the Engine asks for {report.TextJsonRequested}): load context {report.TextJsonContext}");
        Console.WriteLine($"framework-named assemblies in the {report.EngineContext} context: {(report.PrivateFrameworkAssemblies.Count == 0 ? "none" : string.Join(", ", report.PrivateFrameworkAssemblies))}");
        return report;
    }

    private static HashSet<string> PlatformAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
        }

        return names;
    }
}
