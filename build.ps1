#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the CallRecords module.
.DESCRIPTION
    The one front door. On a machine with only the .NET SDK:
        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Demo     # the module against the bundled Graph emulator
        dotnet pwsh ./build.ps1 -Task Test     # xunit and Pester; the last line is "N passed, N failed"
    Build writes the importable module to out/CallRecords and the emulator to out/emulator.
.PARAMETER Task
    Build (default), Test, Demo, Bench (benchmarks against the usual script; -Quick for a short run), Package or Clean.
.PARAMETER Configuration
    Release (default) or Debug.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: smaller sizes, one repetition.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'CallRecords'
$emulatorOut = Join-Path $out 'emulator'
$testResults = Join-Path $out 'test-results'
. (Join-Path $root 'tools/Common.ps1')

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# Publishing a netstandard2.0 library leaves out the native SQLite library (e_sqlite3) that Microsoft.Data.Sqlite
# needs, so it is copied from the package the Engine restored, in the package's runtimes/<rid>/native layout, which
# the module's load context searches. Only the platforms PowerShell 7 runs on.
function Copy-SqliteNative {
    param([Parameter(Mandatory)] [string] $Destination)
    $assets = Get-Content (Join-Path $root 'src/CallRecords.Engine/obj/project.assets.json') -Raw | ConvertFrom-Json -AsHashtable
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

# PowerShell 7.4 and 7.5 (.NET 8 and 9) cannot be installed here, so the module's floor is proven by a host
# published self-contained for each runtime; it loads the built Engine through the Loader as the module does.
# tests/CallRecords.Tests/RuntimeFloorTests.cs runs each against an emulator.
function Publish-RuntimeFloorHost {
    $floorOut = Join-Path $out 'runtime-floor'
    if (Test-Path $floorOut) { Remove-Item $floorOut -Recurse -Force }
    foreach ($framework in 'net8.0', 'net9.0') {
        Invoke-Dotnet publish (Join-Path $root 'tests/CallRecords.RuntimeFloor') -c $Configuration -f $framework --nologo -v quiet -o (Join-Path $floorOut $framework)
    }
}

function Invoke-Build {
    Write-Host "Building ($Configuration)..."
    Invoke-Dotnet build (Join-Path $root 'CallRecords.PowerShell.sln') -c $Configuration --nologo -v quiet '-clp:NoSummary'

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'Dependencies') -Force
    New-Item -ItemType Directory -Path (Join-Path $moduleOut 'en-US') -Force | Out-Null

    # The Engine and everything it brings go to Dependencies/, loaded in the module's private load context.
    Invoke-Dotnet publish (Join-Path $root 'src/CallRecords.Engine') -c $Configuration --no-build --nologo -v quiet -o $dependencies.FullName
    Remove-Item (Join-Path $dependencies 'CallRecords.Models.*') -Force
    Get-ChildItem $dependencies -Filter '*.pdb' | Remove-Item -Force
    Copy-Item (Join-Path $root "src/CallRecords.Loader/bin/$Configuration/net8.0/CallRecords.Loader.dll") $dependencies
    Copy-SqliteNative -Destination $dependencies.FullName

    $cmdletBin = Join-Path $root "src/CallRecords/bin/$Configuration/netstandard2.0"
    Copy-Item (Join-Path $cmdletBin 'CallRecords.dll'), (Join-Path $cmdletBin 'CallRecords.Models.dll') $moduleOut
    Copy-Item (Join-Path $root 'module/*.psd1'), (Join-Path $root 'module/*.ps1xml') $moduleOut

    Invoke-Dotnet publish (Join-Path $root 'src/CallRecords.Emulator') -c $Configuration --no-build --nologo -v quiet -o $emulatorOut
    Publish-RuntimeFloorHost

    # Help is generated from docs/en-US and the cmdlets' own metadata, in a separate process so this one
    # never loads the module it is building.
    Invoke-Pwsh -File (Join-Path $root 'tools/New-ExternalHelp.ps1') -ModulePath $moduleOut -SourcePath (Join-Path $root 'docs/en-US')
    Write-Host "Module: $moduleOut"
    Write-Host "Emulator: $(Join-Path $emulatorOut 'CallRecords.Emulator.dll')"
}

# Test tools from Debian's packages: Chromium renders the HTML report, tmux gives a real terminal for Ctrl+C.
function Install-TestTool {
    $missing = @(@{ Path = '/usr/bin/chromium'; Package = 'chromium' }, @{ Path = '/usr/bin/tmux'; Package = 'tmux' } |
        Where-Object { -not (Test-Path $_.Path) } | ForEach-Object { $_.Package })
    if (-not $missing) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        Write-Warning "$($missing -join ', ') missing and cannot be installed here; the tests that need them will fail."
        return
    }
    Write-Host "Installing $($missing -join ', ') for the tests..."
    $runner = @(if ((& id -u) -ne '0') { 'sudo' }) + @('env', 'DEBIAN_FRONTEND=noninteractive')
    $arguments = @($runner | Select-Object -Skip 1)
    & $runner[0] @arguments apt-get update -qq
    & $runner[0] @arguments apt-get install -y -qq --no-install-recommends @missing
    if ($LASTEXITCODE -ne 0) { throw "apt-get could not install $($missing -join ', ')." }
}

function Invoke-Test {
    Install-TestTool
    Invoke-Build
    New-Package
    Invoke-Dotnet restore (Join-Path $root 'tools/ToolPackages.csproj') --nologo -v quiet
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults | Out-Null

    $passed = 0
    $failed = 0
    foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter '*.Tests.csproj' -Recurse) {
        $name = $project.BaseName
        Write-Host "`n== xunit: $name"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$name.trx" --logger 'console;verbosity=minimal' --results-directory $testResults
        $exit = $LASTEXITCODE
        $trx = Join-Path $testResults "$name.trx"
        if (Test-Path $trx) {
            $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
            $passed += [int]$counters.passed
            $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        }
        elseif ($exit -ne 0) {
            Write-Host "$name did not run (exit code $exit)."
            $failed++
        }
    }

    Write-Host "`n== Pester"
    $pesterSummary = Join-Path $testResults 'pester.json'
    Invoke-Pwsh -File (Join-Path $root 'tools/Invoke-PesterTests.ps1') -ModulePath $moduleOut -TestPath (Join-Path $root 'tests/pester') -SummaryPath $pesterSummary -AllowFailure
    if (Test-Path $pesterSummary) {
        $pester = Get-Content $pesterSummary -Raw | ConvertFrom-Json
        $passed += $pester.Passed
        $failed += $pester.Failed
    }
    else {
        Write-Host 'Pester did not run.'
        $failed++
    }

    Write-Host ''
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-Pwsh -File (Join-Path $root 'tools/Demo.ps1') -ModulePath $moduleOut -EmulatorPath (Join-Path $emulatorOut 'CallRecords.Emulator.dll') -OutputPath (Join-Path $out 'demo')
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Dotnet build (Join-Path $root 'bench/SdkContender') -c Release --nologo -v quiet '-clp:NoSummary'
    Invoke-Pwsh -File (Join-Path $root 'bench/Invoke-Benchmark.ps1') -ModulePath $moduleOut -EmulatorPath (Join-Path $emulatorOut 'CallRecords.Emulator.dll') -OutputPath (Join-Path $out 'bench') @(if ($Quick) { '-Quick' })
}

function New-Package {
    $packageOut = Join-Path $out 'package'
    if (Test-Path $packageOut) { Remove-Item $packageOut -Recurse -Force }
    New-Item -ItemType Directory -Path $packageOut | Out-Null
    Invoke-Pwsh -File (Join-Path $root 'tools/New-ModulePackage.ps1') -ModulePath $moduleOut -OutputPath $packageOut
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Build; New-Package }
    'Clean' {
        if (Test-Path $out) { Remove-Item $out -Recurse -Force }
        Invoke-Dotnet clean (Join-Path $root 'CallRecords.PowerShell.sln') -c $Configuration --nologo -v quiet
    }
}
