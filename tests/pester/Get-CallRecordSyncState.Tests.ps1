BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '82', '--users', '20', '--calls-per-day', '10', '--pstn-rows-per-day', '20', '--dr-rows-per-day', '20', '--throttle', 'off'
    Connect-TestEmulator $emulator | Out-Null
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-CallRecordSyncState' {
    It 'Shows each kind''s checkpoint, row count and last run' {
        $db = Join-Path $TestDrive 'calls.db'
        $summary = Sync-CallRecord -Path $db -Kind CallRecord, PstnCall -Since ([datetime]::UtcNow.Date.AddDays(-2))
        $state = Get-CallRecordSyncState -Path $db
        $state.Kind | Should -Be 'CallRecord', 'MediaStream', 'PstnCall', 'DirectRoutingCall', 'SmsLog', 'PstnBlockedUser'
        $state | ForEach-Object { $_ | Should -BeOfType [CallRecords.CallRecordSyncState] }
        $pstn = $state | Where-Object Kind -eq PstnCall
        $pstn.Rows | Should -Be ($summary | Where-Object Kind -eq PstnCall).Added
        $pstn.Checkpoint | Should -Be ($summary | Where-Object Kind -eq PstnCall).Checkpoint
        $pstn.LastRunOutcome | Should -Be 'Completed'
        $dr = $state | Where-Object Kind -eq DirectRoutingCall
        $dr.Rows | Should -Be 0
        $dr.Checkpoint | Should -BeNullOrEmpty
        $dr.LastRunOutcome | Should -BeNullOrEmpty
    }

    It 'Takes the path from the pipeline by property name' {
        $db = Join-Path $TestDrive 'piped.db'
        Sync-CallRecord -Path $db -Kind PstnCall -Since ([datetime]::UtcNow.AddDays(-1)) | Out-Null
        ([pscustomobject]@{ Path = $db } | Get-CallRecordSyncState | Where-Object Kind -eq PstnCall).LastRunOutcome | Should -Be 'Completed'
    }

    It 'Writes SyncStoreNotFound for a path with no store, and creates nothing' {
        $db = Join-Path $TestDrive 'missing.db'
        Get-CallRecordSyncState -Path $db -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'SyncStoreNotFound,CallRecords.Commands.GetCallRecordSyncStateCommand'
        Test-Path $db | Should -BeFalse
    }
}
