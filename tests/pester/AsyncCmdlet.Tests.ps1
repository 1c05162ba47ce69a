BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    # A command on the module's async base that writes only from a worker thread, each way a cmdlet can write.
    $source = @'
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

[Cmdlet(VerbsDiagnostic.Test, "WorkerWrite")]
public sealed class TestWorkerWriteCommand : CallRecords.Commands.AsyncCmdlet
{
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        WriteObject(new[] { 1, 2, 3 }, true);
        WriteObject(new[] { 4, 5 }, false);
        WriteObject("single");
        WriteWarning("from a worker");
        WriteVerbose("verbose from a worker");
        WriteInformation(new InformationRecord("information from a worker", "test"));
    }, cancellationToken);
}
'@
    $assembly = (Add-Type -TypeDefinition $source -ReferencedAssemblies (Join-Path $ModulePath 'CallRecords.dll'), ([psobject].Assembly.Location), (Join-Path ([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) 'netstandard.dll') -IgnoreWarnings -WarningAction SilentlyContinue -PassThru)[0].Assembly
    Import-Module -Assembly $assembly
}

Describe 'The async base of every command' {
    It 'Writes everything a worker thread writes on the pipeline thread, collections enumerated or not as asked' {
        $output = Test-WorkerWrite -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable information -Verbose 4>&1
        $objects = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $objects.Count | Should -Be 5
        $objects[0..2] | Should -Be 1, 2, 3
        $objects[3] | Should -Be @(4, 5)
        $objects[4] | Should -Be 'single'
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Be 'verbose from a worker'
        $warnings.Message | Should -Be 'from a worker'
        $information.MessageData | Should -Be 'information from a worker'
    }
}
