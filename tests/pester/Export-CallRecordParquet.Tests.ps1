# Export-CallRecordParquet against the emulator's rows: a folder and Azurite (Blob Storage), what the files hold and are
# called, reruns, -WhatIf, refusals and Ctrl+C. DuckDB reads the files back in the xunit tests (tests/CallRecords.Engine.Tests/Lake).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '17', '--pstn-rows-per-day', '40'
    Connect-TestEmulator $emulator | Out-Null
    $script:tenant = (Invoke-RestMethod "$($emulator.Url)/_emulator/tenant").tenantId
    $script:from = [datetime]::UtcNow.Date.AddDays(-3)
    $script:streams = @(Get-CallRecord -From $from -To $from.AddDays(1).AddHours(12) | Get-CallRecordMediaStream)
    $script:pstn = @(Get-PstnCallLog -From $from -To $from.AddDays(3))
    $script:azurite = Start-Azurite -Root $RepositoryRoot

    function script:Invoke-AzuriteClient([string] $Container, [string] $Action) {
        $json = Start-FreshPwsh -File (Join-Path $PSScriptRoot 'AzuriteClient.ps1') -ModulePath $ModulePath -ConnectionString $azurite.ConnectionString -Container $Container -Action $Action
        if ($LASTEXITCODE -ne 0) { throw "AzuriteClient.ps1 -Action $Action failed: $json" }
        $json | Select-Object -Last 1 | ConvertFrom-Json
    }

    # The partitions the rows belong to: tenant and UTC day of their instant.
    function script:Get-Partition($rows, [string] $type) {
        $rows | Group-Object { "$type/tenant=$($_.TenantId)/date=$($_.StartDateTime.UtcDateTime.ToString('yyyy-MM-dd'))" } |
            ForEach-Object { [pscustomobject]@{ Folder = $_.Name; Rows = $_.Count } } | Sort-Object Folder
    }
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
    Stop-Azurite $azurite
}

Describe 'Export-CallRecordParquet' {
    Context 'To a folder' {
        BeforeAll {
            $script:root = Join-Path $TestDrive 'lake'
            $script:first = @($streams | Export-CallRecordParquet -Path $root -PassThru)
            $script:firstPstn = @($pstn | Export-CallRecordParquet -Path $root -PassThru)
        }

        It 'Files every piped stream and PSTN row under its type, tenant and UTC day' {
            $streams.Count | Should -BeGreaterThan 1000
            $written = $first + $firstPstn | Group-Object { ($_.Path.Substring($root.Length + 1) -replace '\\', '/') -replace '/[^/]+$', '' } |
                ForEach-Object { [pscustomobject]@{ Folder = $_.Name; Rows = ($_.Group | Measure-Object Rows -Sum).Sum } } | Sort-Object Folder
            $expected = @(Get-Partition $streams 'CallRecordMediaStream') + @(Get-Partition $pstn 'PstnCallLogRow') | Sort-Object Folder
            ($written | ForEach-Object { "$($_.Folder) $($_.Rows)" }) | Should -Be ($expected | ForEach-Object { "$($_.Folder) $($_.Rows)" })
            $first | ForEach-Object { $_.TenantId | Should -Be $tenant; $_.RowType | Should -Be 'CallRecordMediaStream' }
        }

        It 'Names every file of a run after the run and leaves no other file' {
            $runs = @($first.RunId | Select-Object -Unique)
            $runs.Count | Should -Be 1
            $runs[0] | Should -Match '^\d{8}T\d{9}Z-[0-9a-f]{8}$'
            $first | ForEach-Object { Split-Path $_.Path -Leaf | Should -Match "^part-$($runs[0])-\d{5}\.parquet$" }
            $onDisk = Get-ChildItem $root -Recurse -File -Force | ForEach-Object FullName | Sort-Object
            $onDisk | Should -Be (($first + $firstPstn).Path | Sort-Object)
            $first | ForEach-Object { (Get-Item $_.Path).Length | Should -Be $_.Bytes }
            # A Parquet file starts and ends with its magic bytes; a half-written one does not end with them.
            $bytes = [IO.File]::ReadAllBytes($first[0].Path)
            [Text.Encoding]::ASCII.GetString($bytes, 0, 4) | Should -Be 'PAR1'
            [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 4, 4) | Should -Be 'PAR1'
        }

        It 'Adds a second run''s files beside the first and changes none of them' {
            $before = $first | ForEach-Object { (Get-FileHash $_.Path).Hash }
            $second = @($streams | Select-Object -First 100 | Export-CallRecordParquet -Path $root -PassThru)
            $second.RunId | Select-Object -Unique | Should -Not -Be $first[0].RunId
            ($first | ForEach-Object { (Get-FileHash $_.Path).Hash }) | Should -Be $before
            (Get-ChildItem (Join-Path $root 'CallRecordMediaStream') -Recurse -File).Count | Should -Be ($first.Count + $second.Count)
        }

        It 'Writes nothing with -WhatIf' {
            $whatIf = Join-Path $TestDrive 'what-if'
            $streams | Select-Object -First 50 | Export-CallRecordParquet -Path $whatIf -WhatIf
            Test-Path $whatIf | Should -BeFalse
        }

        It 'Reports another object as UnsupportedRowType with the object as target and writes the rest' {
            $mixed = Join-Path $TestDrive 'mixed'
            $written = 'not a row', $pstn[0] | Export-CallRecordParquet -Path $mixed -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedRowType,*'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidType'
            $failures[0].TargetObject | Should -Be 'not a row'
            $written.Rows | Should -Be 1
        }

        It 'Refuses a storage credential for a folder' {
            { $pstn | Export-CallRecordParquet -Path (Join-Path $TestDrive 'x') -StorageSasToken (ConvertTo-SecureString 'sv=1&sig=x' -AsPlainText -Force) -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidParquetTarget,*'
        }
    }

    Context 'To Blob Storage (Azurite)' {
        BeforeAll {
            $script:container = 'lake-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $script:containerUrl = (Invoke-AzuriteClient $container 'Create').Url
            $script:connectionString = ConvertTo-SecureString $azurite.ConnectionString -AsPlainText -Force
        }

        It 'Writes the same partitions to a container with a connection string, each blob whole' {
            $files = @($streams | Export-CallRecordParquet -Path "$containerUrl/teams" -StorageConnectionString $connectionString -PassThru)
            $blobs = @(Invoke-AzuriteClient $container 'List')
            ($blobs.Name | Sort-Object) | Should -Be ($files.Path | ForEach-Object { $_.Substring($containerUrl.Length + 1) } | Sort-Object)
            foreach ($file in $files) { ($blobs | Where-Object Name -EQ $file.Path.Substring($containerUrl.Length + 1)).Length | Should -Be $file.Bytes }
            $written = $files | Group-Object { $_.Path.Substring($containerUrl.Length + 7) -replace '/[^/]+$', '' } | ForEach-Object { "$($_.Name) $(($_.Group | Measure-Object Rows -Sum).Sum)" } | Sort-Object
            $written | Should -Be (Get-Partition $streams 'CallRecordMediaStream' | ForEach-Object { "$($_.Folder) $($_.Rows)" })
        }

        It 'Writes with a SAS token' {
            $sas = ConvertTo-SecureString (Invoke-AzuriteClient $container 'Sas').Token -AsPlainText -Force
            $files = @($pstn | Export-CallRecordParquet -Path "$containerUrl/pstn" -StorageSasToken $sas -PassThru)
            ($files | Measure-Object Rows -Sum).Sum | Should -Be $pstn.Count
            @(Invoke-AzuriteClient $container 'List' | Where-Object Name -Like 'pstn/PstnCallLogRow/*').Count | Should -Be $files.Count
        }

        It 'Writes nothing to the container with -WhatIf' {
            $before = @(Invoke-AzuriteClient $container 'List').Count
            $pstn | Export-CallRecordParquet -Path "$containerUrl/what-if" -StorageConnectionString $connectionString -WhatIf
            @(Invoke-AzuriteClient $container 'List').Count | Should -Be $before
        }

        It 'Ends with StorageContainerNotFound for a container that does not exist, and creates none' {
            { $pstn | Export-CallRecordParquet -Path "$($azurite.Url)/no-such-lake" -StorageConnectionString $connectionString -ErrorAction Stop } |
                Should -Throw -ErrorId 'StorageContainerNotFound,*'
        }

        It 'Refuses a URL with a query without echoing it' {
            $thrown = { $pstn | Export-CallRecordParquet -Path "$($containerUrl)?sv=2024&sig=c2VjcmV0c2ln" -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParquetTarget,*' -PassThru
            ($thrown | Out-String) + $thrown.Exception.ToString() + $thrown.TargetObject | Should -Not -Match 'c2VjcmV0c2ln'
        }

        It 'Without a storage credential, says that a connection made with an access token has none' {
            { $pstn | Export-CallRecordParquet -Path $containerUrl -ErrorAction Stop } | Should -Throw -ErrorId 'StorageCredentialUnavailable,*'
        }
    }

    Context 'Ctrl+C' {
        BeforeAll {
            $script:session = 'callrecords-parquet-' + $PID
            if (-not $env:TERM) { $env:TERM = 'xterm' }
        }

        AfterAll {
            tmux kill-session -t $session 2>$null
        }

        It 'Stops an export at once and leaves only whole files' {
            $stopped = Join-Path $TestDrive 'stopped'
            # Streams pass slowly (a pause every 500) so that Ctrl+C comes while files are open. A script file, so
            # that the shell tmux starts leaves its variables alone.
            $script = Join-Path $TestDrive 'export.ps1'
            Set-Content $script @"
Import-Module '$ModuleManifest'
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenant -GraphEndpoint $($emulator.Url) | Out-Null
Get-CallRecord -From ([datetime]::UtcNow.Date.AddDays(-20)) | Get-CallRecordMediaStream |
    ForEach-Object -Begin { `$n = 0 } -Process { if (++`$n % 500 -eq 0) { Start-Sleep -Milliseconds 50 }; `$_ } |
    Export-CallRecordParquet -Path '$stopped' -RowGroupSize 100
"@
            tmux new-session -d -s $session -x 200 -y 50
            tmux set-option -t $session remain-on-exit on | Out-Null
            tmux respawn-pane -k -t $session "dotnet '$(Join-Path $PSHOME 'pwsh.dll')' -NoProfile -File '$script'"
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while ([datetime]::UtcNow -lt $deadline -and -not (Get-ChildItem $stopped -Recurse -File -Force -Filter '*.tmp' -ErrorAction Ignore)) { [System.Threading.Thread]::Sleep(50) }
            Get-ChildItem $stopped -Recurse -File -Force -Filter '*.tmp' | Should -Not -BeNullOrEmpty -Because "files must be open before Ctrl+C; the pane shows $((tmux capture-pane -p -t $session) -join "`n")"

            $clock = [Diagnostics.Stopwatch]::StartNew()
            tmux send-keys -t $session C-c
            while ($clock.Elapsed.TotalSeconds -lt 10 -and (tmux display -p -t $session '#{pane_dead}') -ne '1') { [System.Threading.Thread]::Sleep(20) }

            (tmux display -p -t $session '#{pane_dead}') | Should -Be '1'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            Get-ChildItem $stopped -Recurse -File -Force | Where-Object Name -NotMatch '^part-.+\.parquet$' | Should -BeNullOrEmpty
            foreach ($file in Get-ChildItem $stopped -Recurse -File) {
                $bytes = [IO.File]::ReadAllBytes($file.FullName)
                [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 4, 4) | Should -Be 'PAR1'
            }
        }
    }
}
