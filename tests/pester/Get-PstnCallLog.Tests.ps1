BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '51', '--pstn-rows-per-day', '40', '--throttle', 'off'
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

Describe 'Get-PstnCallLog' {
    It 'Returns exactly the rows of a 200-day range, once each, including rows on window edges' {
        $rows = Get-PstnCallLog -StartDateTime $start -EndDateTime $end
        $expected = Get-TruthIds $emulator pstn -From $start -To $end.AddTicks(-1)
        $rows.Count | Should -Be @($expected).Count
        ($rows.Id | Sort-Object -Unique).Count | Should -Be $rows.Count
        ($rows.Id | Sort-Object) | Should -Be ($expected | Sort-Object)
        @($rows | Where-Object { $_.StartDateTime -eq [datetimeoffset]$start.AddDays(90) }).Count | Should -BeGreaterThan 0
        @($rows | Where-Object { $_.StartDateTime -ge [datetimeoffset]$end }).Count | Should -Be 0
    }

    It 'Keeps Charge a decimal and round-trips every column through Export-Csv and Import-Csv' {
        $rows = Get-PstnCallLog -From $start -To $start.AddDays(3)
        $rows[0].Charge | Should -BeOfType [decimal]
        $path = Join-Path $TestDrive 'pstn.csv'
        $rows | Export-Csv $path -NoTypeInformation
        $imported = Import-Csv $path
        $columns = [CallRecords.PstnCallLogRow].GetProperties().Name
        ($imported[0].PSObject.Properties.Name) | Should -Be $columns
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($column in $columns) {
                "$($imported[$i].$column)" | Should -Be "$($rows[$i].$column)" -Because "$column of row $i"
            }
        }
        (Get-Content $path -Raw) | Should -Not -Match 'System\.|CallRecords\.'
    }

    It 'Has calling plan, Operator Connect and conferencing rows' {
        $rows = Get-PstnCallLog -From $start -To $start.AddDays(10)
        $rows | Where-Object Operator -eq 'Microsoft' | Should -Not -BeNullOrEmpty
        $rows | Where-Object CallDurationSource -eq 'operator' | Should -Not -BeNullOrEmpty
        $rows | Where-Object ConferenceId | Should -Not -BeNullOrEmpty
    }

    It 'Writes nothing and no error for a range with no rows' {
        $rows = Get-PstnCallLog -From ([datetime]::UtcNow.AddDays(-900)) -To ([datetime]::UtcNow.AddDays(-800)) -ErrorVariable failures
        $rows | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'Fails with InvalidDateRange when the start is after the end' {
        { Get-PstnCallLog -From $end -To $start -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetPstnCallLogCommand'
    }

    It 'Clamps an end in the future to now, with a warning' {
        $null = Get-PstnCallLog -From ([datetime]::UtcNow.AddHours(-2)) -To ([datetime]::UtcNow.AddDays(2)) -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'in the future'
    }

    It 'Shows one verbose line per request, each window in the documented UTC form' {
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        $verbose = Get-PstnCallLog -From $start -To $end -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $requests = (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests
        $lines = @($verbose.Message | Where-Object { $_ -match 'getPstnCalls' })
        $lines | Should -HaveCount $requests
        $documented = '^GET /v1\.0/communications/callRecords/microsoft\.graph\.callRecords\.getPstnCalls\(fromDateTime=\d{4}-\d\d-\d\dT\d\d:\d\d:00\.0000000Z,toDateTime=\d{4}-\d\d-\d\dT\d\d:\d\d:59\.9999999Z\) 200 \(\d+ ms(; waited [\d.]+ m?s for ''[^'']+'')?\)$'
        $lines | Where-Object { $_ -match 'fromDateTime=' -and $_ -notmatch $documented } | Should -BeNullOrEmpty
        @($lines | Where-Object { $_ -match $documented }).Count | Should -BeGreaterThan 3
    }

    It 'Has a table view' {
        Get-FormatData -TypeName CallRecords.PstnCallLogRow | Should -Not -BeNullOrEmpty
    }
}
