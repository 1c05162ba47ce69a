BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:token = 'expected-token-5c1d'
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--token', $token
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Disconnect-CallRecordGraph' {
    It 'Forgets the connection so commands fail with NotConnected' {
        Connect-TestEmulator $emulator -Token $token | Out-Null
        Disconnect-CallRecordGraph
        Get-CallRecordGraphContext | Should -BeNullOrEmpty
        { Get-CallRecord -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,CallRecords.Commands.GetCallRecordCommand'
    }

    It 'Warns when there is no connection' {
        Disconnect-CallRecordGraph -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'no connection'
    }
}
