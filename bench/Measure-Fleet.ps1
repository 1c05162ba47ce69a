<#
.SYNOPSIS
    Sync-CallRecord into PostgreSQL for 1, 2, 4 and 8 tenants in one process, and the store's bulk write alone.
.DESCRIPTION
    Each tenant is an emulator of its own (its own seed and tenant id, Graph's throttling on) whose every request
    takes -LatencyMs, as Graph's call-record requests do. For each tenant count, a fresh pwsh syncs the call records
    and media streams of -Days days of every tenant into a new database at -ThrottleLimit equal to the tenant count,
    and reports the aggregate records per second, its ratio to one tenant, and the share of the passes spent in the
    store (StoreDuration over Duration: writes overlap the next reads, so this is the time the passes waited for it).
    Then one tenant's PSTN rows, read with no latency and no throttling, give the rows per second of the store's bulk
    write (binary COPY into a staging table, then the upsert), from the write transactions' own times (verbose). Every figure comes
    from this run; the results go to <OutputPath>/fleet.json. Run by hand after ./build.ps1 -Task Build.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/CallRecords'),
    [string] $EmulatorPath = (Join-Path $PSScriptRoot '../out/emulator/CallRecords.Emulator.dll'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/bench'),
    [int[]] $TenantCounts = @(1, 2, 4, 8),
    [int] $LatencyMs = 300,
    [int] $CallsPerDay = 400,
    [int] $Days = 1,
    [int] $PstnRows = 100000
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$EmulatorPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($EmulatorPath)
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
. (Join-Path $PSScriptRoot '../tools/Common.ps1')
. (Join-Path $PSScriptRoot '../tests/pester/Postgres.ps1')
New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
$manifest = Join-Path $ModulePath 'CallRecords.psd1'

# Runs Sync-CallRecord in a fresh pwsh for the emulators' tenants; returns the summaries and the command's own time.
function Invoke-Sync([object[]] $Emulators, [string] $ConnectionString, [string] $Kinds, [datetime] $Since) {
    $env:BENCH_URLS = ($Emulators.Url) -join ' '
    $env:BENCH_CONNECTION = $ConnectionString
    $script = @"
Import-Module '$manifest'
`$connections = foreach (`$url in `$env:BENCH_URLS -split ' ') {
    `$tenant = (Invoke-RestMethod "`$url/_emulator/tenant").tenantId
    Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'bench' -AsPlainText -Force) -TenantId `$tenant -GraphEndpoint `$url -PassThru
}
`$clock = [Diagnostics.Stopwatch]::StartNew()
# Each write transaction says on the verbose stream how long it took.
`$writeMs = 0
`$summaries = Sync-CallRecord -ConnectionString `$env:BENCH_CONNECTION -Connection `$connections -ThrottleLimit `$connections.Count -Kind $Kinds -Since ([datetime]'$($Since.ToString('o'))') -ErrorAction Stop -Verbose 4>&1 |
    ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { if (`$_.Message -match ' written in (\d+) ms') { `$writeMs += [int]`$Matches[1] } } else { `$_ } }
[pscustomobject]@{ Seconds = `$clock.Elapsed.TotalSeconds; WriteSeconds = `$writeMs / 1000; Summaries = @(`$summaries | Select-Object TenantId, @{ n = 'Kind'; e = { "`$(`$_.Kind)" } }, Added, @{ n = 'Duration'; e = { `$_.Duration.TotalSeconds } }, @{ n = 'Store'; e = { `$_.StoreDuration.TotalSeconds } }) } | ConvertTo-Json -Depth 4 -Compress
"@
    $output = Start-FreshPwsh -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Sync-CallRecord failed: $output" }
    $output | Select-Object -Last 1 | ConvertFrom-Json
}

$postgres = Start-TestPostgres -Database bench
$results = [ordered]@{ latency_ms = $LatencyMs; calls_per_day = $CallsPerDay; days = $Days; processors = [Environment]::ProcessorCount; tenants = @() }
try {
    $single = $null
    foreach ($count in $TenantCounts) {
        $emulators = foreach ($n in 1..$count) {
            Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', "$(200 + $n)", '--tenant-id', ('{0:d8}-0000-4000-8000-{0:d12}' -f (200 + $n)),
                '--users', '200', '--calls-per-day', "$CallsPerDay", '--latency-ms', "$LatencyMs"
        }
        try {
            Invoke-TestPostgresQuery $postgres "CREATE DATABASE fleet$count" -Database postgres | Out-Null
            $database = $postgres.ConnectionString -replace 'Database=\w+', "Database=fleet$count"
            $run = Invoke-Sync $emulators $database 'CallRecord, MediaStream' ([datetime]::UtcNow.Date.AddDays(-$Days))
            $records = $run.Summaries | Where-Object Kind -eq 'CallRecord'
            $streams = ($run.Summaries | Where-Object Kind -eq 'MediaStream' | Measure-Object Added -Sum).Sum
            $added = ($records | Measure-Object Added -Sum).Sum
            $rate = $added / $run.Seconds
            if (-not $single) { $single = $rate }
            $row = [ordered]@{
                tenants = $count; records = $added; media_streams = $streams; seconds = [math]::Round($run.Seconds, 1)
                records_per_s = [math]::Round($rate, 1); ratio_vs_one = [math]::Round($rate / $single, 2)
                store_share = [math]::Round(($records | Measure-Object Store -Sum).Sum / ($records | Measure-Object Duration -Sum).Sum, 3)
                write_seconds = [math]::Round($run.WriteSeconds, 1)
                streams_written_per_s = [math]::Round($streams / $run.WriteSeconds)
            }
            $results.tenants += $row
            Write-Host ("{0} tenant(s): {1} records, {2} streams in {3:N1} s = {4:N1} records/s, x{5} one tenant; the passes waited {6:P1} of their time for the store; write transactions {7:N1} s ({8:N0} streams/s)" -f $count, $added, $streams, $run.Seconds, $rate, $row.ratio_vs_one, $row.store_share, $run.WriteSeconds, $row.streams_written_per_s)
        }
        finally {
            foreach ($emulator in $emulators) { Stop-CallRecordsEmulator $emulator }
        }
    }

    # The bulk write alone: PSTN rows with nothing to wait for from Graph.
    $perDay = [math]::Ceiling($PstnRows / 5)
    $pstn = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '250', '--pstn-rows-per-day', "$perDay", '--throttle', 'off'
    try {
        Invoke-TestPostgresQuery $postgres 'CREATE DATABASE bulk' -Database postgres | Out-Null
        $database = $postgres.ConnectionString -replace 'Database=\w+', 'Database=bulk'
        $run = Invoke-Sync @($pstn) $database 'PstnCall' ([datetime]::UtcNow.Date.AddDays(-5))
        $summary = $run.Summaries | Select-Object -First 1
        $results.bulk = [ordered]@{ rows = $summary.Added; write_seconds = [math]::Round($run.WriteSeconds, 2); rows_per_s = [math]::Round($summary.Added / $run.WriteSeconds); waited_seconds = [math]::Round($summary.Store, 2); pass_seconds = [math]::Round($summary.Duration, 1) }
        Write-Host ("Bulk write: {0} PSTN rows in {1:N2} s of write transactions = {2:N0} rows/s; the pass took {3:N1} s and waited {4:N2} s for the store" -f $summary.Added, $run.WriteSeconds, $results.bulk.rows_per_s, $summary.Duration, $summary.Store)
    }
    finally { Stop-CallRecordsEmulator $pstn }
}
finally {
    Stop-TestPostgres $postgres
}

$path = Join-Path $OutputPath 'fleet.json'
$results | ConvertTo-Json -Depth 4 | Set-Content $path
Write-Host "Results: $path"
