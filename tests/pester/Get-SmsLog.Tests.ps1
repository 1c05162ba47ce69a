BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '53', '--sms-rows-per-day', '40', '--throttle', 'off'
    Connect-TestEmulator $emulator | Out-Null
    # A UTC midnight on a day the emulator puts a row exactly at midnight (every third day since 1970), so the
    # 90-day window edges from it have rows on them.
    $day = [datetime]::UtcNow.Date.AddDays(-230)
    while ((($day - [datetime]::UnixEpoch).Days % 3) -ne 0) { $day = $day.AddDays(-1) }
    $script:start = [datetime]::SpecifyKind($day, 'Utc')
    $script:end = $start.AddDays(200)
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-SmsLog' {
    It 'Returns exactly the rows of a 200-day range, once each, including rows on window edges' {
        $rows = Get-SmsLog -StartDateTime $start -EndDateTime $end -WarningAction SilentlyContinue
        $expected = Get-TruthIds $emulator sms -From $start -To $end.AddTicks(-1)
        $rows.Count | Should -Be @($expected).Count
        ($rows.Id | Sort-Object -Unique).Count | Should -Be $rows.Count
        ($rows.Id | Sort-Object) | Should -Be ($expected | Sort-Object)
        @($rows | Where-Object { $_.SentDateTime -eq [datetimeoffset]$start.AddDays(90) }).Count | Should -BeGreaterThan 0
        @($rows | Where-Object { $_.SentDateTime -ge [datetimeoffset]$end }).Count | Should -Be 0
    }

    It 'Warns once per session that getSmsLog is a beta API' {
        $result = Get-BetaWarning $emulator 'Get-SmsLog'
        $result.Counts | Should -Be 1, 0, 0
        $result.Warnings | Should -Match '^getSmsLog is a Microsoft Graph beta API \(/beta\): Microsoft may change or remove it'
    }

    It 'Reads from /beta with the qualified function name' {
        $verbose = Get-SmsLog -From $start -To $start.AddDays(2) -Verbose -WarningAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Match '^GET /beta/communications/callRecords/microsoft\.graph\.callRecords\.getSmsLog\(fromDateTime=\d{4}-\d\d-\d\dT00:00:00\.0000000Z,toDateTime=\d{4}-\d\d-\d\dT23:59:59\.9999999Z\) 200 \(\d+ ms\)$'
    }

    It 'Keeps CallCharge a decimal and AdministrativeUnitIds a list, and round-trips every column through Export-Csv and Import-Csv' {
        $rows = Get-SmsLog -From $start -To $start.AddDays(3) -WarningAction SilentlyContinue
        $rows[0].CallCharge | Should -BeOfType [decimal]
        $rows[0].SentDateTime | Should -BeOfType [datetimeoffset]
        $withUnit = $rows | Where-Object { $_.AdministrativeUnitIds.Count -gt 0 } | Select-Object -First 1
        $withUnit.AdministrativeUnitIds[0] | Should -Match '^[0-9a-f-]{36}$'
        $path = Join-Path $TestDrive 'sms.csv'
        $rows | Export-Csv $path -NoTypeInformation
        $imported = Import-Csv $path
        $columns = [CallRecords.SmsLogRow].GetProperties().Name
        ($imported[0].PSObject.Properties.Name) | Should -Be $columns
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($column in $columns) {
                "$($imported[$i].$column)" | Should -Be "$($rows[$i].$column)" -Because "$column of row $i"
            }
        }
        (Get-Content $path -Raw) | Should -Not -Match 'System\.|CallRecords\.'
    }

    It 'Fails with InvalidDateRange when the start is after the end' {
        { Get-SmsLog -From $end -To $start -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetSmsLogCommand'
    }

    It 'Fails with InvalidDateRange for a start in the future, before any request' {
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        { Get-SmsLog -From ([datetime]::UtcNow.AddDays(2)) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetSmsLogCommand'
        (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 0
    }

    It 'Has a table view' {
        Get-FormatData -TypeName CallRecords.SmsLogRow | Should -Not -BeNullOrEmpty
    }
}
