<#
.SYNOPSIS
    Measures Export-CallRecordParquet: rows per second, bytes per row against Export-Csv, and peak memory. Run by hand
    after ./build.ps1 (not a test; the numbers depend on the machine and what else runs on it).
.DESCRIPTION
    Three measurements, each printed as one JSON line and all written to <OutputPath>/parquet.json:
    - Engine: bench/ParquetBench writes -Rows synthetic media streams, made one by one in its own process, with the
      Engine's writer alone into a folder: rows per second, bytes per row, the process's peak memory.
    - Size: the media streams of three days from the emulator, distinct real rows, written once with Export-Csv and once
      with Export-CallRecordParquet: bytes per row of each and their ratio.
    - Cmdlet: in a fresh pwsh, those streams repeated to -Rows rows (references to the same objects, so the pipeline,
      not the making of rows, is measured) piped into Export-CallRecordParquet: rows per second and the pwsh's peak memory.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/CallRecords'),
    [string] $EmulatorPath = (Join-Path $PSScriptRoot '../out/emulator/CallRecords.Emulator.dll'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/bench'),
    [int] $Rows = 1000000
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$EmulatorPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($EmulatorPath)
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
. (Join-Path $PSScriptRoot '../tools/Common.ps1')
New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
$scratch = Join-Path $OutputPath 'parquet-scratch'
$results = [ordered]@{}

# The writer alone.
$project = Join-Path $PSScriptRoot 'ParquetBench'
& dotnet build $project -c Release --nologo -v quiet -clp:NoSummary
if ($LASTEXITCODE -ne 0) { throw "Building $project failed." }
if (Test-Path $scratch) { Remove-Item $scratch -Recurse -Force }
$engine = & dotnet (Join-Path $project 'bin/Release/net10.0/ParquetBench.dll') $Rows (Join-Path $scratch 'engine') | Select-Object -Last 1
$results.Engine = $engine | ConvertFrom-Json
Write-Host "Engine: $engine"

# Sizes of real rows, and the cmdlet in a pipeline, in a fresh pwsh whose peak memory is its own.
$measure = @'
$ErrorActionPreference = 'Stop'
. (Join-Path $env:BENCH_ROOT 'tools/Common.ps1')
Import-Module (Join-Path $env:BENCH_MODULE 'CallRecords.psd1')
$emulator = Start-CallRecordsEmulator -EmulatorPath $env:BENCH_EMULATOR -ArgumentList '--seed', '7', '--throttle', 'off'
try {
    $tenant = (Invoke-RestMethod "$($emulator.Url)/_emulator/tenant").tenantId
    Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenant -GraphEndpoint $emulator.Url | Out-Null
    $from = [datetime]::UtcNow.Date.AddDays(-4)
    $streams = @(Get-CallRecord -From $from -To $from.AddDays(3) | Get-CallRecordMediaStream)
    $csv = Join-Path $env:BENCH_SCRATCH 'streams.csv'
    $streams | Export-Csv $csv
    $files = @($streams | Export-CallRecordParquet -Path (Join-Path $env:BENCH_SCRATCH 'size') -PassThru)
    $csvPerRow = (Get-Item $csv).Length / $streams.Count
    $parquetPerRow = ($files | Measure-Object Bytes -Sum).Sum / $streams.Count

    $count = [int]$env:BENCH_ROWS
    $rows = [System.Collections.Generic.List[object]]::new($count)
    for ($i = 0; $i -lt $count; $i++) { $rows.Add($streams[$i % $streams.Count]) }
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $rows | Export-CallRecordParquet -Path (Join-Path $env:BENCH_SCRATCH 'cmdlet')
    $clock.Stop()
    [pscustomobject]@{
        DistinctRows        = $streams.Count
        CsvBytesPerRow      = [math]::Round($csvPerRow, 1)
        ParquetBytesPerRow  = [math]::Round($parquetPerRow, 1)
        ParquetToCsv        = [math]::Round($parquetPerRow / $csvPerRow, 3)
        CmdletRows          = $count
        CmdletSeconds       = [math]::Round($clock.Elapsed.TotalSeconds, 2)
        CmdletRowsPerSecond = [long]($count / $clock.Elapsed.TotalSeconds)
        PwshPeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 -shr 20
    } | ConvertTo-Json -Compress
}
finally {
    Stop-CallRecordsEmulator $emulator
}
'@
$env:BENCH_ROOT = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$env:BENCH_MODULE = $ModulePath
$env:BENCH_EMULATOR = $EmulatorPath
$env:BENCH_SCRATCH = $scratch
$env:BENCH_ROWS = $Rows
$pipeline = Start-FreshPwsh -Command $measure | Select-Object -Last 1
if ($LASTEXITCODE -ne 0) { throw "The pipeline measurement failed: $pipeline" }
$results.Pipeline = $pipeline | ConvertFrom-Json
Write-Host "Pipeline: $pipeline"

Remove-Item $scratch -Recurse -Force
$results | ConvertTo-Json | Set-Content (Join-Path $OutputPath 'parquet.json')
