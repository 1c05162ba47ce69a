using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Tests;

/// <summary>The boundary that keeps our Azure, MSAL, Kiota and Graph assemblies out of PowerShell's default load context.</summary>
public sealed class AssemblyIsolationTests
{
    private static readonly string[] s_isolatedPrefixes = { "Azure.", "Microsoft.Identity.", "Microsoft.Graph", "Microsoft.Kiota", "Microsoft.IdentityModel", "Parquet", "Apache.Arrow" };

    [Fact]
    public void The_cmdlet_assembly_references_no_isolated_assembly()
    {
        var references = ReferencedAssemblies(Path.Combine(RepositoryPaths.Module, "CallRecords.dll"));

        Assert.Contains("CallRecords.Engine", references);
        Assert.DoesNotContain(references, name => s_isolatedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void The_models_assembly_references_only_the_base_library_and_PowerShell()
    {
        var references = ReferencedAssemblies(Path.Combine(RepositoryPaths.Module, "CallRecords.Models.dll"));

        // PowerShell for the row adapter, which PowerShell itself provides; nothing the module would have to ship.
        Assert.Equal(new[] { "netstandard", "System.Management.Automation" }, references);
    }

    [Fact]
    public void Isolated_assemblies_ship_only_in_Dependencies_and_the_module_root_holds_only_our_own()
    {
        var rootAssemblies = Directory.GetFiles(RepositoryPaths.Module, "*.dll").Select(Path.GetFileName).OrderBy(n => n);
        var dependencies = Directory.GetFiles(Path.Combine(RepositoryPaths.Module, "Dependencies"), "*.dll").Select(Path.GetFileName).ToArray();

        Assert.Equal(new[] { "CallRecords.dll", "CallRecords.Models.dll" }, rootAssemblies);
        Assert.Contains("CallRecords.Engine.dll", dependencies);
        Assert.Contains("CallRecords.Loader.dll", dependencies);
        Assert.Contains("Azure.Identity.dll", dependencies);
        Assert.Contains("Microsoft.Identity.Client.dll", dependencies);
        Assert.Contains("Azure.Storage.Blobs.dll", dependencies);
        Assert.Contains("Parquet.dll", dependencies);
    }

    [Fact]
    public void The_engine_loads_in_the_private_context_and_the_cmdlets_in_the_default_one()
    {
        Assert.Equal("CallRecords", System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(LoadedModule.EngineAssembly)!.Name);
        Assert.Same(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(LoadedModule.CmdletsAssembly));
    }

    [Fact]
    public void A_framework_named_assembly_we_ship_is_the_runtime_copy_unless_ours_is_newer()
    {
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(LoadedModule.EngineAssembly)!;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .DistinctBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), StringComparer.OrdinalIgnoreCase);
        var shipped = Directory.GetFiles(Path.Combine(RepositoryPaths.Module, "Dependencies"), "*.dll")
            .Select(path => System.Reflection.AssemblyName.GetAssemblyName(path))
            .Where(name => platform.ContainsKey(name.Name!))
            .ToArray();

        var wrong =
            from ours in shipped
            let runtimeCopy = System.Reflection.AssemblyName.GetAssemblyName(platform[ours.Name!])
            let loaded = context.LoadFromAssemblyName(new System.Reflection.AssemblyName(ours.Name!))
            let isPrivate = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(loaded) == context
            where isPrivate != (ours.Version > runtimeCopy.Version)
            select $"{ours.Name}: ours {ours.Version}, the runtime's {runtimeCopy.Version}, loaded {(isPrivate ? "privately" : "from the runtime")}";

        Assert.NotEmpty(shipped);
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_engine_public_surface_uses_only_our_own_and_base_library_types()
    {
        var engine = LoadedModule.EngineAssembly;
        var leaks =
            from type in engine.GetExportedTypes()
            from member in type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            from used in TypesOf(member)
            where s_isolatedPrefixes.Any(prefix => (used.Assembly.GetName().Name ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            select $"{type.Name}.{member.Name} uses {used.FullName}";

        Assert.Empty(leaks);
    }

    private static string[] ReferencedAssemblies(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).OrderBy(n => n).ToArray();
    }

    private static Type[] TypesOf(System.Reflection.MemberInfo member) => member switch
    {
        System.Reflection.PropertyInfo property => new[] { property.PropertyType },
        System.Reflection.FieldInfo field => new[] { field.FieldType },
        System.Reflection.MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType).SelectMany(Unwrap).ToArray(),
        System.Reflection.ConstructorInfo constructor => constructor.GetParameters().Select(p => p.ParameterType).SelectMany(Unwrap).ToArray(),
        _ => Array.Empty<Type>(),
    };

    private static Type[] Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Append(type).ToArray() : new[] { type };
}
