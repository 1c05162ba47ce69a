<#
.SYNOPSIS
    Packs the built module as a .nupkg that Install-PSResource installs from a folder repository.
.DESCRIPTION
    Publish-PSResource needs a registered repository. It is registered under a throwaway HOME, so the
    user's own PSResourceGet settings are never touched.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
$scratch = Join-Path ([System.IO.Path]::GetTempPath()) "callrecords-pack-$PID"
$staging = Join-Path $scratch 'CallRecords'
New-Item -ItemType Directory -Path $staging -Force | Out-Null
try {
    # Publish-PSResource wants the folder named after the module.
    Copy-Item (Join-Path $ModulePath '*') $staging -Recurse
    $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CallRecordsPackage -Uri '$OutputPath' -Trusted
Publish-PSResource -Path '$staging' -Repository CallRecordsPackage -SkipDependenciesCheck
"@
    $environment = @{ HOME = $scratch; XDG_DATA_HOME = (Join-Path $scratch '.local/share'); XDG_CONFIG_HOME = (Join-Path $scratch 'config'); XDG_CACHE_HOME = (Join-Path $scratch 'cache') }
    # .NET reports a special folder only when it exists; a missing one makes PSResourceGet and NuGet write
    # their settings relative to the current directory.
    $environment.Values | ForEach-Object { New-Item -ItemType Directory -Path $_ -Force | Out-Null }
    $saved = @{}
    foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
    try {
        Start-FreshPwsh -Command $script
        if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource failed with exit code $LASTEXITCODE." }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}
finally {
    Remove-Item $scratch -Recurse -Force -ErrorAction Ignore
}
$package = Get-ChildItem $OutputPath -Filter '*.nupkg' | Select-Object -First 1
if (-not $package) { throw "No package was written to $OutputPath." }
Write-Host "Package: $($package.FullName)"
