# Other modules (Az.Accounts, Microsoft.Graph.Authentication) load older Azure.Core and MSAL first. Each test
# runs in a fresh pwsh so that what it loads first is really first.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '3'
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:oldAzureCore = Join-Path $packages 'azure.core/1.36.0/lib/net6.0/Azure.Core.dll'
    $script:oldMsal = Join-Path $packages 'microsoft.identity.client/4.55.0/lib/net6.0/Microsoft.Identity.Client.dll'
}

AfterAll {
    Stop-CallRecordsEmulator $emulator
}

Describe 'Dependency isolation' {
    It 'Works after Azure.Core 1.36.0 and MSAL 4.55.0 were loaded first' {
        $oldAzureCore | Should -Exist
        $oldMsal | Should -Exist
        $script = {
            param($azureCore, $msal, $manifest, $url)
            $ErrorActionPreference = 'Stop'
            Add-Type -Path $azureCore
            Add-Type -Path $msal
            Import-Module $manifest
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force) -GraphEndpoint $url | Out-Null
            $records = Get-CallRecord -From ([datetime]::UtcNow.Date.AddDays(-1)) -To ([datetime]::UtcNow.Date)
            $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Azure.Core' } | ForEach-Object { $_.GetName().Version.ToString() }
            [pscustomobject]@{ Count = @($records).Count; AzureCore = ($loaded | Sort-Object) -join ',' } | ConvertTo-Json -Compress
        }
        $json = Start-FreshPwsh -Command "& { $script } '$oldAzureCore' '$oldMsal' '$ModuleManifest' '$($emulator.Url)'"
        $LASTEXITCODE | Should -Be 0
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json
        $result.Count | Should -BeGreaterThan 0
        $result.AzureCore | Should -Match '^1\.36\.0\.0,1\.\d+\.0\.0$'
    }

    It 'Connects with a credential (Azure.Identity from our context) after the old assemblies were loaded first' {
        $script = {
            param($azureCore, $msal, $manifest, $url)
            $ErrorActionPreference = 'Stop'
            Add-Type -Path $azureCore
            Add-Type -Path $msal
            Import-Module $manifest
            $env:IDENTITY_ENDPOINT = "$url/_emulator/msi/token"
            $env:IDENTITY_HEADER = 'emulator-identity-header'
            (Connect-CallRecordGraph -ManagedIdentity -GraphEndpoint $url).AuthType
        }
        $output = Start-FreshPwsh -Command "& { $script } '$oldAzureCore' '$oldMsal' '$ModuleManifest' '$($emulator.Url)'"
        $LASTEXITCODE | Should -Be 0
        $output | Select-Object -Last 1 | Should -Be 'ManagedIdentity'
    }
}
