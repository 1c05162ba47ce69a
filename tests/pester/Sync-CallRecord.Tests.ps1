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
            $other = Start-PwshScript -File $script -RedirectStandardOutput
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

Describe 'Sync-CallRecord -ConnectionString (PostgreSQL)' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Postgres.ps1')
        $script:postgres = Start-TestPostgres -Database calls
        # Six tenants, each its own emulator with its own seed and tenant id; Graph answers take 40 ms, so runs last.
        $script:tenants = foreach ($n in 1..6) {
            $tenantId = '{0:d8}-0000-4000-8000-{0:d12}' -f (90 + $n)
            $tenantEmulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', "9$n", '--tenant-id', $tenantId, '--users', '20',
                '--calls-per-day', '12', '--pstn-rows-per-day', '30', '--dr-rows-per-day', '30', '--throttle', 'off', '--latency-ms', '40'
            [pscustomobject]@{ TenantId = $tenantId; Emulator = $tenantEmulator }
        }
        $script:pgSince = [datetime]::UtcNow.Date.AddDays(-3)

        function New-TestDatabase([string] $Name) {
            Invoke-TestPostgresQuery $postgres "CREATE DATABASE $Name" -Database postgres | Out-Null
            $postgres.ConnectionString -replace 'Database=\w+', "Database=$Name"
        }

        function Connect-Tenant($Tenant) {
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId $Tenant.TenantId -GraphEndpoint $Tenant.Emulator.Url -PassThru
        }
    }

    AfterAll {
        foreach ($tenant in $tenants) { Stop-CallRecordsEmulator $tenant.Emulator }
        Stop-TestPostgres $postgres
        Connect-TestEmulator $emulator | Out-Null
    }

    It 'Syncs the tenants of piped connections side by side, each row under its tenant, and Get-CallRecordSyncState shows each' {
        $connectionString = New-TestDatabase two
        $connections = $tenants[0..1] | ForEach-Object { Connect-Tenant $_ }
        $summaries = $connections | Sync-CallRecord -ConnectionString $connectionString -Since $pgSince
        ($summaries.TenantId | Sort-Object -Unique) | Should -Be ($tenants[0..1].TenantId | Sort-Object)
        foreach ($tenant in $tenants[0..1]) {
            $mine = $summaries | Where-Object TenantId -eq $tenant.TenantId
            $mine.Kind | Should -Be 'CallRecord', 'MediaStream', 'PstnCall', 'DirectRoutingCall'
            $end = ($mine | Where-Object Kind -eq PstnCall).EndDateTime.UtcDateTime
            $stored = Invoke-TestPostgresQuery $postgres "SELECT ""Id"" FROM ""PstnCallLogRow"" WHERE ""TenantId"" = '$($tenant.TenantId)' " -Database two
            ($stored | Sort-Object) | Should -Be (Get-TruthIds $tenant.Emulator pstn -From $pgSince -To $end.AddTicks(-1) | Sort-Object)
        }

        $state = Get-CallRecordSyncState -ConnectionString $connectionString
        ($state.TenantId | Sort-Object -Unique) | Should -Be ($tenants[0..1].TenantId | Sort-Object)
        $one = Get-CallRecordSyncState -ConnectionString $connectionString -TenantId $tenants[1].TenantId
        $one.TenantId | Sort-Object -Unique | Should -Be $tenants[1].TenantId
        ($one | Where-Object Kind -eq CallRecord).Rows | Should -Be ($summaries | Where-Object { $_.TenantId -eq $tenants[1].TenantId -and $_.Kind -eq 'CallRecord' }).Added
        ($one | Where-Object Kind -eq CallRecord).LastRunOutcome | Should -Be 'Completed'

        # A rerun of the same command adds nothing.
        $again = $connections | Sync-CallRecord -ConnectionString $connectionString
        ($again | Measure-Object Added -Sum).Sum + ($again | Measure-Object Updated -Sum).Sum | Should -Be 0
    }

    It 'Refuses two connections of one tenant with DuplicateTenant, and a lease shorter than the minimum, before reading anything' {
        $connectionString = New-TestDatabase refused
        $connection = Connect-Tenant $tenants[0]
        { Sync-CallRecord -ConnectionString $connectionString -Connection $connection, $connection -ErrorAction Stop } | Should -Throw -ErrorId 'DuplicateTenant,CallRecords.Commands.SyncCallRecordCommand'
        { Sync-CallRecord -ConnectionString $connectionString -Connection $connection -LeaseDuration '00:00:01' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,CallRecords.Commands.SyncCallRecordCommand'
        Invoke-TestPostgresQuery $postgres 'SELECT count(*) FROM pg_tables WHERE schemaname = ''public''' -Database refused | Should -Be 0
    }

    It 'Fails with SyncStoreUnavailable naming the server, never the password, when PostgreSQL cannot be reached' {
        $password = 'Pa55-not-in-any-stream-91c2'
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $connection = Connect-Tenant $tenants[0]
        $streams = Join-Path $TestDrive 'unreachable.txt'
        $failure = $null
        try { Sync-CallRecord -ConnectionString "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Timeout=2" -Connection $connection -Verbose -ErrorAction Stop 4> $streams 3> "$streams.warnings" }
        catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'SyncStoreUnavailable,CallRecords.Commands.SyncCallRecordCommand'
        $failure.Exception.Message | Should -Match "127\.0\.0\.1:$port"
        ((@(Get-Content $streams, "$streams.warnings" -Raw) + ($failure | Out-String) + $failure.Exception.ToString()) -join "`n") | Should -Not -Match $password
    }

    It 'Three workers started together, one killed midway, leave every tenant equal to its truth with each pass recorded once' {
        $connectionString = New-TestDatabase fleet
        # Revised calls: the store must hold each record at its latest version, with that version's sessions.
        foreach ($tenant in $tenants) {
            $ids = Get-TruthIds $tenant.Emulator callRecords -From $pgSince -To ([datetime]::UtcNow) | Select-Object -First 2
            foreach ($id in $ids) { Invoke-RestMethod -Method Post "$($tenant.Emulator.Url)/_emulator/calls/$id/revise" | Out-Null }
        }
        $urls = ($tenants.Emulator.Url | ForEach-Object { "'$_'" }) -join ', '
        $workers = foreach ($n in 1..3) {
            $script = Join-Path $TestDrive "worker$n.ps1"
            Set-Content $script @"
Import-Module '$ModuleManifest'
`$connections = foreach (`$url in $urls) {
    `$tenant = (Invoke-RestMethod "`$url/_emulator/tenant").tenantId
    Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId `$tenant -GraphEndpoint `$url -PassThru
}
# Started together: each worker, connected, waits for the others.
Set-Content '$TestDrive/ready-$n' ''
while (-not (Test-Path '$TestDrive/go')) { Start-Sleep -Milliseconds 20 }
`$connections | Sync-CallRecord -ConnectionString '$connectionString' -Since ([datetime]'$($pgSince.ToString('o'))') -LeaseDuration '00:00:15' -ThrottleLimit 6 -ErrorAction Stop | Out-Null
"@
            $process = Start-PwshScript -File $script -RedirectStandardError
            [pscustomobject]@{ Process = $process; Errors = $process.StandardError.ReadToEndAsync() }
        }
        try {
            $ready = [datetime]::UtcNow.AddSeconds(120)
            while (@(Get-ChildItem $TestDrive -Filter 'ready-*').Count -lt 3 -and [datetime]::UtcNow -lt $ready -and -not ($workers.Process | Where-Object HasExited)) { Start-Sleep -Milliseconds 50 }
            Set-Content (Join-Path $TestDrive 'go') ''
            # Kill, as SIGKILL would, a worker in the middle of a pass, once some passes are done.
            $killed = $null
            $deadline = [datetime]::UtcNow.AddSeconds(180)
            while (-not $killed -and [datetime]::UtcNow -lt $deadline -and ($workers.Process | Where-Object { -not $_.HasExited })) {
                Start-Sleep -Milliseconds 100
                # Until the first worker has made the tables there is nothing to read.
                # The worker with the most passes under way, so that some are still unfinished when it dies.
                $running = @(try { Invoke-TestPostgresQuery $postgres 'SELECT "Worker" FROM "SyncRun" WHERE "Outcome" = ''Running'' AND (SELECT count(*) FROM "SyncRun" WHERE "Outcome" = ''Completed'') >= 2 GROUP BY "Worker" HAVING count(*) >= 2 ORDER BY count(*) DESC' -Database fleet } catch { })
                if ($running) {
                    $victimId = [int]($running[0] -split '/')[1]
                    $killed = $workers | Where-Object { $_.Process.Id -eq $victimId }
                    $killed.Process.Kill()
                    $killed.Process.WaitForExit()
                    $unfinishedByVictim = @(Invoke-TestPostgresQuery $postgres "SELECT ""Id"" FROM ""SyncRun"" WHERE ""Outcome"" = 'Running' AND ""Worker"" LIKE '%/$victimId/%'" -Database fleet)
                }
            }
            $killed | Should -Not -BeNullOrEmpty -Because 'a worker must be caught in the middle of a pass'
            foreach ($worker in $workers | Where-Object { $_ -ne $killed }) {
                $worker.Process.WaitForExit(300000) | Should -BeTrue
                $worker.Process.ExitCode | Should -Be 0 -Because $worker.Errors.Result
            }
        }
        finally {
            foreach ($worker in $workers) {
                if (-not $worker.Process.HasExited) { $worker.Process.Kill() }
                $worker.Process.WaitForExit()
                $worker.Process.Dispose()
            }
        }

        # Each pass of each tenant completed once, the killed worker's run was taken over, and no lease is left.
        $runs = Invoke-TestPostgresQuery $postgres 'SELECT "TenantId" || ''|'' || "Kinds" FROM "SyncRun" WHERE "Outcome" = ''Completed''' -Database fleet
        ($runs | Sort-Object) | Should -Be ($tenants.TenantId | ForEach-Object { "$_|CallRecord,MediaStream"; "$_|DirectRoutingCall"; "$_|PstnCall" } | Sort-Object)
        # The passes the killed worker left unfinished were taken over: those runs, and nothing else, read Interrupted.
        $unfinishedByVictim | Should -Not -BeNullOrEmpty -Because 'the killed worker must have died in the middle of a pass'
        (Invoke-TestPostgresQuery $postgres 'SELECT "Id" || ''|'' || "Outcome" FROM "SyncRun" WHERE "Outcome" <> ''Completed''' -Database fleet | Sort-Object) |
            Should -Be ($unfinishedByVictim | ForEach-Object { "$_|Interrupted" } | Sort-Object)
        Invoke-TestPostgresQuery $postgres 'SELECT count(*) FROM "SyncLease"' -Database fleet | Should -Be 0
        Invoke-TestPostgresQuery $postgres 'SELECT count(*) FROM "CallRecord" r WHERE r."SessionCount" IS DISTINCT FROM (SELECT count(*) FROM "CallRecordSession" s WHERE s."TenantId" = r."TenantId" AND s."CallRecordId" = r."Id")' -Database fleet | Should -Be 0

        foreach ($tenant in $tenants) {
            $where = """TenantId"" = '$($tenant.TenantId)'"
            $end = @{}
            foreach ($row in Invoke-TestPostgresQuery $postgres "SELECT ""Kind"", to_char(""Checkpoint"" AT TIME ZONE 'UTC', 'YYYY-MM-DD""T""HH24:MI:SS.US""Z""') FROM ""SyncCheckpoint"" WHERE $where" -Database fleet) {
                $kind, $text = $row -split '\|'
                $end[$kind] = [datetime]::Parse($text, [cultureinfo]::InvariantCulture, 'AdjustToUniversal')
            }
            $connection = Connect-Tenant $tenant
            $graph = @(Get-CallRecord -Connection $connection -StartDateTime $pgSince -EndDateTime $end.CallRecord -ExpandSessions)
            $graph.Count | Should -BeGreaterThan 0
            (Invoke-TestPostgresQuery $postgres "SELECT ""Id"" || '|' || ""Version"" FROM ""CallRecord"" WHERE $where" -Database fleet | Sort-Object) |
                Should -Be ($graph | ForEach-Object { "$($_.Id)|$($_.Version)" } | Sort-Object)
            Invoke-TestPostgresQuery $postgres "SELECT count(*) FROM ""CallRecordMediaStream"" WHERE $where" -Database fleet | Should -Be @($graph | Get-CallRecordMediaStream).Count
            (Invoke-TestPostgresQuery $postgres "SELECT ""Id"" FROM ""PstnCallLogRow"" WHERE $where" -Database fleet | Sort-Object) |
                Should -Be (Get-TruthIds $tenant.Emulator pstn -From $pgSince -To $end.PstnCall.AddTicks(-1) | Sort-Object)
            (Invoke-TestPostgresQuery $postgres "SELECT ""Id"" FROM ""DirectRoutingCallLogRow"" WHERE $where" -Database fleet | Sort-Object) |
                Should -Be (Get-TruthIds $tenant.Emulator directRouting -From $pgSince -To $end.DirectRoutingCall.AddTicks(-1) | Sort-Object)
        }
    }
}
