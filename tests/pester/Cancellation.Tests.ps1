# Ctrl+C in a real terminal (a tmux pane) stops a long pull at once and leaves no request running.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '95', '--latency-ms', '400'
    $script:session = 'callrecords-cancel-' + $PID
    # CI has no terminal of its own; tmux only needs a terminal type to draw its panes.
    if (-not $env:TERM) { $env:TERM = 'xterm' }
}

AfterAll {
    tmux kill-session -t $session 2>$null
    Stop-CallRecordsEmulator $emulator
}

Describe 'Ctrl+C' {
    It 'Stops a long pull within 2 seconds in a terminal, with no request left in flight' {
        $command = "Import-Module '$ModuleManifest'; Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $($emulator.Url) | Out-Null; Get-CallRecord | Get-CallRecord -ExpandSessions | ForEach-Object { 'ROW ' + `$_.Id }"
        tmux new-session -d -s $session -x 200 -y 50
        tmux set-option -t $session remain-on-exit on | Out-Null
        tmux respawn-pane -k -t $session "dotnet '$(Join-Path $PSHOME 'pwsh.dll')' -NoProfile -Command `"$($command -replace '"', '\"')`""

        # Wait for the first rows on screen: the pull is under way.
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        while ([datetime]::UtcNow -lt $deadline -and -not ((tmux capture-pane -p -t $session) -match 'ROW ')) { [System.Threading.Thread]::Sleep(50) }
        (tmux capture-pane -p -t $session) -match 'ROW ' | Should -Not -BeNullOrEmpty -Because 'rows must be arriving before Ctrl+C'

        $clock = [Diagnostics.Stopwatch]::StartNew()
        tmux send-keys -t $session C-c
        while ($clock.Elapsed.TotalSeconds -lt 10 -and (tmux display -p -t $session '#{pane_dead}') -ne '1') { [System.Threading.Thread]::Sleep(20) }
        $clock.Stop()

        (tmux display -p -t $session '#{pane_dead}') | Should -Be '1'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        $inFlight = (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").inFlight
        $waited = [Diagnostics.Stopwatch]::StartNew()
        while ($inFlight -gt 0 -and $waited.Elapsed.TotalSeconds -lt 2) { $inFlight = (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").inFlight }
        $inFlight | Should -Be 0
    }
}
