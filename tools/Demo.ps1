<#
.SYNOPSIS
    The demo: starts the emulator, connects, lists yesterday's calls, expands the largest group call, judges
    every media stream, writes CSV files and an HTML quality report under out/demo, sums 30 days of PSTN calls,
    says what it did, and stops the emulator.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$EmulatorPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($EmulatorPath)
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
. (Join-Path $PSScriptRoot 'Common.ps1')

New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
$emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '42', '--users', '200', '--calls-per-day', '300'
try {
    Import-Module (Join-Path $ModulePath 'CallRecords.psd1')
    Write-Host "Emulator: $($emulator.Url) (a synthetic tenant; every call below is made up)"

    $token = ConvertTo-SecureString 'demo-token' -AsPlainText -Force
    $context = Connect-CallRecordGraph -AccessToken $token -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $emulator.Url
    Write-Host "Connected: $($context.GraphEndpoint) with $($context.AuthType)"

    $today = [DateTime]::UtcNow.Date
    $yesterday = $today.AddDays(-1)
    Write-Host "`n> Get-CallRecord -StartDateTime $($yesterday.ToString('yyyy-MM-dd')) -EndDateTime $($today.ToString('yyyy-MM-dd'))"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $calls = Get-CallRecord -StartDateTime $yesterday -EndDateTime $today
    Write-Host ("{0} call records in {1:N1} s" -f $calls.Count, $clock.Elapsed.TotalSeconds)
    $calls | Group-Object Type | Sort-Object Count -Descending | Format-Table Count, @{ n = 'Type'; e = { $_.Name } } -AutoSize | Out-Host
    $calls | Select-Object -First 5 | Format-Table | Out-Host

    $callsCsv = Join-Path $OutputPath 'callrecords-yesterday.csv'
    $calls | Export-Csv -Path $callsCsv -NoTypeInformation
    Write-Host "Wrote $callsCsv"

    Write-Host "`n> ... | Where-Object Type -eq groupCall | Get-CallRecord -ExpandSessions | Sort-Object SessionCount -Descending | Select-Object -First 1"
    $clock.Restart()
    $groupCalls = @($calls | Where-Object Type -eq groupCall)
    $largest = $groupCalls | Get-CallRecord -ExpandSessions | Sort-Object SessionCount -Descending | Select-Object -First 1
    Write-Host ("Expanded {0} group calls in {1:N1} s; the largest has {2} sessions and {3} segments." -f $groupCalls.Count, $clock.Elapsed.TotalSeconds, $largest.SessionCount, ($largest.Sessions | Measure-Object SegmentCount -Sum).Sum)
    $largest | Format-List Id, Type, StartDateTime, Duration, OrganizerDisplayName, Modalities, SessionCount | Out-Host
    $largest.Sessions | Select-Object -First 5 | Format-Table | Out-Host

    $sessionsCsv = Join-Path $OutputPath 'largest-group-call-sessions.csv'
    $largest.Sessions | Export-Csv -Path $sessionsCsv -NoTypeInformation
    Write-Host "Wrote $sessionsCsv"

    Write-Host "`n> ... | Get-CallRecordMediaStream | Where-Object Quality -eq Poor | Export-Csv"
    $clock.Restart()
    $streams = $calls | Get-CallRecordMediaStream
    $poorCsv = Join-Path $OutputPath 'poor-streams-yesterday.csv'
    $streams | Where-Object Quality -eq Poor | Export-Csv -Path $poorCsv -NoTypeInformation
    Write-Host ("{0} media streams in {1:N1} s; {2} poor. Poor audio by the caller's network:" -f $streams.Count, $clock.Elapsed.TotalSeconds, @($streams | Where-Object Quality -eq Poor).Count)
    $streams | Where-Object MediaType -eq audio | Group-Object CallerConnectionType | Sort-Object Name | Format-Table @{ n = 'Network'; e = { $_.Name } }, Count, @{ n = 'Poor %'; e = { [math]::Round(100 * @($_.Group | Where-Object Quality -eq Poor).Count / [math]::Max(1, @($_.Group | Where-Object Quality -ne Unclassified).Count), 1) } } -AutoSize | Out-Host
    $report = Join-Path $OutputPath 'call-quality.html'
    $streams | Export-CallQualityReport -Path $report -Title 'Call quality, yesterday (emulator)'
    Write-Host "Wrote $poorCsv and $report"

    Write-Host "`n> Get-PstnCallLog -From (30 days ago) | Group-Object CallType"
    $pstn = Get-PstnCallLog -StartDateTime $today.AddDays(-30) -EndDateTime $today
    Write-Host ("{0} PSTN calls, {1:N2} USD charged" -f $pstn.Count, ($pstn | Measure-Object Charge -Sum).Sum)
    $pstn | Group-Object CallType | Sort-Object Count -Descending | Format-Table Count, Name -AutoSize | Out-Host

    $stats = Invoke-RestMethod "$($emulator.Url)/_emulator/stats"
    Write-Host "`nThe emulator served $($stats.requests) Graph requests (peak concurrency $($stats.peakConcurrency))."
}
finally {
    Stop-CallRecordsEmulator $emulator
    Write-Host 'Emulator stopped.'
}
