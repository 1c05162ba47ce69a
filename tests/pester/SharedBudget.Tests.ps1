BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '83', '--days', '6'
    $script:folder = Join-Path $TestDrive 'budgets'
    $script:previousFolder = $env:CALLRECORDS_BUDGET_FOLDER
    $script:to = [datetime]::UtcNow.Date
    $script:from = $to.AddDays(-5)

    # A fresh pwsh running a script file, with the budget folder of this test; the caller disposes it.
    function Start-PwshProcess([string] $Script, [switch] $RedirectOutput) {
        $hostPath = [Environment]::ProcessPath
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($hostPath)
        if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $Script) { $startInfo.ArgumentList.Add($argument) }
        $startInfo.Environment['CALLRECORDS_BUDGET_FOLDER'] = $folder
        $startInfo.RedirectStandardOutput = $RedirectOutput.IsPresent
        [System.Diagnostics.Process]::Start($startInfo)
    }
}

AfterAll {
    $env:CALLRECORDS_BUDGET_FOLDER = $previousFolder
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Per-app budgets shared by the processes of one machine' {
    It 'Two processes pulling the same tenant at once draw no 429 and together stay within the per-app limit' {
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/throttling/reset" | Out-Null
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        $expected = @(Get-TruthIds $emulator callRecords $from $to).Count
        $processes = foreach ($name in 'scheduled', 'prompt') {
            $output = Join-Path $TestDrive "$name.txt"
            $script = Join-Path $TestDrive "$name.ps1"
            Set-Content $script @"
Import-Module '$ModuleManifest'
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint '$($emulator.Url)' | Out-Null
`$count = @(Get-CallRecord -StartDateTime ([datetime]'$($from.ToString('o'))') -EndDateTime ([datetime]'$($to.ToString('o'))') -ExpandSessions).Count
Set-Content '$output' `$count
"@
            [pscustomobject]@{ Output = $output; Process = Start-PwshProcess $script }
        }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        foreach ($started in $processes) {
            $started.Process.WaitForExit(600000) | Should -BeTrue
            $started.Process.ExitCode | Should -Be 0
            $started.Process.Dispose()
        }
        $seconds = $clock.Elapsed.TotalSeconds

        $stats = Invoke-RestMethod "$($emulator.Url)/_emulator/stats"
        foreach ($started in $processes) { [int](Get-Content $started.Output) | Should -Be $expected }
        $stats.throttled | Should -Be 0
        $stats.requests | Should -BeGreaterThan 1500 -Because 'together they must ask for more than one window of the per-app limit holds'
        $stats.peakInWindow.'callRecords:app' | Should -BeLessOrEqual 1500
        @(Get-ChildItem $folder -Filter '*.budget').Count | Should -Be 1
        Write-Host ("    two processes: {0} requests in {1:N1} s ({2:N1} a second), busiest 20 s {3} of 1,500, {4} x 429" -f $stats.requests, $seconds, ($stats.requests / $seconds), $stats.peakInWindow.'callRecords:app', $stats.throttled)
    }

    It 'A process killed while it holds the budget file leaves it to the others' {
        $file = (Get-ChildItem $folder -Filter '*.budget' | Select-Object -First 1).FullName
        $holder = Join-Path $TestDrive 'holder.ps1'
        Set-Content $holder @"
`$held = [System.IO.File]::Open('$file', 'Open', 'ReadWrite', 'None')
'held'
Start-Sleep -Seconds 120
"@
        $process = Start-PwshProcess $holder -RedirectOutput
        try {
            $process.StandardOutput.ReadLine() | Should -Be 'held'
        }
        finally {
            $process.Kill($true)
            $process.WaitForExit()
            $process.Dispose()
        }

        $env:CALLRECORDS_BUDGET_FOLDER = $folder
        Connect-TestEmulator $emulator | Out-Null
        $id = (Get-TruthIds $emulator callRecords $from $to)[0]
        $debug = & { $DebugPreference = 'Continue'; Get-CallRecord -Id $id } 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $debug.Message | Should -Contain "Per-app budgets are shared with this user's other CallRecords processes on this machine through $file."
        $debug.Message | Where-Object { $_ -match 'is not used' } | Should -BeNullOrEmpty
    }
}
