<#
.SYNOPSIS
    The build's tasks, run by Invoke-Build through ./build.ps1 (the front door: use that).
.DESCRIPTION
    Every program a task starts goes through Invoke-Tool or Invoke-Script, so -DryRun prints each command line a
    task would run, with its arguments, and runs none of them.
#>
param(
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [switch] $Quick,
    [switch] $DryRun
)

Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot -Parent
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'CallRecords'
$emulatorOut = Join-Path $out 'emulator'
$emulatorDll = Join-Path $emulatorOut 'CallRecords.Emulator.dll'
$packageOut = Join-Path $out 'package'
$testResults = Join-Path $out 'test-results'
$solution = Join-Path $root 'CallRecords.PowerShell.sln'
. (Join-Path $PSScriptRoot 'Common.ps1')

# A command line as PowerShell would read it back: arguments with spaces, quotes or nothing in them are quoted.
function Format-CommandLine([string[]] $Line) {
    ($Line | ForEach-Object { if ($_ -match '^[\w./:=+,@%-]+$') { $_ } else { "'" + $_.Replace("'", "''") + "'" } }) -join ' '
}

# Runs a program with its arguments, or prints it in a dry run; fails when it fails unless -AllowFailure.
function Invoke-Tool {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [switch] $AllowFailure)
    Write-Build DarkGray "> $(Format-CommandLine (@($FilePath) + $ArgumentList))"
    if ($DryRun) { return }
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "$FilePath failed with exit code $LASTEXITCODE." }
}

# Runs a script in a fresh pwsh with named parameters: a switch is passed when true, any other value as -Name value,
# so no empty or positional argument can slip through.
function Invoke-Script {
    param([Parameter(Mandatory)] [string] $Path, [System.Collections.IDictionary] $Parameters = @{}, [switch] $AllowFailure)
    $arguments = foreach ($parameter in $Parameters.GetEnumerator()) {
        if ($parameter.Value -is [bool] -or $parameter.Value -is [switch]) {
            if ($parameter.Value) { "-$($parameter.Key)" }
        }
        else {
            "-$($parameter.Key)"
            [string]$parameter.Value
        }
    }
    $hostPath = [Environment]::ProcessPath
    $prefix = @(if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    Invoke-Tool $hostPath (@($prefix) + @('-NoProfile', '-NonInteractive', '-File', $Path) + @($arguments)) -AllowFailure:$AllowFailure
}

# Synopsis: Installs the programs the tests use from Debian's packages when missing: Chromium renders the HTML report, tmux gives a real terminal for Ctrl+C, PostgreSQL serves the store's tests, Node.js and npm run Azurite (the Azure Storage emulator).
task Bootstrap {
    # Debian puts each PostgreSQL major version's server programs in /usr/lib/postgresql/<version>/bin, not on PATH.
    $missing = @(@{ Path = '/usr/bin/chromium'; Package = 'chromium' }, @{ Path = '/usr/bin/tmux'; Package = 'tmux' },
        @{ Path = '/usr/lib/postgresql/*/bin/initdb'; Package = 'postgresql' }, @{ Command = 'node'; Package = 'nodejs' }, @{ Command = 'npm'; Package = 'npm' } |
        Where-Object { -not $(if ($_.ContainsKey('Path')) { Test-Path $_.Path } else { Get-Command $_.Command -CommandType Application -ErrorAction Ignore }) } |
        ForEach-Object { $_.Package })
    if (-not $missing) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        Write-Warning "$($missing -join ', ') missing and cannot be installed here; the tests that need them will fail."
        return
    }
    $runner = @(if ((& id -u) -ne '0') { 'sudo' }) + @('env', 'DEBIAN_FRONTEND=noninteractive')
    Invoke-Tool $runner[0] (@($runner | Select-Object -Skip 1) + @('apt-get', 'update', '-qq'))
    Invoke-Tool $runner[0] (@($runner | Select-Object -Skip 1) + @('apt-get', 'install', '-y', '-qq', '--no-install-recommends') + $missing)
}

# Synopsis: Installs the pinned Azurite (tests/azurite/package-lock.json) into tests/azurite/node_modules, unless that version is there.
task Azurite {
    $folder = Join-Path $root 'tests/azurite'
    $pinned = ((Get-Content (Join-Path $folder 'package.json') -Raw | ConvertFrom-Json).dependencies).azurite
    $installed = Join-Path $folder 'node_modules/azurite/package.json'
    if ((Test-Path $installed) -and (Get-Content $installed -Raw | ConvertFrom-Json).version -eq $pinned) { return }
    # No install scripts: Azurite needs none, and none of its dependencies' scripts should run on a build machine.
    Invoke-Tool npm @('ci', '--prefix', $folder, '--ignore-scripts', '--no-audit', '--no-fund')
}

# Synopsis: Compiles the solution.
task Compile {
    Invoke-Tool dotnet @('build', $solution, '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:NoSummary')
}

# Synopsis: Lays out the importable module in out/CallRecords, with its help.
task Module Compile, {
    Invoke-Script (Join-Path $PSScriptRoot 'Build-Module.ps1') ([ordered]@{ Root = $root; Configuration = $Configuration; ModulePath = $moduleOut })
}

# Synopsis: Publishes the emulator to out/emulator.
task Emulator Compile, {
    Invoke-Tool dotnet @('publish', (Join-Path $root 'src/CallRecords.Emulator'), '-c', $Configuration, '--no-build', '--nologo', '-v', 'quiet', '-o', $emulatorOut)
}

# Synopsis: Publishes the runtime-floor host self-contained for .NET 8 and 9 to out/runtime-floor/<tfm>.
# PowerShell 7.4 and 7.5 cannot be installed on the build machines, so the host proves the module's floor: it loads
# the built Engine through the Loader as the module does; tests/CallRecords.Tests/RuntimeFloorTests.cs runs it.
task RuntimeFloor Module, {
    foreach ($framework in 'net8.0', 'net9.0') {
        Invoke-Tool dotnet @('publish', (Join-Path $root 'tests/CallRecords.RuntimeFloor'), '-c', $Configuration, '-f', $framework, '--nologo', '-v', 'quiet', '-o', (Join-Path $out "runtime-floor/$framework"))
    }
}

# Synopsis: Builds the module and the emulator.
task Build Module, Emulator

# Synopsis: Packs the module as out/package/CallRecords.<version>.nupkg, for Install-PSResource from a folder.
task Package Module, {
    if (-not $DryRun) {
        if (Test-Path $packageOut) { Remove-Item $packageOut -Recurse -Force }
        New-Item -ItemType Directory -Path $packageOut | Out-Null
    }
    Invoke-Script (Join-Path $PSScriptRoot 'New-ModulePackage.ps1') ([ordered]@{ ModulePath = $moduleOut; OutputPath = $packageOut })
}

# Synopsis: Downloads the PowerShell modules and old assemblies the tests use into the NuGet cache.
task TestPackages {
    Invoke-Tool dotnet @('restore', (Join-Path $PSScriptRoot 'ToolPackages.csproj'), '--nologo', '-v', 'quiet')
}

# Synopsis: Runs every xunit project; counts go to out/test-results.
task UnitTests Build, RuntimeFloor, TestPackages, Azurite, {
    foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter '*.Tests.csproj' -Recurse | Sort-Object Name) {
        $name = $project.BaseName
        Write-Build Cyan "== xunit: $name"
        Invoke-Tool dotnet @('test', $project.FullName, '-c', $Configuration, '--no-build', '--nologo',
            '--logger', "trx;LogFileName=$name.trx", '--logger', 'console;verbosity=minimal', '--results-directory', $testResults) -AllowFailure
    }
}

# Synopsis: Runs tests/pester in a fresh pwsh against the built module and package.
task PesterTests Build, Package, TestPackages, Azurite, {
    Write-Build Cyan '== Pester'
    Invoke-Script (Join-Path $PSScriptRoot 'Invoke-PesterTests.ps1') ([ordered]@{
            ModulePath  = $moduleOut
            TestPath    = Join-Path $root 'tests/pester'
            SummaryPath = Join-Path $testResults 'pester.json'
        }) -AllowFailure
}

# Synopsis: Empties out/test-results before a test run.
task TestResults {
    if ($DryRun) { return }
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults | Out-Null
}

# Synopsis: xunit and Pester; build.ps1 prints the totals as the last line.
task Test Bootstrap, TestResults, UnitTests, PesterTests

# Synopsis: The module against the bundled emulator, with files written to out/demo.
task Demo Build, {
    Invoke-Script (Join-Path $PSScriptRoot 'Demo.ps1') ([ordered]@{ ModulePath = $moduleOut; EmulatorPath = $emulatorDll; OutputPath = Join-Path $out 'demo' })
}

# Synopsis: Benchmarks against the usual script, a parallel script and the Graph SDK (-Quick for a short run).
task Bench Build, {
    Invoke-Tool dotnet @('build', (Join-Path $root 'bench/SdkContender'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:NoSummary')
    Invoke-Script (Join-Path $root 'bench/Invoke-Benchmark.ps1') ([ordered]@{ ModulePath = $moduleOut; EmulatorPath = $emulatorDll; OutputPath = Join-Path $out 'bench'; Quick = [bool]$Quick })
}

# Synopsis: Removes out/ and the build output of every project.
task Clean {
    if (-not $DryRun -and (Test-Path $out)) { Remove-Item $out -Recurse -Force }
    Invoke-Tool dotnet @('clean', $solution, '-c', $Configuration, '--nologo', '-v', 'quiet')
}

task . Build
