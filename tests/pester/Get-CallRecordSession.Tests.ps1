BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '21'
    Connect-TestEmulator $emulator | Out-Null
    $script:tenant = Invoke-RestMethod "$($emulator.Url)/_emulator/tenant"
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-CallRecordSession' {
    It 'Returns every session of a call with more than 60, each once, with segments' {
        $id = $tenant.largeGroupCallIds[0]
        $sessions = Get-CallRecordSession -CallRecordId $id
        $sessions.Count | Should -BeGreaterThan 60
        ($sessions.Id | Sort-Object -Unique).Count | Should -Be $sessions.Count
        $sessions | ForEach-Object { $_.CallRecordId | Should -Be $id }
        ($sessions | Where-Object SegmentCount -lt 1) | Should -BeNullOrEmpty
        $sessions.Count | Should -Be (Get-CallRecord -Id $id -ExpandSessions).SessionCount
    }

    It 'Takes records from the pipeline by Id and keeps their order' {
        $records = Get-CallRecord -From ([datetime]::UtcNow.Date.AddDays(-1)) -To ([datetime]::UtcNow.Date) | Select-Object -First 12
        $sessions = $records | Get-CallRecordSession
        $order = $sessions.CallRecordId | Select-Object -Unique
        $order | Should -Be $records.Id
    }

    It 'Exports to CSV with the whole endpoint of each side as Caller* and Callee* columns, as the store keeps them' {
        $sessions = Get-CallRecordSession -CallRecordId $tenant.largeGroupCallIds[0] | Select-Object -First 5
        $path = Join-Path $TestDrive 'sessions.csv'
        $sessions | Export-Csv $path -NoTypeInformation
        $header = (Get-Content $path -TotalCount 1) -split ',' | ForEach-Object { $_.Trim('"') }
        $header | Should -Be ([CallRecords.Columns.ColumnSet]::For([CallRecords.CallRecordSession]).Columns.Name + 'Segments')
        $header | Should -Contain 'CallerPlatform'
        $header | Should -Contain 'CalleeRole'
        $header | Should -Not -Contain 'Caller'
        $rows = Import-Csv $path
        $rows[0].CallerUserAgentHeader | Should -Be $sessions[0].CallerUserAgentHeader
        $rows[0].CallerUserAgentHeader | Should -Not -BeNullOrEmpty
    }

    It 'Writes CallRecordNotFound for an unknown id and goes on' {
        $id = $tenant.largeGroupCallIds[0]
        $sessions = '2b7c1a6e-0000-4000-8000-000000000000', $id | Get-CallRecordSession -ErrorVariable failures -ErrorAction SilentlyContinue
        $sessions | Should -Not -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'CallRecordNotFound,CallRecords.Commands.GetCallRecordSessionCommand'
    }

    It 'Has a table view' {
        Get-FormatData -TypeName CallRecords.CallRecordSession | Should -Not -BeNullOrEmpty
    }
}
