BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '52', '--dr-rows-per-day', '40', '--throttle', 'off'
    Connect-TestEmulator $emulator | Out-Null
    $script:today = [datetime]::UtcNow.Date
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-DirectRoutingCallLog' {
    It 'Returns exactly the rows of the range, the end not included' {
        $from = $today.AddDays(-120)
        $rows = Get-DirectRoutingCallLog -From $from -To $today
        $expected = Get-TruthIds $emulator directRouting -From $from -To $today
        ($rows.Id | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'Reads successful and failed calls with their SIP codes, and the empty failure time of a successful call' {
        $rows = Get-DirectRoutingCallLog -From $today.AddDays(-3) -To $today
        $failed = $rows | Where-Object SuccessfulCall -eq $false | Select-Object -First 1
        $failed.FinalSipCode | Should -BeGreaterOrEqual 400
        $failed.FinalSipCodePhrase | Should -Not -BeNullOrEmpty
        ($rows | Where-Object SuccessfulCall | Select-Object -First 1).FailureDateTime | Should -BeNullOrEmpty
    }

    It 'Pipes into Get-CallRecord by CorrelationId' {
        $rows = Get-DirectRoutingCallLog -From $today.AddDays(-2) -To $today
        $records = $rows | Get-CallRecord -ErrorVariable failures -ErrorAction SilentlyContinue
        $records | Should -Not -BeNullOrEmpty
        $records.Id | ForEach-Object { $_ | Should -BeIn $rows.CorrelationId }
        ($records.Count + $failures.Count) | Should -Be $rows.Count
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'CallRecordNotFound,CallRecords.Commands.GetCallRecordCommand' }
    }

    It 'Round-trips every column through Export-Csv and Import-Csv' {
        $rows = Get-DirectRoutingCallLog -From $today.AddDays(-2) -To $today
        $path = Join-Path $TestDrive 'dr.csv'
        $rows | Export-Csv $path -NoTypeInformation
        $imported = Import-Csv $path
        $columns = [CallRecords.DirectRoutingCallLogRow].GetProperties().Name
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($column in $columns) {
                "$($imported[$i].$column)" | Should -Be "$($rows[$i].$column)" -Because "$column of row $i"
            }
        }
    }

    It 'Fails with InvalidDateRange when the start is after the end' {
        { Get-DirectRoutingCallLog -From $today -To $today.AddDays(-1) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetDirectRoutingCallLogCommand'
    }
}
