using System;
using System.Linq;
using System.Reflection;

namespace CallRecords.Tests;

/// <summary>The module as PowerShell loads it in this process: the cmdlets assembly and the Engine behind it.</summary>
internal static class LoadedModule
{
    private static readonly Lazy<(Assembly Cmdlets, Assembly Engine)> s_assemblies = new(Load);

    public static Assembly CmdletsAssembly => s_assemblies.Value.Cmdlets;

    public static Assembly EngineAssembly => s_assemblies.Value.Engine;

    private static (Assembly, Assembly) Load()
    {
        using var powerShell = new HostedPowerShell();
        var cmdlets = (Type)powerShell.Invoke("(Get-Command Get-CallRecord).ImplementingType")[0].BaseObject;

        // Asking for the context touches the connection state, which loads the Engine through the module's loader.
        powerShell.Invoke("Get-CallRecordGraphContext | Out-Null");
        var engine = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "CallRecords.Engine");
        return (cmdlets.Assembly, engine);
    }
}
