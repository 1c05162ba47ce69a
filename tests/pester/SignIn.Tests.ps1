# Client-secret and certificate sign-in end to end: Azure.Identity gets a token from the emulator's Entra token
# endpoint over https (a test CA trusted through SSL_CERT_FILE, instance discovery off), and Graph accepts it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $folder = Join-Path $TestDrive 'pki'
    New-Item -ItemType Directory -Path $folder | Out-Null
    $notBefore = [datetimeoffset]::UtcNow.AddDays(-1)
    $notAfter = [datetimeoffset]::UtcNow.AddDays(2)
    $sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
    $pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1

    $caKey = [System.Security.Cryptography.RSA]::Create(2048)
    $caRequest = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=CallRecords Test CA', $caKey, $sha256, $pkcs1)
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
    $ca = $caRequest.CreateSelfSigned($notBefore, $notAfter)
    $script:caFile = Join-Path $folder 'ca.pem'
    "-----BEGIN CERTIFICATE-----`n$([Convert]::ToBase64String($ca.RawData, 'InsertLineBreaks'))`n-----END CERTIFICATE-----`n" | Set-Content $caFile -NoNewline

    $serverKey = [System.Security.Cryptography.RSA]::Create(2048)
    $serverRequest = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=127.0.0.1', $serverKey, $sha256, $pkcs1)
    $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $names.AddIpAddress([ipaddress]'127.0.0.1')
    $names.AddDnsName('localhost')
    $serverRequest.CertificateExtensions.Add($names.Build())
    $serverAuth = [System.Security.Cryptography.OidCollection]::new()
    $serverAuth.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1')) | Out-Null
    $serverRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($serverAuth, $false))
    $serverCertificate = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($serverRequest.Create($ca, $notBefore, $notAfter, [byte[]](1..16)), $serverKey)
    $serverPfx = Join-Path $folder 'server.pfx'
    [IO.File]::WriteAllBytes($serverPfx, $serverCertificate.Export('Pfx', 'server-password'))

    $clientKey = [System.Security.Cryptography.RSA]::Create(2048)
    $client = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=CallRecords Test App', $clientKey, $sha256, $pkcs1).CreateSelfSigned($notBefore, $notAfter)
    $clientPublic = Join-Path $folder 'client.cer'
    [IO.File]::WriteAllBytes($clientPublic, $client.RawData)
    $script:clientPfx = Join-Path $folder 'client.pfx'
    [IO.File]::WriteAllBytes($clientPfx, $client.Export('Pfx', 'client-password'))

    $script:secret = 'emulator-client-secret-' + [guid]::NewGuid().ToString('N')
    $script:httpsPort = Get-FreeTcpPort
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -HttpsPort $httpsPort -ArgumentList @(
        '--token', 'issued-by-the-token-endpoint', '--client-secret', $secret, '--client-certificate', $clientPublic,
        "--Kestrel:Certificates:Default:Path=$serverPfx", '--Kestrel:Certificates:Default:Password=server-password')

    # Signs in in a fresh pwsh that trusts only the test CA, then lists calls; prints one JSON line.
    function script:Invoke-SignIn([string] $Arguments) {
        $script = "Import-Module '$ModuleManifest'; try { `$c = Connect-CallRecordGraph -TenantId contoso.onmicrosoft.com -ClientId 11111111-2222-3333-4444-555555555555 -AuthorityHost 'https://127.0.0.1:$httpsPort/' -GraphEndpoint '$($emulator.Url)' -MaxRetryCount 0 $Arguments -ErrorAction Stop; `$n = @(Get-CallRecord -From ([datetime]::UtcNow.Date.AddHours(-2)) -To ([datetime]::UtcNow.Date)).Count; [pscustomobject]@{ Auth = `$c.AuthType; Records = `$n } | ConvertTo-Json -Compress } catch { [pscustomobject]@{ ErrorId = `$_.FullyQualifiedErrorId; Message = `$_.ToString() } | ConvertTo-Json -Compress }"
        $saved = $env:SSL_CERT_FILE
        $env:SSL_CERT_FILE = $caFile
        try { Start-FreshPwsh -Command $script | Select-Object -Last 1 | ConvertFrom-Json }
        finally { $env:SSL_CERT_FILE = $saved }
    }
}

AfterAll {
    Stop-CallRecordsEmulator $emulator
}

Describe 'Sign-in with an app registration' {
    It 'Gets a token with a client secret from a local https token endpoint and lists calls with it' {
        $result = Invoke-SignIn "-ClientSecret (ConvertTo-SecureString '$secret' -AsPlainText -Force)"
        $result.ErrorId | Should -BeNullOrEmpty -Because $result.Message
        $result.Auth | Should -Be 'ClientSecret'
        $result.Records | Should -BeGreaterThan 0
    }

    It 'Gets a token with a certificate (a signed client assertion) and lists calls with it' {
        $result = Invoke-SignIn "-CertificatePath '$clientPfx' -CertificatePassword (ConvertTo-SecureString 'client-password' -AsPlainText -Force)"
        $result.ErrorId | Should -BeNullOrEmpty -Because $result.Message
        $result.Auth | Should -Be 'Certificate'
        $result.Records | Should -BeGreaterThan 0
    }

    It 'A wrong secret is a clear ConnectAuthenticationFailed error that does not show the secret' {
        $result = Invoke-SignIn "-ClientSecret (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force)"
        $result.ErrorId | Should -Be 'ConnectAuthenticationFailed,CallRecords.Commands.ConnectCallRecordGraphCommand'
        $result.Message | Should -Match 'Invalid client secret'
        $result.Message | Should -Not -Match 'wrong-secret-value'
    }
}
