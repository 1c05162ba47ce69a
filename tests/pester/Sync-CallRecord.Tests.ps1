BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    # A small tenant: 10 calls and 20 rows of each log a day.
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '81', '--users', '20', '--calls-per-day', '10', '--pstn-rows-per-day', '20', '--dr-rows-per-day', '20', '--throttle', 'off'
    Connect-TestEmulator $emulator | Out-Null
    $script:since = [datetime]::UtcNow.Date.AddDays(-3)
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Sync-CallRecord' {
    It 'Fills a new store and returns one summary per kind, then a rerun adds nothing' {
        $db = Join-Path $TestDrive 'calls.db'
        $first = Sync-CallRecord -Path $db -Since $since
        $first.Kind | Should -Be 'CallRecord', 'MediaStream', 'PstnCall', 'DirectRoutingCall'
        $first | ForEach-Object { $_ | Should -BeOfType [CallRecords.CallRecordSyncSummary] }
        ($first | Where-Object Kind -eq PstnCall).Added | Should -Be @(Get-TruthIds $emulator pstn -From $since -To ([datetime]::UtcNow)).Count
        ($first | Where-Object Kind -eq CallRecord).Added | Should -BeGreaterThan 0

        $second = Sync-CallRecord -Path $db
        ($second | Measure-Object Added -Sum).Sum | Should -Be 0
        ($second | Measure-Object Updated -Sum).Sum | Should -Be 0
        ($second | Where-Object Kind -eq PstnCall).Unchanged | Should -BeGreaterThan 0
    }

    It 'With -PassThru writes exactly the new rows, which Export-Csv takes, and the summary to the information stream' {
        $db = Join-Path $TestDrive 'pstn.db'
        $rows = Sync-CallRecord -Path $db -Kind PstnCall -Since $since -PassThru -InformationVariable summary
        $rows | ForEach-Object { $_ | Should -BeOfType [CallRecords.PstnCallLogRow] }
        ($rows.Id | Sort-Object) | Should -Be (Get-TruthIds $emulator pstn -From $since -To ([datetime]::UtcNow) | Sort-Object)
        $summary.MessageData.Added | Should -Be $rows.Count
        $csv = Join-Path $TestDrive 'new.csv'
        $rows | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv).Count | Should -Be $rows.Count

        Sync-CallRecord -Path $db -Kind PstnCall -PassThru | Should -BeNullOrEmpty
    }

    It 'Keeps the beta SMS and blocked users logs only when -Kind names them' {
        $db = Join-Path $TestDrive 'beta.db'
        $summaries = Sync-CallRecord -Path $db -Kind SmsLog, PstnBlockedUser -Since $since -WarningAction SilentlyContinue
        $summaries.Kind | Should -Be 'SmsLog', 'PstnBlockedUser'
        ($summaries | Where-Object Kind -eq SmsLog).Added | Should -Be @(Get-TruthIds $emulator sms -From $since -To ($summaries | Where-Object Kind -eq SmsLog).EndDateTime.UtcDateTime.AddTicks(-1)).Count
        ($summaries | Where-Object Kind -eq PstnBlockedUser).Added | Should -BeGreaterThan 0
        (Get-CallRecordSyncState -Path $db | Where-Object Kind -eq SmsLog).Rows | Should -Be ($summaries | Where-Object Kind -eq SmsLog).Added
        (Get-Help Sync-CallRecord -Parameter Kind).description.Text | Should -Match 'not by default'
    }

    It 'Stops with SyncRowWithoutKey, storing nothing, when Graph returns an SMS row without its id' {
        # The documented getSmsLog example itself has no id.
        $server = Start-StatusServer 200 'OK' -Body '{"value":[{"smsId":"ef36b3e8-9922-4763-90e2-f4345c04a5d6","sentDateTime":"2022-10-06T11:15:48.6113555Z"}]}'
        try {
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'any' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $server.Url | Out-Null
            $db = Join-Path $TestDrive 'keyless.db'
            { Sync-CallRecord -Path $db -Kind SmsLog -Since ([datetime]::UtcNow.AddHours(-2)) -WarningAction SilentlyContinue -ErrorAction Stop } | Should -Throw -ErrorId 'SyncRowWithoutKey,CallRecords.Commands.SyncCallRecordCommand'
            $state = Get-CallRecordSyncState -Path $db | Where-Object Kind -eq SmsLog
            $state.Rows | Should -Be 0
            $state.Checkpoint | Should -BeNullOrEmpty
            $state.LastRunOutcome | Should -Be 'Failed'
        }
        finally {
            Stop-StatusServer $server
            Connect-TestEmulator $emulator | Out-Null
        }
    }

    It 'Loads SQLite, native library included, in the module''s own load context' {
        Sync-CallRecord -Path (Join-Path $TestDrive 'alc.db') -Kind DirectRoutingCall -Since ([datetime]::UtcNow.AddHours(-1)) | Out-Null
        $sqlite = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
        $sqlite | Should -HaveCount 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($sqlite).Name | Should -Be 'CallRecords'
    }

    It 'Fails with SyncStoreBusy after -LockTimeout while another run holds the store, and changes nothing' {
        $db = Join-Path $TestDrive 'busy.db'
        Sync-CallRecord -Path $db -Kind PstnCall -Since $since | Out-Null
        $before = (Get-FileHash $db).Hash
        $lock = [System.IO.File]::Open("$db.lock", 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            { Sync-CallRecord -Path $db -Kind PstnCall -LockTimeout '00:00:00.5' -ErrorAction Stop } | Should -Throw -ErrorId 'SyncStoreBusy,CallRecords.Commands.SyncCallRecordCommand'
            $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.5
        }
        finally { $lock.Dispose() }
        (Get-FileHash $db).Hash | Should -Be $before
        (Sync-CallRecord -Path $db -Kind PstnCall).Added | Should -Be 0
    }

    It 'Refuses a -Since in the future with InvalidDateRange' {
        { Sync-CallRecord -Path (Join-Path $TestDrive 'future.db') -Since ([datetime]::UtcNow.AddDays(1)) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.SyncCallRecordCommand'
    }

    It 'Refuses a file that is not a store with SyncStoreUnavailable' {
        $file = Join-Path $TestDrive 'notes.txt'
        Set-Content $file ('not a database ' * 100)
        { Sync-CallRecord -Path $file -Kind PstnCall -ErrorAction Stop } | Should -Throw -ErrorId 'SyncStoreUnavailable,CallRecords.Commands.SyncCallRecordCommand'
    }

    Context 'A run in another process' {
        BeforeAll {
            # Slow Graph answers, so the other process is still writing when the test looks.
            $script:slow = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '83', '--users', '20', '--calls-per-day', '10', '--pstn-rows-per-day', '20', '--dr-rows-per-day', '20', '--throttle', 'off', '--latency-ms', '300'
        }

        AfterAll {
            Stop-CallRecordsEmulator $slow
        }

        It 'Makes a second run fail with SyncStoreBusy; killed, it reads as Interrupted and the next run completes the store' {
            $db = Join-Path $TestDrive 'killed.db'
            $since = [datetime]::UtcNow.Date.AddDays(-8)
            $script = Join-Path $TestDrive 'sync.ps1'
            Set-Content $script @"
Import-Module '$ModuleManifest'
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint '$($slow.Url)' | Out-Null
Sync-CallRecord -Path '$db' -Kind CallRecord -Since ([datetime]'$($since.ToString('o'))')
"@
            $hostPath = [Environment]::ProcessPath
            $startInfo = [System.Diagnostics.ProcessStartInfo]::new($hostPath)
            if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
            foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $script) { $startInfo.ArgumentList.Add($argument) }
            $startInfo.RedirectStandardOutput = $true
            $other = [System.Diagnostics.Process]::Start($startInfo)
            try {
                $deadline = [datetime]::UtcNow.AddSeconds(60)
                do {
                    Start-Sleep -Milliseconds 200
                    $state = Get-CallRecordSyncState -Path $db -ErrorAction SilentlyContinue | Where-Object Kind -eq CallRecord
                } until (($state -and $state.Rows -gt 0) -or [datetime]::UtcNow -gt $deadline -or $other.HasExited)
                $other.HasExited | Should -BeFalse -Because 'the other run must still be writing'
                $state.LastRunOutcome | Should -Be 'Running'

                Connect-TestEmulator $slow | Out-Null
                { Sync-CallRecord -Path $db -Kind CallRecord -LockTimeout '00:00:01' -ErrorAction Stop } | Should -Throw -ErrorId 'SyncStoreBusy,CallRecords.Commands.SyncCallRecordCommand'
            }
            finally {
                $other.Kill($true)
                $other.WaitForExit()
                $other.Dispose()
            }

            (Get-CallRecordSyncState -Path $db | Where-Object Kind -eq CallRecord).LastRunOutcome | Should -Be 'Interrupted'
            $summary = Sync-CallRecord -Path $db -Kind CallRecord -Since $since
            $state = Get-CallRecordSyncState -Path $db | Where-Object Kind -eq CallRecord
            $state.LastRunOutcome | Should -Be 'Completed'
            $state.Rows | Should -Be @(Get-CallRecord -From $since).Count
            $summary.Added | Should -BeGreaterThan 0
            Connect-TestEmulator $emulator | Out-Null
        }
    }
}
