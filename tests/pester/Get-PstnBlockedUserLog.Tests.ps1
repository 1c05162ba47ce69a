BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '54', '--blocked-user-rows-per-day', '6', '--throttle', 'off'
    Connect-TestEmulator $emulator | Out-Null
    # A UTC midnight on a day the emulator puts a row exactly at midnight (every third day since 1970).
    $day = [datetime]::UtcNow.Date.AddDays(-230)
    while ((($day - [datetime]::UnixEpoch).Days % 3) -ne 0) { $day = $day.AddDays(-1) }
    $script:start = [datetime]::SpecifyKind($day, 'Utc')
    $script:end = $start.AddDays(200)
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-PstnBlockedUserLog' {
    It 'Returns exactly the rows of a 200-day range, once each, including rows on window edges' {
        $rows = Get-PstnBlockedUserLog -StartDateTime $start -EndDateTime $end -WarningAction SilentlyContinue
        $expected = Get-TruthIds $emulator pstnBlockedUsers -From $start -To $end.AddTicks(-1)
        ($rows.RemediationId | Sort-Object) | Should -Be ($expected | Sort-Object)
        @($rows | Where-Object { $_.BlockDateTime -eq [datetimeoffset]$start.AddDays(90) }).Count | Should -BeGreaterThan 0
        ($rows.UserBlockMode | Sort-Object -Unique) | Should -Be 'blocked', 'unblocked'
        $rows[0].BlockDateTime | Should -BeOfType [datetimeoffset]
    }

    It 'Warns once per session that getPstnBlockedUsersLog is a beta API' {
        $result = Get-BetaWarning $emulator 'Get-PstnBlockedUserLog'
        $result.Counts | Should -Be 1, 0, 0
        $result.Warnings | Should -Match '^getPstnBlockedUsersLog is a Microsoft Graph beta API'
    }

    It 'Round-trips every column through Export-Csv and Import-Csv' {
        $rows = Get-PstnBlockedUserLog -From $start -To $start.AddDays(20) -WarningAction SilentlyContinue
        $path = Join-Path $TestDrive 'blocked.csv'
        $rows | Export-Csv $path -NoTypeInformation
        $imported = Import-Csv $path
        $columns = [CallRecords.PstnBlockedUserLogRow].GetProperties().Name
        ($imported[0].PSObject.Properties.Name) | Should -Be $columns
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($column in $columns) {
                "$($imported[$i].$column)" | Should -Be "$($rows[$i].$column)" -Because "$column of row $i"
            }
        }
    }

    It 'Fails with InvalidDateRange when the start is after the end' {
        { Get-PstnBlockedUserLog -From $end -To $start -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetPstnBlockedUserLogCommand'
    }

    It 'Has a table view' {
        Get-FormatData -TypeName CallRecords.PstnBlockedUserLogRow | Should -Not -BeNullOrEmpty
    }
}
