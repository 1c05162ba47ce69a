using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System;
using CallRecords.TestSupport;
using Xunit;

namespace CallRecords.Tests;

/// <summary>The shape every cmdlet must have: sealed, approved verb, an output type, named parameter sets.</summary>
public sealed class CmdletContractTests
{
    public static TheoryData<Type> Cmdlets()
    {
        var data = new TheoryData<Type>();
        foreach (var type in LoadedModule.CmdletsAssembly.GetExportedTypes().Where(t => t.GetCustomAttribute<CmdletAttribute>() is not null))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_is_sealed_with_an_approved_verb_and_an_output_type(Type cmdlet)
    {
        var attribute = cmdlet.GetCustomAttribute<CmdletAttribute>()!;
        var approved = typeof(VerbsCommon).Assembly.GetTypes()
            .Where(t => t.Name.StartsWith("Verbs", StringComparison.Ordinal) && t.IsClass)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetValue(null)!);

        Assert.True(cmdlet.IsSealed, $"{cmdlet.Name} is not sealed");
        Assert.Contains(attribute.VerbName, approved);
        Assert.NotEmpty(cmdlet.GetCustomAttributes<OutputTypeAttribute>());
        Assert.Equal(cmdlet.Name, attribute.VerbName + attribute.NounName + "Command");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Parameter_set_names_are_constants_of_the_cmdlet(Type cmdlet)
    {
        // Compiled code cannot tell a constant from a literal, so the source is read: every set name a cmdlet names is
        // one of its own string constants.
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "CallRecords", "Commands", cmdlet.Name + ".cs"));
        var constants = Regex.Matches(source, @"const string (\w+) = """).Select(m => m.Groups[1].Value).ToHashSet();
        var named = Regex.Matches(source, @"ParameterSetName\s*=(?!=)\s*([^,)\s]+)\s*[,)]").Select(m => m.Groups[1].Value).ToList();

        Assert.All(named, name => Assert.Contains(name, constants));
        Assert.Equal(
            cmdlet.GetProperties().SelectMany(p => p.GetCustomAttributes<ParameterAttribute>()).Any(p => p.ParameterSetName != ParameterAttribute.AllParameterSets),
            named.Count > 0);
    }
}
