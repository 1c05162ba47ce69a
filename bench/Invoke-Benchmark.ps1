<#
.SYNOPSIS
    Benchmarks the module against the usual script, on the emulator, and writes out/bench/results.json.
.DESCRIPTION
    Every contender runs in a fresh pwsh against an emulator with realistic latency (PSTN pages 1 s, call-record
    requests 300 ms) and Graph's throttling on, both compressed by the same --time-scale. Contenders alternate,
    several repetitions, median reported; every figure is a ratio to a baseline measured in the same run.
    Benchmarks print; they never fail a test run.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$EmulatorPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($EmulatorPath)
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
. (Join-Path $PSScriptRoot '../tools/Common.ps1')
New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null

$repetitions = if ($Quick) { 1 } else { 3 }
# Latency and throttling windows are compressed by these factors (the same for every contender) to keep a run short,
# but not so far that the two cores of a build machine, not Graph's ceiling, would set our pace: at 0.25 the PSTN
# budget asks for about 13,000 rows/s through Export-Csv, at 0.2 the call records budget for 340 records/s.
$pstnScale = 0.25
$callRecordsScale = 0.2
$manifest = Join-Path $ModulePath 'CallRecords.psd1'
$results = [ordered]@{}

# Runs a contender's script in a fresh pwsh; the script prints one JSON line with its own measurements. The
# parameters travel as environment variables, so no quoting of the scripts they carry is needed.
function Invoke-Contender([string] $Script, [hashtable] $Parameters) {
    foreach ($parameter in $Parameters.GetEnumerator()) { [Environment]::SetEnvironmentVariable("BENCH_$($parameter.Key)", [string]$parameter.Value) }
    try {
        $prelude = ($Parameters.Keys | ForEach-Object { "`$$_ = `$env:BENCH_$_" }) -join '; '
        $output = Start-FreshPwsh -Command "$prelude; $Script"
        if ($LASTEXITCODE -ne 0) { throw "A contender failed: $($output -join "`n")" }
        $output | Select-Object -Last 1 | ConvertFrom-Json
    }
    finally {
        foreach ($name in $Parameters.Keys) { [Environment]::SetEnvironmentVariable("BENCH_$name", $null) }
    }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)]
}

# The figures of a scenario measured against the usual script and the SDK, with its share of the throttle ceiling.
function New-ThroughputResult($Median, [double] $Limit, [double] $WindowSeconds, [double] $TimeScale) {
    [ordered]@{
        ours_s                 = [math]::Round($Median.ours.Seconds, 2)
        baseline_s             = [math]::Round($Median.baseline.Seconds, 2)
        sdk_s                  = [math]::Round($Median.sdk.Seconds, 2)
        ratio_vs_baseline      = [math]::Round($Median.baseline.Seconds / $Median.ours.Seconds, 2)
        ratio_vs_sdk           = [math]::Round($Median.sdk.Seconds / $Median.ours.Seconds, 2)
        ceiling_fraction       = Get-CeilingFraction $Median.ours.Requests $Median.ours.Seconds $Limit ($WindowSeconds * $TimeScale)
        throttled_429          = $Median.ours.Throttled
        baseline_throttled_429 = $Median.baseline.Throttled
    }
}

# Throttle fraction: requests sent per (scaled) window over the published limit for that API.
function Get-CeilingFraction([double] $Requests, [double] $Seconds, [double] $Limit, [double] $WindowSeconds) {
    [math]::Round($Requests / ($Seconds / $WindowSeconds) / $Limit, 3)
}

$ours = @'
Import-Module $Manifest
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -GraphEndpoint $Url -ThrottleWindowScale $TimeScale | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
& ([scriptblock]::Create($Body))
$clock.Stop()
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
'@

# The usual script: Invoke-RestMethod, a nextLink loop, $all += $page.value, and a sleep on 429.
$usual = @'
$headers = @{ Authorization = 'Bearer t' }
function Get-Page([string] $Uri) {
    while ($true) {
        try { return Invoke-RestMethod -Uri $Uri -Headers $headers }
        catch {
            if ($_.Exception.Response.StatusCode -ne 429) { throw }
            Start-Sleep -Seconds ([int]$_.Exception.Response.Headers.RetryAfter.Delta.TotalSeconds)
        }
    }
}
$clock = [Diagnostics.Stopwatch]::StartNew()
& ([scriptblock]::Create($Body))
$clock.Stop()
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
'@

# The Graph SDK contender: a console program that prints the same JSON line.
$sdkContender = Join-Path $PSScriptRoot 'SdkContender/bin/Release/net10.0/SdkContender.dll'
function Invoke-SdkContender([string] $Mode, [string] $Url, [datetime] $From, [datetime] $To) {
    $output = & dotnet $sdkContender $Mode $Url $From.ToString('o') $To.ToString('o')
    if ($LASTEXITCODE -ne 0) { throw "The SDK contender failed: $($output -join "`n")" }
    $output | Select-Object -Last 1 | ConvertFrom-Json
}

# Runs every contender of a scenario against one emulator whose latency and throttling windows are multiplied by
# $TimeScale; our module's budgets get the same factor, unless $ThrottleWindowScale says otherwise.
function Invoke-Scenario([string] $Name, [double] $TimeScale, [string[]] $EmulatorArguments, [hashtable] $Bodies, [string] $SdkMode, [datetime] $From, [datetime] $To, [double] $ThrottleWindowScale = $TimeScale) {
    $emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList ($EmulatorArguments + @('--time-scale', "$TimeScale"))
    try {
        $contenders = @($Bodies.Keys) + @(if ($SdkMode) { 'sdk' })
        $runs = @{}
        foreach ($contender in $contenders) { $runs[$contender] = [System.Collections.Generic.List[object]]::new() }
        for ($repetition = 1; $repetition -le $repetitions; $repetition++) {
            foreach ($contender in $contenders) {
                Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
                Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/throttling/reset" | Out-Null
                $measured = if ($contender -eq 'sdk') {
                    Invoke-SdkContender $SdkMode $emulator.Url $From $To
                }
                else {
                    $script = if ($contender -eq 'ours') { $ours } else { $usual }
                    Invoke-Contender $script @{ Manifest = $manifest; Url = $emulator.Url; TimeScale = $ThrottleWindowScale; Body = $Bodies[$contender]; Csv = (Join-Path $OutputPath "$Name-$contender.csv") }
                }
                $stats = Invoke-RestMethod "$($emulator.Url)/_emulator/stats"
                $runs[$contender].Add([pscustomobject]@{ Seconds = $measured.Seconds; PeakMB = $measured.PeakMB; Requests = $stats.requests; Throttled = $stats.throttled })
                Write-Host ("  {0,-8} {1,-9} run {2}: {3,8:N1} s, {4,6} requests, {5,4} x 429, peak {6:N0} MB" -f $Name, $contender, $repetition, $measured.Seconds, $stats.requests, $stats.throttled, $measured.PeakMB)
            }
        }
        $median = @{}
        foreach ($contender in $contenders) {
            $median[$contender] = [pscustomobject]@{
                Seconds   = Get-Median $runs[$contender].Seconds
                PeakMB    = Get-Median $runs[$contender].PeakMB
                Requests  = Get-Median $runs[$contender].Requests
                Throttled = Get-Median $runs[$contender].Throttled
            }
        }
        $median
    }
    finally {
        Stop-CallRecordsEmulator $emulator
    }
}

$today = [datetime]::UtcNow.Date.ToString('o')

# The usual PSTN script for the last $Days days: 90-day windows, each page appended to $all.
function New-UsualPstnScript([int] $Days) {
    @"
`$all = @()
`$to = [datetime]'$today'; `$from = `$to.AddDays(-$Days)
for (`$start = `$from; `$start -lt `$to; `$start = `$start.AddDays(90)) {
    `$end = if (`$start.AddDays(90) -lt `$to) { `$start.AddDays(90).AddTicks(-1) } else { `$to.AddTicks(-1) }
    `$next = "`$Url/v1.0/communications/callRecords/getPstnCalls(fromDateTime=`$(`$start.ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ')),toDateTime=`$(`$end.ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ')))"
    while (`$next) { `$page = Get-Page `$next; `$all += `$page.value; `$next = `$page.'@odata.nextLink' }
}
"@
}

Write-Host "Scenario pstn: a $(if ($Quick) { 30 } else { 200 })-day PSTN pull to Export-Csv"
$days = if ($Quick) { 30 } else { 200 }
$pstn = Invoke-Scenario 'pstn' $pstnScale @('--latency-ms', '1000', '--pstn-rows-per-day', '1000') @{
    ours     = "Get-PstnCallLog -From ([datetime]'$today').AddDays(-$days) -To ([datetime]'$today') | Export-Csv `$Csv -NoTypeInformation"
    baseline = (New-UsualPstnScript $days) + "`n`$all | Export-Csv `$Csv -NoTypeInformation"
} 'pstn' ([datetime]$today).AddDays(-$days) ([datetime]$today)
$results['pstn'] = New-ThroughputResult $pstn 200 60 $pstnScale

$records = if ($Quick) { 300 } else { 2000 }
Write-Host "Scenario callrecords: list a day of $records records and expand every record's sessions"
$callrecords = Invoke-Scenario 'callrecords' $callRecordsScale @('--latency-ms', '300', '--calls-per-day', "$records", '--users', '500') @{
    ours     = "Get-CallRecord -From ([datetime]'$today').AddDays(-1) -To ([datetime]'$today') -ExpandSessions | Measure-Object | Out-Null"
    baseline = @"
`$to = [datetime]'$today'; `$from = `$to.AddDays(-1)
`$filter = [uri]::EscapeDataString("startDateTime ge `$(`$from.ToString('yyyy-MM-ddTHH:mm:ssZ')) and startDateTime lt `$(`$to.ToString('yyyy-MM-ddTHH:mm:ssZ'))")
`$list = @(); `$next = "`$Url/v1.0/communications/callRecords?```$filter=`$filter"
while (`$next) { `$page = Get-Page `$next; `$list += `$page.value; `$next = `$page.'@odata.nextLink' }
`$all = @()
foreach (`$record in `$list) {
    `$full = Get-Page "`$Url/v1.0/communications/callRecords/`$(`$record.id)?```$expand=sessions(```$expand=segments)"
    `$next = `$full.'sessions@odata.nextLink'
    while (`$next) { `$page = Get-Page `$next; `$full.sessions += `$page.value; `$next = `$page.'@odata.nextLink' }
    `$all += `$full
}
"@
} 'callrecords' ([datetime]$today).AddDays(-1) ([datetime]$today)
$results['callrecords'] = New-ThroughputResult $callrecords 1500 20 $callRecordsScale

$rows = if ($Quick) { 100000 } else { 1000000 }
Write-Host "Scenario memory: $rows PSTN rows to Measure-Object (no latency, throttling off)"
$perDay = [int]($rows / 100)
$memory = Invoke-Scenario 'memory' 0.1 @('--pstn-rows-per-day', "$perDay", '--throttle', 'off') @{
    ours     = "Get-PstnCallLog -From ([datetime]'$today').AddDays(-100) -To ([datetime]'$today') | Measure-Object | Out-Null"
    baseline = (New-UsualPstnScript 100) + "`n`$all | Measure-Object | Out-Null"
}
# Time is not compared here: the module keeps to its client-side PSTN budget even with the emulator's throttling off.
$results['memory'] = [ordered]@{
    peak_ws_mb        = [math]::Round($memory.ours.PeakMB, 1)
    baseline_peak_ws_mb = [math]::Round($memory.baseline.PeakMB, 1)
}

$perRowDays = if ($Quick) { 20 } else { 100 }
Write-Host "Scenario perrow: $($perRowDays * 2000) PSTN rows with no latency and no throttling: our rows/s against the SDK deserializing the same pages"
$perrow = Invoke-Scenario 'perrow' 1 @('--pstn-rows-per-day', '2000', '--throttle', 'off', '--latency-ms', '0') @{
    ours = "Get-PstnCallLog -From ([datetime]'$today').AddDays(-$perRowDays) -To ([datetime]'$today') | Measure-Object | Out-Null"
} 'pstn' ([datetime]$today).AddDays(-$perRowDays) ([datetime]$today) 0.001
$perRowCount = $perRowDays * 2000
$results['perrow'] = [ordered]@{
    ours_s          = [math]::Round($perrow.ours.Seconds, 2)
    sdk_s           = [math]::Round($perrow.sdk.Seconds, 2)
    ratio_vs_sdk    = [math]::Round($perrow.sdk.Seconds / $perrow.ours.Seconds, 2)
    ours_rows_per_s = [math]::Round($perRowCount / $perrow.ours.Seconds, 0)
    sdk_rows_per_s  = [math]::Round($perRowCount / $perrow.sdk.Seconds, 0)
}

Write-Host 'Scenario import: Import-Module added to a bare pwsh start, and the first command'
$bare = [System.Collections.Generic.List[double]]::new()
$imported = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt ($repetitions * 3); $i++) {
    $bare.Add((Measure-Command { Start-FreshPwsh -Command '1' | Out-Null }).TotalMilliseconds)
    $imported.Add((Measure-Command { Start-FreshPwsh -Command "Import-Module '$manifest'; 1" | Out-Null }).TotalMilliseconds)
}
$importEmulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath
try {
    $first = Invoke-Contender @'
Import-Module $Manifest
$clock = [Diagnostics.Stopwatch]::StartNew()
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -GraphEndpoint $Url | Out-Null
Get-CallRecord -From ([datetime]::UtcNow.Date.AddHours(-1)) -To ([datetime]::UtcNow.Date) | Out-Null
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
'@ @{ Manifest = $manifest; Url = $importEmulator.Url }
}
finally {
    Stop-CallRecordsEmulator $importEmulator
}
$results['import'] = [ordered]@{
    added_ms         = [math]::Round((Get-Median $imported) - (Get-Median $bare), 0)
    bare_pwsh_ms     = [math]::Round((Get-Median $bare), 0)
    first_command_ms = [math]::Round($first.Seconds * 1000, 0)
}

$path = Join-Path $OutputPath 'results.json'
$results | ConvertTo-Json -Depth 4 | Set-Content -Path $path
Write-Host ''
Write-Host ('{0,-12} {1,8} {2,11} {3,7} {4,9} {5,8} {6,8} {7,6} {8,14}' -f 'scenario', 'ours_s', 'baseline_s', 'sdk_s', 'x usual', 'x sdk', 'ceiling', '429s', 'peak MB')
foreach ($name in $results.Keys) {
    $r = $results[$name]
    Write-Host ('{0,-12} {1,8} {2,11} {3,7} {4,9} {5,8} {6,8} {7,6} {8,14}' -f $name, $r['ours_s'], $r['baseline_s'], $r['sdk_s'], $r['ratio_vs_baseline'], $r['ratio_vs_sdk'], $r['ceiling_fraction'], $r['throttled_429'], $(if ($r['peak_ws_mb']) { "$($r['peak_ws_mb']) vs $($r['baseline_peak_ws_mb'])" }))
}
Write-Host ("import: +{0} ms over a bare pwsh start ({1} ms); first command {2} ms" -f $results['import'].added_ms, $results['import'].bare_pwsh_ms, $results['import'].first_command_ms)
Write-Host "Results: $path"
