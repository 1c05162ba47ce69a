BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:version = Get-ModuleVersion -Root $RepositoryRoot
}

Describe 'One version' {
    It 'Is the manifest''s ModuleVersion, with this release''s notes from CHANGELOG.md' {
        $manifest = Import-PowerShellDataFile $ModuleManifest
        $manifest.ModuleVersion | Should -Be $version
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Be (Get-ReleaseNotes -Root $RepositoryRoot -Version $version)
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'Is the version of every assembly the module ships: <_>' -ForEach @(
        'CallRecords.dll', 'CallRecords.Models.dll', 'Dependencies/CallRecords.Engine.dll', 'Dependencies/CallRecords.Loader.dll'
    ) {
        $path = Join-Path $ModulePath $_
        [System.Reflection.AssemblyName]::GetAssemblyName($path).Version | Should -Be ([version]"$version.0")
        $info = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($path)
        $info.FileVersion | Should -Be "$version.0"
        ($info.ProductVersion -split '\+')[0] | Should -Be $version
    }

    It 'Is the version of the package' {
        $package = Get-ChildItem (Join-Path $RepositoryRoot 'out/package') -Filter '*.nupkg'
        $package.Name | Should -Be "CallRecords.$version.nupkg"
        $archive = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entry = $archive.Entries | Where-Object FullName -EQ 'CallRecords.nuspec'
            $reader = [System.IO.StreamReader]::new($entry.Open())
            ([xml]$reader.ReadToEnd()).package.metadata.version | Should -Be $version
            $reader.Dispose()
        }
        finally {
            $archive.Dispose()
        }
    }

    It 'Is the version in the User-Agent sent to Graph' {
        $port = Get-FreeTcpPort
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $seen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        $job = Start-ThreadJob -ArgumentList $listener, $seen -ScriptBlock {
            param($listener, $seen)
            while ($listener.IsListening) {
                try { $context = $listener.GetContext() } catch { break }
                $seen.Enqueue($context.Request.UserAgent)
                $context.Response.StatusCode = 404
                $context.Response.Close()
            }
        }
        try {
            $result = Start-FreshPwsh -Command @"
Import-Module '$ModuleManifest'
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint http://127.0.0.1:$port | Out-Null
Get-CallRecord -Id ([guid]::NewGuid()) -ErrorAction SilentlyContinue
"@
            $agents = @($seen.ToArray())
            $agents.Count | Should -BeGreaterThan 0 -Because ($result -join "`n")
            $agents | Sort-Object -Unique | Should -Be "CallRecords-PowerShell/$version"
        }
        finally {
            $listener.Close()
            $job | Wait-Job -Timeout 5 | Out-Null
            $job | Remove-Job -Force
        }
    }
}
