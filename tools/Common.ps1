# Helpers shared by build.ps1, the demo and the Pester tests.

# Runs a fresh pwsh, the same PowerShell that runs this one, with the given arguments; returns its output.
function Start-FreshPwsh {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    # Under 'dotnet pwsh' the process is dotnet and PowerShell is pwsh.dll in $PSHOME.
    $hostPath = [Environment]::ProcessPath
    $prefix = @(if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    & $hostPath @prefix -NoProfile -NonInteractive @Arguments
}

# Runs a script file in a fresh pwsh and fails when it fails.
function Invoke-Pwsh {
    param(
        [Parameter(Mandatory)] [string] $File,
        [switch] $AllowFailure,
        [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments
    )
    Start-FreshPwsh -File $File @Arguments
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "$File failed with exit code $LASTEXITCODE." }
}

# A TCP port nobody listens on right now.
function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# Starts the emulator on a free loopback port and waits until it answers.
function Start-CallRecordsEmulator {
    param(
        [Parameter(Mandatory)] [string] $EmulatorPath,
        [string[]] $ArgumentList = @(),
        # Also listen with https on this port (give the certificate with --Kestrel:Certificates:Default:* arguments).
        [int] $HttpsPort
    )
    $port = Get-FreeTcpPort
    $url = "http://127.0.0.1:$port"
    $urls = if ($HttpsPort) { "$url;https://127.0.0.1:$HttpsPort" } else { $url }
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($EmulatorPath, '--urls', $urls) + $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try {
            Invoke-RestMethod "$url/_emulator/stats" -TimeoutSec 2 | Out-Null
            break
        }
        catch {
            if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $($process.StandardError.ReadToEnd())" }
            if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw "The emulator did not answer on $url within 30 s." }
            Start-Sleep -Milliseconds 100
        }
    }
    [pscustomobject]@{ Url = $url; Process = $process }
}

function Stop-CallRecordsEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
    $Emulator.Process.Dispose()
}
