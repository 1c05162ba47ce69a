<#
.SYNOPSIS
    Runs tests/pester with the Pester that tools/ToolPackages.csproj names and writes the counts to a JSON file.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $SummaryPath
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$TestPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($TestPath)
$SummaryPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SummaryPath)
. (Join-Path $PSScriptRoot 'Common.ps1')
Import-ToolModule -Root (Split-Path $PSScriptRoot -Parent) -Name Pester

$env:CALLRECORDS_MODULE_PATH = $ModulePath
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = [System.IO.Path]::ChangeExtension($SummaryPath, '.xml')
$result = Invoke-Pester -Configuration $configuration

# A container that fails in BeforeAll counts its tests as failed, so nothing is lost from the total.
[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
exit ([int]($result.Result -ne 'Passed'))
