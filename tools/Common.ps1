# Helpers shared by build.ps1, the demo and the Pester tests.

# Runs a fresh pwsh, the same PowerShell that runs this one, with the given arguments; returns its output.
function Start-FreshPwsh {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    # Under 'dotnet pwsh' the process is dotnet and PowerShell is pwsh.dll in $PSHOME.
    $hostPath = [Environment]::ProcessPath
    $prefix = @(if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    & $hostPath @prefix -NoProfile -NonInteractive @Arguments
}

# Starts a script file in a fresh pwsh without waiting for it; returns the process, which the caller disposes.
function Start-PwshScript {
    param([Parameter(Mandatory)] [string] $File, [switch] $RedirectStandardOutput, [switch] $RedirectStandardError)
    $hostPath = [Environment]::ProcessPath
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($hostPath)
    if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $File) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.RedirectStandardOutput = $RedirectStandardOutput.IsPresent
    $startInfo.RedirectStandardError = $RedirectStandardError.IsPresent
    [System.Diagnostics.Process]::Start($startInfo)
}

# Runs a script file in a fresh pwsh and fails when it fails.
function Invoke-Pwsh {
    param(
        [Parameter(Mandatory)] [string] $File,
        [switch] $AllowFailure,
        [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments
    )
    Start-FreshPwsh -File $File @Arguments
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "$File failed with exit code $LASTEXITCODE." }
}

# A TCP port nobody listens on right now.
function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# Starts the emulator on a loopback port the operating system picks and returns once it listens. As every launcher
# does (src/CallRecords.Emulator/README.md, "Ready line"): it reads standard output up to the ready line and takes the
# address from it; if the emulator exits first or 30 s pass, it fails with the emulator's standard error.
function Start-CallRecordsEmulator {
    param(
        [Parameter(Mandatory)] [string] $EmulatorPath,
        [string[]] $ArgumentList = @(),
        # Also listen with https on this port (give the certificate with --Kestrel:Certificates:Default:* arguments).
        [int] $HttpsPort
    )
    $urls = if ($HttpsPort) { "http://127.0.0.1:0;https://127.0.0.1:$HttpsPort" } else { 'http://127.0.0.1:0' }
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($EmulatorPath, '--urls', $urls) + $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    # Read to its end from the start: a failure can say why, and the emulator never blocks on a full pipe.
    $errors = $process.StandardError.ReadToEndAsync()
    $prefix = 'CallRecords emulator listening on '
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $readyLine = $null
    $failure = $null
    try {
        while ($null -eq $readyLine -and $null -eq $failure) {
            $line = $process.StandardOutput.ReadLineAsync()
            # Short waits, so that Ctrl+C can stop a start that hangs.
            while (-not $line.Wait(100) -and [DateTime]::UtcNow -lt $deadline) { }
            if (-not $line.IsCompleted) { $failure = 'The emulator did not say it was listening within 30 s, so it was stopped.' }
            elseif ($null -eq $line.Result) {
                $process.WaitForExit()
                $failure = "The emulator exited with code $($process.ExitCode) before it was listening."
            }
            elseif ($line.Result.StartsWith($prefix, [StringComparison]::Ordinal)) { $readyLine = $line.Result }
        }
    }
    finally {
        # After a failure, and after Ctrl+C during the start, no emulator is left running.
        if ($null -eq $readyLine -and -not $process.HasExited) {
            $process.Kill($true)
            $process.WaitForExit()
        }
    }
    if ($failure) { throw "$failure Its standard error: $($errors.Result)" }
    # What follows on standard output is discarded as it comes, so the emulator never blocks on a full pipe.
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    # "CallRecords emulator listening on URL[, URL...] (seed N, now ISO)": the Graph root is the http address.
    $addresses = $readyLine.Substring($prefix.Length)
    $addresses = $addresses.Substring(0, $addresses.IndexOf(' ('))
    $url = $addresses -split ', ' | Where-Object { $_.StartsWith('http://') } | Select-Object -First 1
    [pscustomobject]@{ Url = $url; Process = $process }
}

function Stop-CallRecordsEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
    $Emulator.Process.Dispose()
}

# The module's version: the one Version property of Directory.Build.props, which the assemblies, the manifest,
# the User-Agent sent to Graph and the package all take.
function Get-ModuleVersion {
    param([Parameter(Mandatory)] [string] $Root)
    $node = ([xml](Get-Content (Join-Path $Root 'Directory.Build.props') -Raw)).SelectSingleNode('/Project/PropertyGroup/Version')
    if (-not $node) { throw 'Directory.Build.props has no Version.' }
    $node.InnerText
}

# The notes of one version: the lines under its '## <version>' heading in CHANGELOG.md, up to the next heading.
function Get-ReleaseNotes {
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $Version)
    $lines = Get-Content (Join-Path $Root 'CHANGELOG.md')
    $start = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($line) $line -match "^## $([regex]::Escape($Version))\b" })
    if ($start -lt 0) { throw "CHANGELOG.md has no '## $Version' section." }
    $section = $lines | Select-Object -Skip ($start + 1) | ForEach-Object -Begin { $done = $false } -Process {
        if ($_ -match '^## ') { $done = $true }
        if (-not $done) { $_ }
    }
    ($section -join "`n").Trim()
}

# Imports a PowerShell module the build takes from NuGet (tools/ToolPackages.csproj), restoring it on first use.
function Import-ToolModule {
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [ValidateSet('InvokeBuild', 'Pester')] [string] $Name)
    $project = [xml](Get-Content (Join-Path $Root 'tools/ToolPackages.csproj') -Raw)
    $package = if ($Name -eq 'InvokeBuild') { 'Invoke-Build' } else { 'Pester' }
    $version = ($project.Project.ItemGroup.PackageDownload | Where-Object Include -EQ $package).Version.Trim('[', ']')
    $cache = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $manifest = Join-Path $cache "$($package.ToLowerInvariant())/$version/tools/$Name.psd1"
    if (-not (Test-Path $manifest)) {
        & dotnet restore (Join-Path $Root 'tools/ToolPackages.csproj') --nologo -v quiet
        if ($LASTEXITCODE -ne 0) { throw "Restoring tools/ToolPackages.csproj failed with exit code $LASTEXITCODE." }
    }
    Import-Module $manifest -Force -Global
}

# Totals of a test run: every xunit .trx and Pester's summary in out/test-results; a test project or Pester run that
# left no results counts as a failure.
function Get-TestTotals {
    param([Parameter(Mandatory)] [string] $Root)
    $ResultsPath = Join-Path $Root 'out/test-results'
    $passed = 0
    $failed = 0
    foreach ($trx in Get-ChildItem $ResultsPath -Filter '*.trx' -ErrorAction Ignore) {
        $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    $projects = @(Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse -ErrorAction Ignore)
    $missing = @($projects | Where-Object { -not (Test-Path (Join-Path $ResultsPath "$($_.BaseName).trx")) })
    $failed += $missing.Count
    $pester = Join-Path $ResultsPath 'pester.json'
    if (Test-Path $pester) {
        $summary = Get-Content $pester -Raw | ConvertFrom-Json
        $passed += $summary.Passed
        $failed += $summary.Failed
    }
    else {
        $failed++
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

# Starts Azurite's blob service (tests/azurite, installed by the Test task) on a loopback port the system picks, with
# its data in a folder of its own, and returns once it listens: Url is the development account's blob endpoint
# (http://127.0.0.1:PORT/devstoreaccount1) and ConnectionString holds its published development key.
function Start-Azurite {
    param([Parameter(Mandatory)] [string] $Root)
    $script = Join-Path $Root 'tests/azurite/node_modules/azurite/dist/src/blob/main.js'
    if (-not (Test-Path $script)) { throw "$script is missing: run ./build.ps1 -Task Test (its Azurite task runs npm ci in tests/azurite)." }
    $location = Join-Path ([IO.Path]::GetTempPath()) ('callrecords-azurite-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $location | Out-Null
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('node')
    foreach ($argument in $script, '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', $location, '--skipApiVersionCheck', '--loose') { $startInfo.ArgumentList.Add($argument) }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $errors = $process.StandardError.ReadToEndAsync()
    $prefix = 'Azurite Blob service successfully listens on '
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $url = $null
    while (-not $url -and [DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLineAsync()
        while (-not $line.Wait(100) -and [DateTime]::UtcNow -lt $deadline) { }
        if (-not $line.IsCompleted -or $null -eq $line.Result) { break }
        if ($line.Result.StartsWith($prefix)) { $url = $line.Result.Substring($prefix.Length).Trim() + '/devstoreaccount1' }
    }
    if (-not $url) {
        if (-not $process.HasExited) { $process.Kill($true) }
        $process.WaitForExit()
        Remove-Item $location -Recurse -Force
        throw "Azurite did not start within 30 s. Its standard error: $($errors.Result)"
    }
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    $key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
    [pscustomobject]@{
        Url              = $url
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=$url;"
        Process          = $process
        Location         = $location
    }
}

function Stop-Azurite {
    param([Parameter(Mandatory)] $Azurite)
    if (-not $Azurite.Process.HasExited) { $Azurite.Process.Kill($true) }
    $Azurite.Process.WaitForExit(10000) | Out-Null
    $Azurite.Process.Dispose()
    Remove-Item $Azurite.Location -Recurse -Force -ErrorAction Ignore
}
