# Start-CallRecordsEmulator (tools/Common.ps1), the launcher of the Pester tests, the demo and the benchmark.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Start-CallRecordsEmulator' {
    It 'Fails at once with the exit code and the emulator''s standard error when the emulator refuses an option' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--no-such-flag' } |
            Should -Throw "The emulator exited with code 2 before it was listening. Its standard error: Unknown option '--no-such-flag'.*Usage:*"
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15 -Because 'an emulator that exits at once must not be waited for until the timeout'
    }

    It 'Starts two emulators at once on different ports that the operating system picked' {
        $starts = foreach ($i in 1..2) {
            Start-ThreadJob -ArgumentList $RepositoryRoot, $EmulatorPath -ScriptBlock {
                param($root, $emulatorPath)
                . (Join-Path $root 'tools/Common.ps1')
                Start-CallRecordsEmulator -EmulatorPath $emulatorPath -ArgumentList '--days', '1', '--calls-per-day', '5'
            }
        }
        $emulators = @($starts | Wait-Job -Timeout 60 | Receive-Job)
        try {
            $emulators.Count | Should -Be 2
            $ports = $emulators | ForEach-Object { ([uri]$_.Url).Port }
            $ports[0] | Should -Not -Be $ports[1]
            $ports | Should -Not -Contain 0
            foreach ($emulator in $emulators) {
                (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 0
            }
        }
        finally {
            $emulators | ForEach-Object { Stop-CallRecordsEmulator $_ }
            $starts | Remove-Job -Force
        }
    }
}
