# No secret or token in any stream, error record or file: every command runs with -Verbose -Debug, all six
# streams captured, and everything it wrote is searched for the known values.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:token = 'known-token-' + [guid]::NewGuid().ToString('N')
    $script:secret = 'known-secret-' + [guid]::NewGuid().ToString('N')
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '91', '--token', $token, '--pstn-rows-per-day', '20', '--dr-rows-per-day', '20'
    $script:folder = Join-Path $TestDrive 'written'
    New-Item -ItemType Directory -Path $folder | Out-Null
    $DebugPreference = 'Continue'
    $InformationPreference = 'Continue'
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Secrets' {
    It 'No stream, error or file of any command contains the token or the client secret' {
        $to = [datetime]::UtcNow.Date
        $prefix = "http://127.0.0.1:$(Get-FreeTcpPort)/secrets/"
        $captured = & {
            # A client secret sent to an authority on loopback where nothing listens: the failure must not show it.
            try {
                Connect-CallRecordGraph -TenantId contoso.onmicrosoft.com -ClientId 00000000-0000-0000-0000-000000000001 -ClientSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -AuthorityHost "https://127.0.0.1:$(Get-FreeTcpPort)/" -MaxRetryCount 0 -Verbose -Debug
            }
            catch {
                $_
            }
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $emulator.Url -Verbose -Debug
            Get-CallRecordGraphContext -Verbose -Debug | Format-List * | Out-String
            $records = Get-CallRecord -From $to.AddHours(-4) -To $to -Verbose -Debug
            $records | Export-Csv (Join-Path $folder 'records.csv')
            $records | Select-Object -First 2 | Get-CallRecord -ExpandSessions -Verbose -Debug
            $records | Select-Object -First 2 | Get-CallRecordSession -Verbose -Debug
            $records | Select-Object -First 2 | Get-CallRecordParticipant -Verbose -Debug
            $records | Select-Object -First 2 | Get-CallRecordMediaStream -Verbose -Debug | Export-Csv (Join-Path $folder 'streams.csv')
            Get-PstnCallLog -From $to.AddDays(-2) -To $to -Verbose -Debug | Export-Csv (Join-Path $folder 'pstn.csv')
            Get-DirectRoutingCallLog -From $to.AddDays(-2) -To $to -Verbose -Debug | Export-Csv (Join-Path $folder 'dr.csv')
            Get-CallRecordSubscription -Verbose -Debug
            Sync-CallRecord -Path (Join-Path $folder 'calls.db') -Since $to.AddHours(-4) -Verbose -Debug
            Get-CallRecordSyncState -Path (Join-Path $folder 'calls.db') -Verbose -Debug
            New-CallRecordSubscription -NotificationUrl 'https://calls.contoso.com/x/' -WhatIf -Verbose -Debug
            Get-CallRecord -Id '2b7c1a6e-0000-4000-8000-00000000dead' -Verbose -Debug -ErrorAction SilentlyContinue
            Receive-CallRecordNotification -Prefix $prefix -ClientState 'state' -Timeout ([TimeSpan]::FromSeconds(1)) -Verbose -Debug
            Disconnect-CallRecordGraph -Verbose -Debug
            try { Get-CallRecord -Verbose -Debug } catch { $_ }
        } *>&1 | ForEach-Object { $_ | Out-String; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString(); $_.ErrorDetails.Message } }

        $text = ($captured -join "`n") + "`n" + (($Error | ForEach-Object { $_ | Out-String; $_.Exception.ToString() }) -join "`n")
        $files = Get-ChildItem $folder -Recurse -File | ForEach-Object { Get-Content $_.FullName -Raw }

        $text.Length | Should -BeGreaterThan 1000 -Because 'the commands must have written something to search'
        $text | Should -Match 'GET /v1.0/communications/callRecords'
        $text | Should -Not -Match ([regex]::Escape($token))
        $text | Should -Not -Match ([regex]::Escape($secret))
        # Four CSV files and the sync store (its lock file is empty, so it adds no text).
        @($files).Count | Should -Be 5
        $files | ForEach-Object { $_ | Should -Not -Match ([regex]::Escape($token)); $_ | Should -Not -Match ([regex]::Escape($secret)) }
    }

    It 'No stream, error or file of Export-CallRecordParquet contains the storage account key or a SAS signature' {
        $azurite = Start-Azurite -Root $RepositoryRoot
        try {
            $client = Join-Path $PSScriptRoot 'AzuriteClient.ps1'
            $containerUrl = (Start-FreshPwsh -File $client -ModulePath $ModulePath -ConnectionString $azurite.ConnectionString -Container 'secrets-lake' -Action Create | Select-Object -Last 1 | ConvertFrom-Json).Url
            $sas = (Start-FreshPwsh -File $client -ModulePath $ModulePath -ConnectionString $azurite.ConnectionString -Container 'secrets-lake' -Action Sas | Select-Object -Last 1 | ConvertFrom-Json).Token
            $signature = [uri]::UnescapeDataString([regex]::Match($sas, 'sig=([^&]+)').Groups[1].Value)
            $key = [regex]::Match($azurite.ConnectionString, 'AccountKey=([^;]+)').Groups[1].Value
            $wrongSas = $sas -replace 'sig=[^&]+', 'sig=d3Jvbmctc2lnbmF0dXJl'
            $lake = Join-Path $TestDrive 'secrets-lake'
            $to = [datetime]::UtcNow.Date
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $emulator.Url | Out-Null
            $rows = Get-PstnCallLog -From $to.AddDays(-2) -To $to
            $captured = & {
                $rows | Export-CallRecordParquet -Path $containerUrl -StorageConnectionString (ConvertTo-SecureString $azurite.ConnectionString -AsPlainText -Force) -PassThru -Verbose -Debug
                $rows | Export-CallRecordParquet -Path "$containerUrl/sas" -StorageSasToken (ConvertTo-SecureString $sas -AsPlainText -Force) -PassThru -Verbose -Debug
                $rows | Export-CallRecordParquet -Path $lake -PassThru -Verbose -Debug
                try { $rows | Export-CallRecordParquet -Path "$containerUrl/wrong" -StorageSasToken (ConvertTo-SecureString $wrongSas -AsPlainText -Force) -Verbose -Debug } catch { $_ }
                try { $rows | Export-CallRecordParquet -Path "$($containerUrl)$sas" -Verbose -Debug } catch { $_ }
                try { $rows | Export-CallRecordParquet -Path "$($azurite.Url)/missing-lake" -StorageConnectionString (ConvertTo-SecureString $azurite.ConnectionString -AsPlainText -Force) -Verbose -Debug } catch { $_ }
            } *>&1 | ForEach-Object { $_ | Out-String; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId; $_.Exception.ToString(); $_.ErrorDetails.Message; "$($_.TargetObject)" } }
            $text = $captured -join "`n"
            $files = Get-ChildItem $lake -Recurse -File | ForEach-Object { [IO.File]::ReadAllText($_.FullName, [Text.Encoding]::Latin1) }

            $text | Should -Match 'PUT /devstoreaccount1/secrets-lake/PstnCallLogRow/.+ \(blocklist\) 201'
            $text | Should -Match 'StorageAuthenticationFailed'
            $text | Should -Match 'StorageContainerNotFound'
            $text | Should -Match 'InvalidParquetTarget'
            $text | Should -Not -Match ([regex]::Escape($key))
            $text | Should -Not -Match ([regex]::Escape($signature))
            $text | Should -Not -Match 'd3Jvbmctc2lnbmF0dXJl'
            $text | Should -Not -Match 'sig='
            @($files).Count | Should -BeGreaterThan 0
            $files | ForEach-Object { $_ | Should -Not -Match ([regex]::Escape($key)); $_ | Should -Not -Match ([regex]::Escape($signature)) }
        }
        finally {
            Disconnect-CallRecordGraph -WarningAction SilentlyContinue
            Stop-Azurite $azurite
        }
    }

    It 'No stream, error or row of a PostgreSQL sync contains the password of its connection string' {
        . (Join-Path $PSScriptRoot 'Postgres.ps1')
        $postgres = Start-TestPostgres -Database secrets
        try {
            $password = 'known-password-' + [guid]::NewGuid().ToString('N')
            $withPassword = "$($postgres.ConnectionString);Password=$password"
            $to = [datetime]::UtcNow.Date
            $captured = & {
                Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $emulator.Url
                Sync-CallRecord -ConnectionString $withPassword -Since $to.AddHours(-4) -Verbose -Debug
                Get-CallRecordSyncState -ConnectionString $withPassword -Verbose -Debug
                # A database that does not exist, a server where nothing listens, a string Npgsql cannot read.
                try { Sync-CallRecord -ConnectionString ($withPassword -replace 'Database=\w+', 'Database=missing') -Verbose -Debug } catch { $_ }
                try { Sync-CallRecord -ConnectionString "Host=127.0.0.1;Port=$(Get-FreeTcpPort);Username=postgres;Password=$password;Timeout=2" -Verbose -Debug } catch { $_ }
                try { Sync-CallRecord -ConnectionString "Host=127.0.0.1;Password=$password;Colour=blue" -Verbose -Debug } catch { $_ }
                try { Get-CallRecordSyncState -ConnectionString "Host=127.0.0.1;Port=$(Get-FreeTcpPort);Password=$password;Timeout=2" -Verbose -Debug } catch { $_ }
            } *>&1 | ForEach-Object { $_ | Out-String; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId; $_.Exception.ToString(); $_.ErrorDetails.Message; "$($_.TargetObject)" } }
            $text = $captured -join "`n"
            $rows = Invoke-TestPostgresQuery $postgres 'SELECT concat_ws(''|'', "Worker", "Message") FROM "SyncRun"'

            $text | Should -Match 'SyncStoreUnavailable'
            $text | Should -Match "PostgreSQL 127\.0\.0\.1:$($postgres.Port)/secrets"
            ($text | Select-String 'SyncStoreUnavailable' -AllMatches).Matches.Count | Should -BeGreaterOrEqual 4
            @($rows).Count | Should -BeGreaterThan 0
            $text | Should -Not -Match $password
            $rows | Should -Not -Match $password
        }
        finally {
            Disconnect-CallRecordGraph -WarningAction SilentlyContinue
            Stop-TestPostgres $postgres
        }
    }
}
