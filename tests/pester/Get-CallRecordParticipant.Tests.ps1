BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '22'
    Connect-TestEmulator $emulator | Out-Null
    $script:tenant = Invoke-RestMethod "$($emulator.Url)/_emulator/tenant"
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-CallRecordParticipant' {
    It 'Returns every participant of a call with more than 130, following pages' {
        $id = $tenant.manyParticipantCallIds[0]
        $participants = Get-CallRecordParticipant -CallRecordId $id
        $participants.Count | Should -BeGreaterThan 130
        ($participants.Id | Sort-Object -Unique).Count | Should -Be $participants.Count
        $participants[0].PSObject.TypeNames[0] | Should -Be 'CallRecords.CallRecordParticipant'
    }

    It 'Binds call records from the pipeline' {
        $record = Get-CallRecord -Id $tenant.largeGroupCallIds[0]
        $participants = $record | Get-CallRecordParticipant
        $participants | ForEach-Object { $_.CallRecordId | Should -Be $record.Id }
        ($participants | Where-Object { -not $_.Id }) | Should -BeNullOrEmpty
    }

    It 'Refuses an id that is not a GUID' {
        $null = Get-CallRecordParticipant -CallRecordId 'not-a-guid' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidCallRecordId,CallRecords.Commands.GetCallRecordParticipantCommand'
    }
}
