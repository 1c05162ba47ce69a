BeforeDiscovery {
    $script:tasks = 'Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean', 'Bootstrap'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:buildScript = Join-Path $RepositoryRoot 'build.ps1'

    # The command lines a task prints in a dry run, each as its elements (program first), as PowerShell parses them back.
    function Get-DryRunCommand {
        param([Parameter(Mandatory)] [string[]] $Arguments)
        $output = Start-FreshPwsh -File $buildScript @Arguments -DryRun | ForEach-Object { $_ -replace '\e\[[\d;]*m', '' }
        $exit = $LASTEXITCODE
        $lines = $output | Where-Object { $_ -like '> *' } | ForEach-Object { $_.Substring(2) }
        $commands = foreach ($line in $lines) {
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($line, [ref]$tokens, [ref]$errors)
            if ($errors) { throw "A printed command line does not parse: $line" }
            $elements = $ast.EndBlock.Statements[0].PipelineElements[0].CommandElements | ForEach-Object {
                if ($_ -is [System.Management.Automation.Language.CommandParameterAst]) { "-$($_.ParameterName)" }
                elseif ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Value }
                else { $_.Extent.Text }
            }
            , [string[]]@($elements)
        }
        [pscustomobject]@{ ExitCode = $exit; Commands = @($commands); Output = $output }
    }

    # The script a pwsh command line runs (after -File) and the arguments it passes.
    function Get-ScriptCall([string[]] $Command) {
        $file = [array]::IndexOf($Command, '-File')
        if ($file -lt 0) { return $null }
        [pscustomobject]@{ Path = $Command[$file + 1]; Arguments = @($Command | Select-Object -Skip ($file + 2)) }
    }

    # Binds the arguments to the script's declared parameters as PowerShell would: every argument is a named
    # parameter of the script, a switch takes no value, any other parameter exactly one non-empty value, and every
    # mandatory parameter is given. Returns the problems found.
    function Test-ScriptBinding([string] $Path, [string[]] $Arguments) {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null)
        $declared = @{}
        foreach ($parameter in $ast.ParamBlock.Parameters) {
            $mandatory = [bool]($parameter.Attributes | Where-Object { $_.TypeName.Name -eq 'Parameter' } |
                    ForEach-Object { $_.NamedArguments | Where-Object { $_.ArgumentName -eq 'Mandatory' } })
            $declared[$parameter.Name.VariablePath.UserPath] = [pscustomobject]@{ Switch = $parameter.StaticType -eq [switch]; Mandatory = $mandatory }
        }
        $given = @{}
        for ($i = 0; $i -lt $Arguments.Count; $i++) {
            $argument = $Arguments[$i]
            if ($argument -notlike '-*') { "'$argument' is passed by position"; continue }
            $name = $argument.Substring(1)
            if (-not $declared.ContainsKey($name)) { "$Path has no parameter -$name"; continue }
            $given[$name] = $true
            if ($declared[$name].Switch) { continue }
            $value = if ($i + 1 -lt $Arguments.Count) { $Arguments[$i + 1] }
            if ([string]::IsNullOrEmpty($value) -or $value -like '-*') { "-$name has no value"; continue }
            $i++
        }
        foreach ($name in $declared.Keys) {
            if ($declared[$name].Mandatory -and -not $given[$name]) { "the mandatory -$name is missing" }
        }
    }
}

Describe 'build.ps1 -DryRun' {
    Context '-Task <_>' -ForEach $tasks {
        BeforeAll { $script:run = Get-DryRunCommand -Arguments '-Task', $_ }

        It 'Succeeds and prints the commands it would run' {
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
            # Bootstrap runs something only where a program is missing.
            if ($_ -ne 'Bootstrap') { $run.Commands.Count | Should -BeGreaterThan 0 -Because ($run.Output -join "`n") }
        }

        It 'Passes every script it runs arguments that bind to that script''s parameters' {
            foreach ($command in $run.Commands) {
                $call = Get-ScriptCall $command
                if (-not $call) { continue }
                Test-Path $call.Path | Should -BeTrue -Because "$($call.Path) must exist"
                Test-ScriptBinding $call.Path $call.Arguments | Should -BeNullOrEmpty -Because ($command -join ' ')
            }
        }

        It 'Names only projects and folders that exist' {
            foreach ($command in $run.Commands | Where-Object { $_[0] -eq 'dotnet' -and $_[1] -in 'build', 'publish', 'test', 'restore' }) {
                Test-Path $command[2] | Should -BeTrue -Because ($command -join ' ')
            }
        }
    }

    It 'Passes -Quick to the benchmark only when it is given' {
        $full = (Get-DryRunCommand -Arguments '-Task', 'Bench').Commands | ForEach-Object { Get-ScriptCall $_ } | Where-Object Path -Like '*Invoke-Benchmark.ps1'
        $quick = (Get-DryRunCommand -Arguments '-Task', 'Bench', '-Quick').Commands | ForEach-Object { Get-ScriptCall $_ } | Where-Object Path -Like '*Invoke-Benchmark.ps1'
        @($full).Count | Should -Be 1
        @($quick).Count | Should -Be 1
        $full.Arguments | Should -Not -Contain '-Quick'
        $quick.Arguments | Should -Contain '-Quick'
        Test-ScriptBinding $quick.Path $quick.Arguments | Should -BeNullOrEmpty
    }

    It 'Tests every xunit project and then Pester, after building the module and the package' {
        $commands = (Get-DryRunCommand -Arguments '-Task', 'Test').Commands
        $lines = $commands | ForEach-Object { $_ -join ' ' }
        foreach ($project in Get-ChildItem (Join-Path $RepositoryRoot 'tests') -Filter '*.Tests.csproj' -Recurse) {
            @($commands | Where-Object { $_[0] -eq 'dotnet' -and $_[1] -eq 'test' -and $_[2] -eq $project.FullName }).Count | Should -Be 1 -Because $project.Name
        }
        $module = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like '*Build-Module.ps1*' })
        $package = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like '*New-ModulePackage.ps1*' })
        $pester = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like '*Invoke-PesterTests.ps1*' })
        $module | Should -BeGreaterOrEqual 0
        $package | Should -BeGreaterThan $module
        $pester | Should -BeGreaterThan $package
    }

    It 'Changes nothing: Clean leaves the built module in place' {
        $manifest = Get-Item $ModuleManifest
        (Get-DryRunCommand -Arguments '-Task', 'Clean').ExitCode | Should -Be 0
        (Get-Item $ModuleManifest).LastWriteTimeUtc | Should -Be $manifest.LastWriteTimeUtc
    }
}
