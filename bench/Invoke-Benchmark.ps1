<#
.SYNOPSIS
    Benchmarks the module against the scripts an admin writes without it, on the emulator, and writes out/bench/results.json.
.DESCRIPTION
    Every contender runs in a fresh pwsh against an emulator with realistic latency (PSTN pages 1 s, call-record
    requests 300 ms) and Graph's throttling on, both compressed by the same --time-scale. Contenders alternate,
    several repetitions, median reported; every figure is a ratio to a contender measured in the same run. What each
    contender read is checked against the emulator's truth: a contender that loses rows stops the run, since its time
    would mean nothing; the module's own count is recorded. Benchmarks print; they never fail a test run.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
$runClock = [Diagnostics.Stopwatch]::StartNew()
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

# How many times faster the second contender was than the first.
function Get-Ratio($Slower, $Faster) { [math]::Round($Slower.Seconds / $Faster.Seconds, 2) }

# Throttle fraction: requests sent per (scaled) window over the published limit for that API.
function Get-CeilingFraction($Contender, [double] $Limit, [double] $WindowSeconds) {
    [math]::Round($Contender.Requests / ($Contender.Seconds / $WindowSeconds) / $Limit, 3)
}

# Data rows of a CSV that Export-Csv wrote (no value holds a line break).
function Get-CsvRowCount([string] $Path) {
    [math]::Max(0, [System.Linq.Enumerable]::Count([System.IO.File]::ReadLines($Path)) - 1)
}

# What every PowerShell contender starts with: the range as UTC dates (they travel as ISO strings).
$rangePrelude = @'
$From = [datetime]::Parse($From, [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
$To = [datetime]::Parse($To, [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
'@

# Times a contender's body, which may output one object with what it read (Rows, Sessions; Export-Csv bodies are
# counted from their CSV), and prints the JSON line.
$timedBody = @'
$clock = [Diagnostics.Stopwatch]::StartNew()
$counted = & ([scriptblock]::Create($Body))
$clock.Stop()
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB; Counted = $counted } | ConvertTo-Json -Compress
'@

$ours = $rangePrelude, @'
Import-Module $Manifest
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $Url -ThrottleWindowScale $TimeScale | Out-Null
'@, $timedBody -join "`n"

# The scripts without the module: Invoke-RestMethod with a bearer header. Get-Page is the usual script's: it sleeps
# for Retry-After on 429 and tries again.
$withoutModule = $rangePrelude, @'
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
'@, $timedBody -join "`n"

# The Graph SDK contender: a console program that prints the same JSON line.
$sdkContender = Join-Path $PSScriptRoot 'SdkContender/bin/Release/net10.0/SdkContender.dll'
function Invoke-SdkContender([string] $Mode, [string] $Url, [datetime] $From, [datetime] $To) {
    $output = & dotnet $sdkContender $Mode $Url $From.ToString('o') $To.ToString('o')
    if ($LASTEXITCODE -ne 0) { throw "The SDK contender failed: $($output -join "`n")" }
    $output | Select-Object -Last 1 | ConvertFrom-Json
}

# Runs every contender of a scenario, alternately, against one emulator whose latency and throttling windows are
# multiplied by $TimeScale; our module's budgets get the same factor, unless $ThrottleWindowScale says otherwise.
# With $Truth (pstn or callRecords) every contender's rows must be the emulator's for [From, To); the module's
# mismatch, if any, is printed and kept (the fewest rows of its runs), anyone else's stops the run. Call records'
# sessions must be the module's count.
function Invoke-Scenario {
    param(
        [string] $Name,
        [double] $TimeScale,
        [string[]] $EmulatorArguments,
        [System.Collections.Specialized.OrderedDictionary] $Bodies,
        [string] $SdkMode,
        [datetime] $From,
        [datetime] $To,
        [double] $ThrottleWindowScale = $TimeScale,
        [string] $Truth
    )
    $emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList ($EmulatorArguments + @('--time-scale', "$TimeScale"))
    try {
        $expected = $null
        if ($Truth) {
            # PSTN includes its end; the contenders ask up to one tick before To.
            $truthTo = if ($Truth -eq 'pstn') { $To.AddTicks(-1) } else { $To }
            $expected = (Invoke-RestMethod "$($emulator.Url)/_emulator/truth/$($Truth)?from=$($From.ToString('o'))&to=$($truthTo.ToString('o'))").ids.Count
        }
        $contenders = @($Bodies.Keys) + @(if ($SdkMode) { 'sdk' })
        $runs = @{}
        foreach ($contender in $contenders) { $runs[$contender] = [System.Collections.Generic.List[object]]::new() }
        for ($repetition = 1; $repetition -le $repetitions; $repetition++) {
            foreach ($contender in $contenders) {
                Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
                Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/throttling/reset" | Out-Null
                # The module's per-app budgets are shared between its processes through a file; each run starts with an
                # empty one, as it starts with the emulator's windows empty.
                $env:CALLRECORDS_BUDGET_FOLDER = Join-Path $OutputPath "budgets/$Name-$contender-$repetition"
                $csv = Join-Path $OutputPath "$Name-$contender.csv"
                Remove-Item $csv -ErrorAction Ignore
                $measured = if ($contender -eq 'sdk') {
                    Invoke-SdkContender $SdkMode $emulator.Url $From $To
                }
                else {
                    $template = if ($contender -eq 'ours') { $ours } else { $withoutModule }
                    Invoke-Contender $template @{ Manifest = $manifest; Url = $emulator.Url; TimeScale = $ThrottleWindowScale; Body = $Bodies[$contender]; Csv = $csv; From = $From.ToString('o'); To = $To.ToString('o') }
                }
                $stats = Invoke-RestMethod "$($emulator.Url)/_emulator/stats"
                $rows = if (Test-Path $csv) { Get-CsvRowCount $csv } elseif ($measured.Counted) { $measured.Counted.Rows }
                $sessions = if ($measured.Counted) { $measured.Counted.Sessions }
                $run = [pscustomobject]@{ Seconds = $measured.Seconds; PeakMB = $measured.PeakMB; Requests = $stats.requests; Throttled = $stats.throttled; Rows = $rows; Sessions = $sessions }
                $runs[$contender].Add($run)
                Write-Host ("  {0,-13} {1,-9} run {2}: {3,8:N1} s, {4,6} requests, {5,4} x 429, peak {6,6:N0} MB{7}" -f $Name, $contender, $repetition, $measured.Seconds, $stats.requests, $stats.throttled, $measured.PeakMB, $(if ($null -ne $rows) { ", $rows rows" }))
                if ($null -ne $expected -and $rows -ne $expected) {
                    $mismatch = "$Name $contender run $repetition read $rows rows; the emulator holds $expected for the range"
                    if ($contender -eq 'ours') { Write-Warning $mismatch } else { throw "$mismatch. A contender must read exactly those rows for its time to compare." }
                }
                if ($null -ne $sessions -and $sessions -ne $runs[$contenders[0]][0].Sessions) {
                    throw "$Name $contender run $repetition read $sessions sessions, $($contenders[0]) $($runs[$contenders[0]][0].Sessions): the contenders must read the same data."
                }
            }
        }
        $median = @{ ExpectedRows = $expected }
        foreach ($contender in $contenders) {
            $median[$contender] = [pscustomobject]@{
                Seconds   = Get-Median $runs[$contender].Seconds
                PeakMB    = Get-Median $runs[$contender].PeakMB
                Requests  = [int](Get-Median $runs[$contender].Requests)
                Throttled = [int](Get-Median $runs[$contender].Throttled)
                Rows      = if ($null -ne $runs[$contender][0].Rows) { [int]($runs[$contender].Rows | Measure-Object -Minimum).Minimum }
                Sessions  = $runs[$contender][0].Sessions
            }
        }
        $median
    }
    finally {
        Stop-CallRecordsEmulator $emulator
    }
}

$today = [datetime]::UtcNow.Date

$oursPstnToCsv = 'Get-PstnCallLog -From $From -To $To | Export-Csv $Csv -NoTypeInformation'

# The usual PSTN script: 90-day windows (the longest getPstnCalls takes), each page appended to $all.
$usualPstn = @'
$all = @()
for ($start = $From; $start -lt $To; $start = $start.AddDays(90)) {
    $end = if ($start.AddDays(90) -lt $To) { $start.AddDays(90) } else { $To }
    $next = "$Url/v1.0/communications/callRecords/getPstnCalls(fromDateTime=$($start.ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ')),toDateTime=$($end.AddTicks(-1).ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ')))"
    while ($next) { $page = Get-Page $next; $all += $page.value; $next = $page.'@odata.nextLink' }
}
'@

# The parallel PSTN script: one query per day, 16 days at once, each following its nextLinks, Invoke-RestMethod
# retrying 429s after their Retry-After; rows go to Export-Csv as they come (each day's together, days as they finish).
$parallelPstnToCsv = @'
$days = for ($day = $From; $day -lt $To; $day = $day.AddDays(1)) { $day }
$days | ForEach-Object -ThrottleLimit 16 -Parallel {
    $request = @{ Headers = $using:headers; MaximumRetryCount = 10; RetryIntervalSec = 1 }
    $range = "fromDateTime=$($_.ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ')),toDateTime=$($_.AddDays(1).AddTicks(-1).ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ'))"
    $next = "$using:Url/v1.0/communications/callRecords/getPstnCalls($range)"
    while ($next) { $page = Invoke-RestMethod -Uri $next @request; $page.value; $next = $page.'@odata.nextLink' }
} | Export-Csv $Csv -NoTypeInformation
'@

$days = if ($Quick) { 30 } else { 200 }
Write-Host "Scenario pstn: a $days-day PSTN pull to Export-Csv, each query its own collection (--log-collection query)"
$pstn = Invoke-Scenario -Name 'pstn' -TimeScale $pstnScale -EmulatorArguments @('--latency-ms', '1000', '--pstn-rows-per-day', '1000') -Bodies ([ordered]@{
        ours     = $oursPstnToCsv
        baseline = $usualPstn + "`n" + '$all | Export-Csv $Csv -NoTypeInformation'
        parallel = $parallelPstnToCsv
    }) -SdkMode 'pstn' -From $today.AddDays(-$days) -To $today -Truth 'pstn'
$results['pstn'] = [ordered]@{
    ours_s                 = [math]::Round($pstn.ours.Seconds, 2)
    baseline_s             = [math]::Round($pstn.baseline.Seconds, 2)
    parallel_s             = [math]::Round($pstn.parallel.Seconds, 2)
    sdk_s                  = [math]::Round($pstn.sdk.Seconds, 2)
    ratio_vs_baseline      = Get-Ratio $pstn.baseline $pstn.ours
    ratio_vs_parallel      = Get-Ratio $pstn.parallel $pstn.ours
    ratio_vs_sdk           = Get-Ratio $pstn.sdk $pstn.ours
    ceiling_fraction       = Get-CeilingFraction $pstn.ours 200 (60 * $pstnScale)
    throttled_429          = $pstn.ours.Throttled
    baseline_throttled_429 = $pstn.baseline.Throttled
    parallel_throttled_429 = $pstn.parallel.Throttled
    rows_expected          = $pstn.ExpectedRows
    rows_written           = $pstn.ours.Rows
}

# Above 50 requests, so that the shared per-collection limit is reached even in a quick run.
$functionDays = if ($Quick) { 60 } else { 200 }
Write-Host "Scenario pstn_function: a $functionDays-day PSTN pull to Export-Csv, every query of the function one collection (--log-collection function)"
$pstnFunction = Invoke-Scenario -Name 'pstn_function' -TimeScale $pstnScale -EmulatorArguments @('--latency-ms', '1000', '--pstn-rows-per-day', '1000', '--log-collection', 'function') -Bodies ([ordered]@{
        ours     = $oursPstnToCsv
        baseline = $usualPstn + "`n" + '$all | Export-Csv $Csv -NoTypeInformation'
    }) -From $today.AddDays(-$functionDays) -To $today -Truth 'pstn'
$results['pstn_function'] = [ordered]@{
    ours_s                 = [math]::Round($pstnFunction.ours.Seconds, 2)
    baseline_s             = [math]::Round($pstnFunction.baseline.Seconds, 2)
    ratio_vs_baseline      = Get-Ratio $pstnFunction.baseline $pstnFunction.ours
    ceiling_fraction       = Get-CeilingFraction $pstnFunction.ours 50 (60 * $pstnScale)
    throttled_429          = $pstnFunction.ours.Throttled
    baseline_throttled_429 = $pstnFunction.baseline.Throttled
    rows_expected          = $pstnFunction.ExpectedRows
    rows_written           = $pstnFunction.ours.Rows
}

$records = if ($Quick) { 300 } else { 2000 }
Write-Host "Scenario callrecords: list a day of $records records and expand every record's sessions"
$callrecords = Invoke-Scenario -Name 'callrecords' -TimeScale $callRecordsScale -EmulatorArguments @('--latency-ms', '300', '--calls-per-day', "$records", '--users', '500') -Bodies ([ordered]@{
        ours     = @'
$records = 0; $sessions = 0
Get-CallRecord -From $From -To $To -ExpandSessions | ForEach-Object { $records++; $sessions += $_.Sessions.Count }
[pscustomobject]@{ Rows = $records; Sessions = $sessions }
'@
        baseline = @'
$filter = [uri]::EscapeDataString("startDateTime ge $($From.ToString('yyyy-MM-ddTHH:mm:ssZ')) and startDateTime lt $($To.ToString('yyyy-MM-ddTHH:mm:ssZ'))")
$list = @(); $next = "$Url/v1.0/communications/callRecords?`$filter=$filter"
while ($next) { $page = Get-Page $next; $list += $page.value; $next = $page.'@odata.nextLink' }
$all = @()
foreach ($record in $list) {
    $full = Get-Page "$Url/v1.0/communications/callRecords/$($record.id)?`$expand=sessions(`$expand=segments)"
    $next = $full.'sessions@odata.nextLink'
    while ($next) { $page = Get-Page $next; $full.sessions += $page.value; $next = $page.'@odata.nextLink' }
    $all += $full
}
[pscustomobject]@{ Rows = $all.Count; Sessions = @($all.sessions).Count }
'@
        # The list, then 16 records at once, each with its sessions and segments and its sessions' nextLinks.
        parallel = @'
$request = @{ Headers = $headers; MaximumRetryCount = 10; RetryIntervalSec = 1 }
$filter = [uri]::EscapeDataString("startDateTime ge $($From.ToString('yyyy-MM-ddTHH:mm:ssZ')) and startDateTime lt $($To.ToString('yyyy-MM-ddTHH:mm:ssZ'))")
$next = "$Url/v1.0/communications/callRecords?`$filter=$filter"
$list = while ($next) { $page = Invoke-RestMethod -Uri $next @request; $page.value; $next = $page.'@odata.nextLink' }
$all = $list | ForEach-Object -ThrottleLimit 16 -Parallel {
    $request = $using:request
    $full = Invoke-RestMethod -Uri "$using:Url/v1.0/communications/callRecords/$($_.id)?`$expand=sessions(`$expand=segments)" @request
    $next = $full.'sessions@odata.nextLink'
    while ($next) { $page = Invoke-RestMethod -Uri $next @request; $full.sessions += $page.value; $next = $page.'@odata.nextLink' }
    $full
}
[pscustomobject]@{ Rows = @($all).Count; Sessions = @($all.sessions).Count }
'@
    }) -SdkMode 'callrecords' -From $today.AddDays(-1) -To $today -Truth 'callRecords'
$results['callrecords'] = [ordered]@{
    ours_s                 = [math]::Round($callrecords.ours.Seconds, 2)
    baseline_s             = [math]::Round($callrecords.baseline.Seconds, 2)
    parallel_s             = [math]::Round($callrecords.parallel.Seconds, 2)
    sdk_s                  = [math]::Round($callrecords.sdk.Seconds, 2)
    ratio_vs_baseline      = Get-Ratio $callrecords.baseline $callrecords.ours
    ratio_vs_parallel      = Get-Ratio $callrecords.parallel $callrecords.ours
    ratio_vs_sdk           = Get-Ratio $callrecords.sdk $callrecords.ours
    ceiling_fraction       = Get-CeilingFraction $callrecords.ours 1500 (20 * $callRecordsScale)
    throttled_429          = $callrecords.ours.Throttled
    baseline_throttled_429 = $callrecords.baseline.Throttled
    parallel_throttled_429 = $callrecords.parallel.Throttled
    records_expected       = $callrecords.ExpectedRows
    records_read           = $callrecords.ours.Rows
    sessions_read          = $callrecords.ours.Sessions
}

# The usual script's $all += copies every row so far for each page: at 1,000,000 rows that alone would take most of
# the run, so it reads at most 200,000 rows (the same tenant, fewer days); its peak is the one to compare per row.
$rows = if ($Quick) { 100000 } else { 1000000 }
$baselineRows = [math]::Min($rows, 200000)
$perDay = [int]($rows / 100)
Write-Host "Scenario memory: $rows PSTN rows to Measure-Object, the usual script $baselineRows (no latency, throttling off)"
$memory = Invoke-Scenario -Name 'memory' -TimeScale 0.1 -EmulatorArguments @('--pstn-rows-per-day', "$perDay", '--throttle', 'off') -Bodies ([ordered]@{
        ours     = 'Get-PstnCallLog -From $From -To $To | Measure-Object | Out-Null'
        baseline = "`$From = `$To.AddDays(-$($baselineRows / $perDay))`n" + $usualPstn + "`n" + '$all | Measure-Object | Out-Null'
    }) -From $today.AddDays(-100) -To $today
# Time is not compared here: the module keeps to its client-side PSTN budget even with the emulator's throttling off.
$results['memory'] = [ordered]@{
    rows                = $rows
    peak_ws_mb          = [math]::Round($memory.ours.PeakMB, 1)
    baseline_rows       = $baselineRows
    baseline_peak_ws_mb = [math]::Round($memory.baseline.PeakMB, 1)
}

$perRowDays = if ($Quick) { 20 } else { 100 }
Write-Host "Scenario perrow: $($perRowDays * 2000) PSTN rows with no latency and no throttling: our rows/s against the SDK deserializing the same pages"
$perrow = Invoke-Scenario -Name 'perrow' -TimeScale 1 -EmulatorArguments @('--pstn-rows-per-day', '2000', '--throttle', 'off', '--latency-ms', '0') -Bodies ([ordered]@{
        ours = 'Get-PstnCallLog -From $From -To $To | Measure-Object | Out-Null'
    }) -SdkMode 'pstn' -From $today.AddDays(-$perRowDays) -To $today -ThrottleWindowScale 0.001
$perRowCount = $perRowDays * 2000
$results['perrow'] = [ordered]@{
    ours_s          = [math]::Round($perrow.ours.Seconds, 2)
    sdk_s           = [math]::Round($perrow.sdk.Seconds, 2)
    ratio_vs_sdk    = Get-Ratio $perrow.sdk $perrow.ours
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
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $Url | Out-Null
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
$format = '{0,-14} {1,7} {2,10} {3,10} {4,6} {5,8} {6,10} {7,6} {8,8} {9,10} {10,17} {11,14}'
Write-Host ($format -f 'scenario', 'ours_s', 'baseline_s', 'parallel_s', 'sdk_s', 'x usual', 'x parallel', 'x sdk', 'ceiling', '429s', 'rows', 'peak MB')
foreach ($name in $results.Keys) {
    $r = $results[$name]
    $throttled = if ($null -ne $r['throttled_429']) { "$($r['throttled_429'])/$($r['baseline_throttled_429'])$(if ($null -ne $r['parallel_throttled_429']) { "/$($r['parallel_throttled_429'])" })" }
    $read = if ($r['rows_expected']) { "$($r['rows_written'])/$($r['rows_expected'])" } elseif ($r['records_expected']) { "$($r['records_read'])/$($r['records_expected'])" }
    $peak = if ($r['peak_ws_mb']) { "$($r['peak_ws_mb']) vs $($r['baseline_peak_ws_mb'])" }
    Write-Host ($format -f $name, $r['ours_s'], $r['baseline_s'], $r['parallel_s'], $r['sdk_s'], $r['ratio_vs_baseline'], $r['ratio_vs_parallel'], $r['ratio_vs_sdk'], $r['ceiling_fraction'], $throttled, $read, $peak)
}
Write-Host '(429s: ours/usual/parallel; rows: ours/emulator)'
Write-Host ("import: +{0} ms over a bare pwsh start ({1} ms); first command {2} ms" -f $results['import'].added_ms, $results['import'].bare_pwsh_ms, $results['import'].first_command_ms)
Write-Host "Results: $path"
Write-Host ("Total wall time: {0:hh\:mm\:ss}" -f $runClock.Elapsed)
