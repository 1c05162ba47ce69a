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

Describe 'Get-CallRecordGraphContext' {
    It 'Shows the connection with its endpoint and kind, and no secret' {
        Connect-TestEmulator $emulator -Token $token | Out-Null
        $context = Get-CallRecordGraphContext
        $context.PSObject.TypeNames[0] | Should -Be 'CallRecords.CallRecordGraphContext'
        $context.AuthType | Should -Be 'AccessToken'
        ($context | Format-List * | Out-String) | Should -Not -Match $token
    }
}
