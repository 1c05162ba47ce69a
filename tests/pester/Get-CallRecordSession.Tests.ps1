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
