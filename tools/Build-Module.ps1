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

# Publishing a netstandard2.0 library leaves out the native SQLite library (e_sqlite3) that Microsoft.Data.Sqlite
# needs, so it is copied from the package the Engine restored, in the package's runtimes/<rid>/native layout, which
# the module's load context searches. Only the platforms PowerShell 7 runs on.
function Copy-SqliteNative {
    param([Parameter(Mandatory)] [string] $Destination)
    $assets = Get-Content (Join-Path $Root 'src/CallRecords.Engine/obj/project.assets.json') -Raw | ConvertFrom-Json -AsHashtable
    $name = @($assets.libraries.Keys | Where-Object { $_ -like 'SQLitePCLRaw.lib.e_sqlite3/*' })
    if ($name.Count -ne 1) { throw "The Engine's restore has $($name.Count) SQLitePCLRaw.lib.e_sqlite3 packages; expected one." }
    $package = Join-Path @($assets.packageFolders.Keys)[0] $assets.libraries[$name[0]].path
    foreach ($rid in 'linux-x64', 'linux-arm64', 'linux-arm', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-x86', 'win-arm64') {
        $native = Join-Path $package "runtimes/$rid/native"
        if (-not (Test-Path $native)) { throw "$native is missing." }
        $target = New-Item -ItemType Directory -Path (Join-Path $Destination "runtimes/$rid/native") -Force
        Copy-Item (Join-Path $native '*') $target
    }
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
Copy-SqliteNative -Destination $dependencies.FullName

$cmdletBin = Join-Path $Root "src/CallRecords/bin/$Configuration/netstandard2.0"
Copy-Item (Join-Path $cmdletBin 'CallRecords.dll'), (Join-Path $cmdletBin 'CallRecords.Models.dll') $ModulePath
Copy-Item (Join-Path $Root 'module/*.ps1xml') $ModulePath
Copy-Item (Join-Path $Root 'LICENSE') $ModulePath
Write-Manifest -Destination $ModulePath

# Help is generated from docs/en-US and the cmdlets' own metadata, in a separate process so this one never loads
# the module it is building.
Invoke-Pwsh -File (Join-Path $PSScriptRoot 'New-ExternalHelp.ps1') -ModulePath $ModulePath -SourcePath (Join-Path $Root 'docs/en-US')
Write-Host "Module: $ModulePath"
