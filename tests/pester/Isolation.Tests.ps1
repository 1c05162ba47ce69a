# Other modules (Az.Accounts, Microsoft.Graph.Authentication) load older Azure.Core and MSAL first. Each test
# runs in a fresh pwsh so that what it loads first is really first.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '3'
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:oldAzureCore = Join-Path $packages 'azure.core/1.36.0/lib/net6.0/Azure.Core.dll'
    $script:oldMsal = Join-Path $packages 'microsoft.identity.client/4.55.0/lib/net6.0/Microsoft.Identity.Client.dll'
    $script:oldIdentity = Join-Path $packages 'azure.identity/1.10.0/lib/netstandard2.0/Azure.Identity.dll'
    $script:oldKiota = Join-Path $packages 'microsoft.kiota.abstractions/1.22.1/lib/net6.0/Microsoft.Kiota.Abstractions.dll'
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
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $url | Out-Null
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

    It 'Runs every read command after Azure.Core, Azure.Identity, MSAL and Kiota of other versions were loaded first' {
        $oldIdentity, $oldKiota | Should -Exist
        $script = {
            param($assemblies, $manifest, $url)
            $ErrorActionPreference = 'Stop'
            $assemblies -split ';' | ForEach-Object { Add-Type -Path $_ }
            Import-Module $manifest
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $url | Out-Null
            $to = [datetime]::UtcNow.Date; $from = $to.AddHours(-3)
            $records = @(Get-CallRecord -From $from -To $to)
            $counts = [ordered]@{
                records      = $records.Count
                expanded     = @($records | Select-Object -First 3 | Get-CallRecord -ExpandSessions).Count
                sessions     = @($records | Select-Object -First 3 | Get-CallRecordSession).Count
                participants = @($records | Select-Object -First 3 | Get-CallRecordParticipant).Count
                streams      = @($records | Select-Object -First 3 | Get-CallRecordMediaStream).Count
                pstn         = @(Get-PstnCallLog -From $to.AddDays(-1) -To $to).Count
                directRouting = @(Get-DirectRoutingCallLog -From $to.AddDays(-1) -To $to).Count
            }
            $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Azure.Identity', 'Microsoft.Kiota.Abstractions' } | ForEach-Object { $_.GetName().Name + '=' + $_.GetName().Version }
            $counts['oldLoaded'] = ($loaded | Sort-Object) -join ','
            [pscustomobject]$counts | ConvertTo-Json -Compress
        }
        $assemblies = @($oldAzureCore, $oldMsal, $oldIdentity, $oldKiota) -join ';'
        $json = Start-FreshPwsh -Command "& { $script } '$assemblies' '$ModuleManifest' '$($emulator.Url)'"
        $LASTEXITCODE | Should -Be 0
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json
        foreach ($name in 'records', 'expanded', 'sessions', 'participants', 'streams', 'pstn', 'directRouting') {
            $result.$name | Should -BeGreaterThan 0 -Because "$name must work beside the old assemblies"
        }
        $result.oldLoaded | Should -Match 'Azure.Identity=1\.10\.0\.0'
        $result.oldLoaded | Should -Match 'Microsoft.Kiota.Abstractions=1\.22\.1\.0'
    }

    It 'Leaves older Azure.Core, Azure.Identity, MSAL and Kiota loadable after it was imported and used' {
        $script = {
            param($assemblies, $manifest, $url)
            $ErrorActionPreference = 'Stop'
            Import-Module $manifest
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $url | Out-Null
            $records = @(Get-CallRecord -From ([datetime]::UtcNow.Date.AddHours(-3)) -To ([datetime]::UtcNow.Date)).Count
            $assemblies -split ';' | ForEach-Object { Add-Type -Path $_ }
            # Use the old Azure.Core the way another module would.
            $oldTypesUsable = $null -ne [Azure.Core.ClientOptions].Assembly.GetType('Azure.Core.RetryOptions')
            $versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Azure.Core', 'Azure.Identity', 'Microsoft.Identity.Client', 'Microsoft.Kiota.Abstractions' } | ForEach-Object { $_.GetName().Name + '=' + $_.GetName().Version }
            [pscustomobject]@{ Records = $records; OldTypesUsable = $oldTypesUsable; Loaded = ($versions | Sort-Object) -join ',' } | ConvertTo-Json -Compress
        }
        $assemblies = @($oldAzureCore, $oldMsal, $oldIdentity, $oldKiota) -join ';'
        $json = Start-FreshPwsh -Command "& { $script } '$assemblies' '$ModuleManifest' '$($emulator.Url)'"
        $LASTEXITCODE | Should -Be 0
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json
        $result.Records | Should -BeGreaterThan 0
        $result.OldTypesUsable | Should -BeTrue
        $result.Loaded | Should -Match 'Azure.Core=1\.36\.0\.0'
        $result.Loaded | Should -Match 'Azure.Identity=1\.10\.0\.0'
        $result.Loaded | Should -Match 'Microsoft.Identity.Client=4\.55\.0\.0'
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
