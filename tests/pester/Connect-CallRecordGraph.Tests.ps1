BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:token = 'expected-token-5c1d'
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--token', $token, '--identity-header', 'test-identity-header'
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Connect-CallRecordGraph' {
    It 'Connects with -AccessToken and returns a context without the token' {
        $context = Connect-TestEmulator $emulator -Token $token
        $context.AuthType | Should -Be 'AccessToken'
        $context.GraphEndpoint | Should -Be $emulator.Url
        ($context | ConvertTo-Json -Depth 5) | Should -Not -Match $token
        Get-CallRecord -From ([datetime]::UtcNow.Date.AddHours(-2)) -To ([datetime]::UtcNow.Date) | Should -Not -BeNullOrEmpty
    }

    It 'A wrong token gets a clear 401 error on the first command' {
        Connect-TestEmulator $emulator -Token 'wrong-token' | Out-Null
        $failure = { Get-CallRecord -From ([datetime]::UtcNow.AddDays(-1)) -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'GraphUnauthorized,CallRecords.Commands.GetCallRecordCommand'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ToString() | Should -Match 'Connect-CallRecordGraph'
    }

    It 'Signs in with the managed identity through the App Service token protocol' {
        $env:IDENTITY_ENDPOINT = "$($emulator.Url)/_emulator/msi/token"
        $env:IDENTITY_HEADER = 'test-identity-header'
        try {
            $context = Connect-CallRecordGraph -ManagedIdentity -GraphEndpoint $emulator.Url
            $context.AuthType | Should -Be 'ManagedIdentity'
            $context.TokenExpiresOn | Should -BeGreaterThan ([datetimeoffset]::UtcNow)
            Get-CallRecord -From ([datetime]::UtcNow.Date.AddHours(-3)) -To ([datetime]::UtcNow.Date) | Should -Not -BeNullOrEmpty
        }
        finally {
            Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER
        }
    }

    It 'Refuses plain http to a host that is not loopback' {
        { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 't' -AsPlainText -Force) -GraphEndpoint 'http://graph.example.com' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConnectionParameter,CallRecords.Commands.ConnectCallRecordGraphCommand'
    }

    It 'Reports a missing certificate file as CertificateFileNotFound' {
        { Connect-CallRecordGraph -TenantId contoso.onmicrosoft.com -ClientId 00000000-0000-0000-0000-000000000001 -CertificatePath (Join-Path $TestDrive 'missing.pfx') -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateFileNotFound,CallRecords.Commands.ConnectCallRecordGraphCommand'
    }

    It 'Sets the Graph host and the authority of a national cloud together' {
        $env:IDENTITY_ENDPOINT = "$($emulator.Url)/_emulator/msi/token"
        $env:IDENTITY_HEADER = 'test-identity-header'
        try {
            $context = Connect-CallRecordGraph -ManagedIdentity -Environment USGov -GraphEndpoint $emulator.Url
            $context.Environment | Should -Be 'USGov'
            $context.AuthorityHost | Should -Be 'https://login.microsoftonline.us/'
        }
        finally {
            Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER
        }
    }
}
