using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CallRecords.TestSupport;

namespace CallRecords.Tests;

/// <summary>A PowerShell runspace in this process with the built module imported, as a user would have it.</summary>
internal sealed class HostedPowerShell : IDisposable
{
    private readonly Runspace _runspace;

    public HostedPowerShell()
    {
        // No ExecutionPolicy here: setting it throws PlatformNotSupportedException on Linux.
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        Invoke("Import-Module $args[0] -ErrorAction Stop", RepositoryPaths.ModuleManifest);
    }

    /// <summary>Runs a script; returns its output and the PowerShell instance, whose streams the caller can read.</summary>
    public (List<PSObject> Output, PowerShell Shell) Run(string script, params object[] arguments)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        var output = shell.Invoke().ToList();
        return (output, shell);
    }

    /// <summary>Runs a script and throws if it wrote an error.</summary>
    public List<PSObject> Invoke(string script, params object[] arguments)
    {
        var (output, shell) = Run(script, arguments);
        using (shell)
        {
            if (shell.HadErrors && shell.Streams.Error.Count > 0)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, shell.Streams.Error.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
            }
        }

        return output;
    }

    public PowerShell CreateShell()
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        return shell;
    }

    public void ConnectTo(EmulatorProcess emulator, string token = "test-token") =>
        Invoke("Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString $args[0] -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $args[1] | Out-Null", token, emulator.Url.ToString());

    public void Dispose() => _runspace.Dispose();
}
