# The .nupkg from 'build.ps1 -Task Package' installs with Install-PSResource from a folder repository.
# Everything runs under a throwaway HOME, so the user's repositories and modules are untouched. XDG_DATA_HOME
# follows HOME because PSResourceGet installs under ~/.local/share whatever XDG_DATA_HOME says.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:packageDirectory = Join-Path $RepositoryRoot 'out/package'
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '5'
}

AfterAll {
    Stop-CallRecordsEmulator $emulator
}

Describe 'Module package' {
    It 'Installs from a local repository with Install-PSResource, imports and runs a command' {
        $package = Get-ChildItem $packageDirectory -Filter 'CallRecords.*.nupkg' | Select-Object -First 1
        $package | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test packs the module before Pester runs'
        $scratchHome = Join-Path $TestDrive 'home'
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CallRecordsTest -Uri '$packageDirectory' -Trusted
Install-PSResource -Name CallRecords -Repository CallRecordsTest -Scope CurrentUser -TrustRepository
Import-Module CallRecords
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint '$($emulator.Url)' | Out-Null
`$count = @(Get-CallRecord -From ([datetime]::UtcNow.Date.AddDays(-1)) -To ([datetime]::UtcNow.Date)).Count
"`$((Get-Module CallRecords).ModuleBase)|`$count"
"@
        $saved = @{}
        $environment = @{ HOME = $scratchHome; XDG_DATA_HOME = "$scratchHome/.local/share"; XDG_CONFIG_HOME = "$scratchHome/config"; XDG_CACHE_HOME = "$scratchHome/cache"; PSModulePath = $null }
        # .NET reports a special folder only when it exists; a missing one makes PSResourceGet write relative to the current directory.
        $environment.Values | Where-Object { $_ } | ForEach-Object { New-Item -ItemType Directory -Path $_ -Force | Out-Null }
        foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
        try {
            $output = Start-FreshPwsh -Command $script
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        $LASTEXITCODE | Should -Be 0
        $base, $count = ($output | Select-Object -Last 1) -split '\|'
        $base | Should -BeLike "$scratchHome*"
        [int]$count | Should -BeGreaterThan 0
    }
}
