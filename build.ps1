#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages the CallRecords module.
.DESCRIPTION
    The one front door. On a machine with only the .NET SDK:
        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Demo     # the module against the bundled Graph emulator
        dotnet pwsh ./build.ps1 -Task Test     # xunit and Pester; the last line is "N passed, N failed"
    Build writes the importable module to out/CallRecords and the emulator to out/emulator. The tasks and their
    dependencies are in tools/CallRecords.build.ps1, run by Invoke-Build (restored from NuGet on first use).
.PARAMETER Task
    Build (default), Test, Demo, Bench, Package, Clean or Bootstrap (installs the programs the tests use).
.PARAMETER Configuration
    Release (default) or Debug.
.PARAMETER Quick
    Bench only: smaller sizes, one repetition.
.PARAMETER DryRun
    Prints every command line the task and the tasks it depends on would run, and runs none of them.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean', 'Bootstrap')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $Quick,

    [switch] $DryRun
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'tools/Common.ps1')

Import-ToolModule -Root $PSScriptRoot -Name InvokeBuild
$failure = $null
try {
    Invoke-Build -Task $Task -File (Join-Path $PSScriptRoot 'tools/CallRecords.build.ps1') -Configuration $Configuration -Quick:$Quick -DryRun:$DryRun
}
catch {
    $failure = $_
}

if ($Task -eq 'Test' -and -not $DryRun) {
    # The last line, for CI: totals across xunit and Pester; a step that did not run counts as a failure.
    $totals = Get-TestTotals -Root $PSScriptRoot
    $failed = $totals.Failed + [int]($null -ne $failure)
    Write-Host ''
    Write-Host "$($totals.Passed) passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}
elseif ($failure) {
    Write-Error $failure -ErrorAction Continue
    exit 1
}
