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
            $context = Connect-CallRecordGraph -ManagedIdentity -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $emulator.Url
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
            $context = Connect-CallRecordGraph -ManagedIdentity -TenantId dc368399-474c-4d40-900c-6265431fd81f -Environment USGov -GraphEndpoint $emulator.Url
            $context.Environment | Should -Be 'USGov'
            $context.AuthorityHost | Should -Be 'https://login.microsoftonline.us/'
        }
        finally {
            Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER
        }
    }
}

Describe 'Connections as objects' {
    BeforeAll {
        # Two tenants with the same seed: the same record ids in both, so only TenantId tells their rows apart.
        $script:tenantA = '0a0a0a0a-1111-4111-8111-aaaaaaaaaaaa'
        $script:tenantB = '0b0b0b0b-2222-4222-8222-bbbbbbbbbbbb'
        $script:first = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '71', '--tenant-id', $tenantA
        $script:second = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '71', '--tenant-id', $tenantB
        $script:a = Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenantA -GraphEndpoint $first.Url -PassThru
        $script:b = Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenantB -GraphEndpoint $second.Url -PassThru
        $script:from = [datetime]::UtcNow.Date.AddDays(-1)
    }

    AfterAll {
        Stop-CallRecordsEmulator $first
        Stop-CallRecordsEmulator $second
    }

    It 'Returns the connection with -PassThru, which knows its tenant and shows no secret' {
        $a | Should -BeOfType ([CallRecords.CallRecordGraphConnection])
        $a.TenantId | Should -Be $tenantA
        (Get-CallRecordGraphContext -Connection $a).TenantId | Should -Be $tenantA
        ($a | Get-CallRecordGraphContext).GraphEndpoint | Should -Be $first.Url
        ($a | ConvertTo-Json -Depth 3) | Should -Not -Match '"t"'
    }

    It 'Reads each tenant through its own connection, and every row says which tenant it comes from' {
        $fromA = @(Get-CallRecord -From $from -To $from.AddHours(6) -Connection $a)
        $fromB = @(Get-CallRecord -From $from -To $from.AddHours(6) -Connection $b)
        $fromA.Count | Should -BeGreaterThan 0
        $fromA.TenantId | Sort-Object -Unique | Should -Be $tenantA
        $fromB.TenantId | Sort-Object -Unique | Should -Be $tenantB
        $fromB.Id | Should -Be $fromA.Id
        @($fromA + $fromB | Group-Object TenantId, Id).Count | Should -Be ($fromA.Count * 2)
        $stream = $fromB[0] | Get-CallRecordMediaStream -Connection $b | Select-Object -First 1
        $stream.TenantId | Should -Be $tenantB
        (Get-PstnCallLog -From $from -To $from.AddHours(6) -Connection $a | Select-Object -First 1).TenantId | Should -Be $tenantA
    }

    It 'Lets a thread job connect without replacing the caller''s default connection' {
        Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenantA -GraphEndpoint $first.Url | Out-Null
        $inJob = Start-ThreadJob -ArgumentList $ModuleManifest, $second.Url, $tenantB -ScriptBlock {
            param($manifest, $url, $tenant)
            Import-Module $manifest
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenant -GraphEndpoint $url | Out-Null
            (Get-CallRecordGraphContext).TenantId
        } | Receive-Job -Wait -AutoRemoveJob
        $inJob | Should -Be $tenantB
        (Get-CallRecordGraphContext).TenantId | Should -Be $tenantA
        @(Get-CallRecord -From $from -To $from.AddHours(1))[0].TenantId | Should -Be $tenantA
    }

    It 'Releases only the connection it is given, which then refuses work' {
        $c = Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId $tenantB -GraphEndpoint $second.Url -PassThru
        Disconnect-CallRecordGraph -Connection $c
        { Get-CallRecord -From $from -To $from.AddHours(1) -Connection $c -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectionClosed,CallRecords.Commands.GetCallRecordCommand'
        @(Get-CallRecord -From $from -To $from.AddHours(1) -Connection $b).Count | Should -BeGreaterThan 0
    }

    It 'Refuses an access token that names no tenant when -TenantId is not given' {
        { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -GraphEndpoint $first.Url -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConnectionParameter,CallRecords.Commands.ConnectCallRecordGraphCommand'
    }
}
