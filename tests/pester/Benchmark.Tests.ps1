# The README's Performance section names every key of out/bench/results.json, scenario by scenario. Read statically:
# the benchmark takes half an hour, and what it writes is fixed by its $results['scenario'] = [ordered]@{ ... } literals.
BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # Scenario name => the keys its [ordered]@{} literal assigns in the benchmark script.
    function Get-BenchmarkKey {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $root 'bench/Invoke-Benchmark.ps1'), [ref]$null, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        $keys = [ordered]@{}
        $assignments = $ast.FindAll({
                param($node)
                $node -is [System.Management.Automation.Language.AssignmentStatementAst] -and
                $node.Left -is [System.Management.Automation.Language.IndexExpressionAst] -and
                $node.Left.Target.VariablePath.UserPath -eq 'results'
            }, $true)
        foreach ($assignment in $assignments) {
            $hashtable = $assignment.Right.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $true)
            $keys[$assignment.Left.Index.Value] = @($hashtable.KeyValuePairs | ForEach-Object { $_.Item1.Value })
        }
        $keys
    }

    # Scenario name => the keys the README's table of scenarios lists for it (rows that start with a `name` cell).
    function Get-ReadmeKey {
        $readme = Get-Content (Join-Path $root 'README.md') -Raw
        $section = [regex]::Match($readme, '(?ms)^## Performance\s*$(.*?)(?=^## )').Groups[1].Value
        $keys = [ordered]@{}
        foreach ($row in [regex]::Matches($section, '(?m)^\| `(?<scenario>[a-z_]+)` \|(?<cells>.*)\|\s*$')) {
            $lastCell = ($row.Groups['cells'].Value -split '\|')[-1]
            $keys[$row.Groups['scenario'].Value] = @([regex]::Matches($lastCell, '`([a-z0-9_]+)`') | ForEach-Object { $_.Groups[1].Value })
        }
        $keys
    }
}

Describe 'Benchmark documentation' {
    It 'Names the scenarios of results.json' {
        @((Get-ReadmeKey).Keys) | Should -Be @((Get-BenchmarkKey).Keys)
    }

    It 'Names every key of each scenario, in the order results.json has them' {
        $readme = Get-ReadmeKey
        foreach ($scenario in (Get-BenchmarkKey).GetEnumerator()) {
            $readme[$scenario.Key] | Should -Be $scenario.Value -Because "the README lists the keys of $($scenario.Key)"
        }
    }
}
