BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:cmdlets = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'CallRecords module' {
    It 'Exports exactly the cmdlets its manifest lists' {
        $exported = (Get-Command -Module CallRecords).Name | Sort-Object
        $exported | Should -Be ((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object)
    }

    It 'Declares only what is tested: PowerShell 7.4 or later, Core edition' {
        $manifest = Test-ModuleManifest $ModuleManifest
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'Loads no Graph, Kiota, Azure, MSAL or Parquet assembly on import: they wait for the first command' {
        $names = Start-FreshPwsh -Command "Import-Module '$ModuleManifest'; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name"
        $names | Should -Contain 'CallRecords'
        $names | Where-Object { $_ -match '^(Microsoft\.Graph|Microsoft\.Kiota|Azure\.|Microsoft\.Identity\.|Parquet|Apache\.Arrow|CallRecords\.Engine)' } | Should -BeNullOrEmpty
    }

    Context '<_>' -ForEach $cmdlets {
        BeforeAll {
            $script:help = Get-Help $_ -Full
            $script:command = Get-Command $_
        }

        It 'Has a synopsis and a description' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match '^\s*\S+ \[' # the generated syntax stand-in when help is missing
            ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
        }

        It 'Describes every parameter' {
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
                $described = $help.parameters.parameter | Where-Object name -eq $name
                ($described.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
            }
        }

        It 'Has at least two examples with code' {
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
            $help.examples.example | ForEach-Object { $_.code | Should -Not -BeNullOrEmpty }
        }

        It 'Declares an output type' {
            $command.OutputType | Should -Not -BeNullOrEmpty
        }

        It 'Has a table or list view for what it returns' {
            foreach ($type in $command.OutputType.Type | Where-Object { $_ -ne [void] }) {
                Get-FormatData -TypeName $type.FullName | Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a view"
            }
        }
    }
}
