<#
.SYNOPSIS
    Lays out the importable module in out/CallRecords from a finished `dotnet build` of the solution.
.DESCRIPTION
    The cmdlets and the output types go to the module root; the Engine and everything it brings go to
    Dependencies/, which the module's private load context reads. The manifest gets the version of
    Directory.Build.props and the release notes of that version from CHANGELOG.md, so the version is written
    in one place only.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [ValidateSet('Debug', 'Release')] [string] $Configuration,
    [Parameter(Mandatory)] [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'Common.ps1')

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# Publishing brings native libraries (SQLite's e_sqlite3) for every platform .NET knows, in the package layout
# runtimes/<rid>/native that the module's load context searches; only the platforms PowerShell 7 runs on are kept.
function Select-NativeRuntime {
    param([Parameter(Mandatory)] [string] $Dependencies)
    $kept = 'linux-x64', 'linux-arm64', 'linux-arm', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-x86', 'win-arm64'
    foreach ($rid in $kept) {
        if (-not (Get-ChildItem (Join-Path $Dependencies "runtimes/$rid/native") -Filter '*e_sqlite3*' -ErrorAction Ignore)) {
            throw "The published Engine has no SQLite native library for $rid."
        }
    }
    Get-ChildItem (Join-Path $Dependencies 'runtimes') -Directory | Where-Object Name -NotIn $kept | Remove-Item -Recurse -Force
}

# The manifest in module/ names no version; the one written here takes it, and this release's notes, from their sources.
function Write-Manifest {
    param([Parameter(Mandatory)] [string] $Destination)
    $version = Get-ModuleVersion -Root $Root
    $notes = Get-ReleaseNotes -Root $Root -Version $version
    $text = (Get-Content (Join-Path $Root 'module/CallRecords.psd1') -Raw).
        Replace('{{ModuleVersion}}', $version).
        Replace('{{ReleaseNotes}}', $notes.Replace("'", "''"))
    Set-Content -Path (Join-Path $Destination 'CallRecords.psd1') -Value $text -NoNewline
}

if (Test-Path $ModulePath) { Remove-Item $ModulePath -Recurse -Force }
$dependencies = New-Item -ItemType Directory -Path (Join-Path $ModulePath 'Dependencies') -Force
New-Item -ItemType Directory -Path (Join-Path $ModulePath 'en-US') -Force | Out-Null

Invoke-Dotnet publish (Join-Path $Root 'src/CallRecords.Engine') -c $Configuration --no-build --nologo -v quiet -o $dependencies.FullName
Remove-Item (Join-Path $dependencies 'CallRecords.Models.*') -Force
Get-ChildItem $dependencies -Filter '*.pdb' | Remove-Item -Force
Copy-Item (Join-Path $Root "src/CallRecords.Loader/bin/$Configuration/net8.0/CallRecords.Loader.dll") $dependencies
Select-NativeRuntime -Dependencies $dependencies.FullName

$cmdletBin = Join-Path $Root "src/CallRecords/bin/$Configuration/net8.0"
Copy-Item (Join-Path $cmdletBin 'CallRecords.dll'), (Join-Path $cmdletBin 'CallRecords.Models.dll') $ModulePath
Copy-Item (Join-Path $Root 'module/*.ps1xml') $ModulePath
Copy-Item (Join-Path $Root 'LICENSE') $ModulePath
Write-Manifest -Destination $ModulePath

# Help is generated from docs/en-US and the cmdlets' own metadata, in a separate process so this one never loads
# the module it is building.
Invoke-Pwsh -File (Join-Path $PSScriptRoot 'New-ExternalHelp.ps1') -ModulePath $ModulePath -SourcePath (Join-Path $Root 'docs/en-US')
Write-Host "Module: $ModulePath"
