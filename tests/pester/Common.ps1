# Dot-sourced by every Pester file: the built module's path and the emulator helpers.
$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModulePath = if ($env:CALLRECORDS_MODULE_PATH) { $env:CALLRECORDS_MODULE_PATH } else { Join-Path $RepositoryRoot 'out/CallRecords' }
$script:ModuleManifest = Join-Path $ModulePath 'CallRecords.psd1'
$script:EmulatorPath = Join-Path $RepositoryRoot 'out/emulator/CallRecords.Emulator.dll'
. (Join-Path $RepositoryRoot 'tools/Common.ps1')

function Connect-TestEmulator {
    param([Parameter(Mandatory)] $Emulator, [string] $Token = 'test-token')
    # The emulator's tokens are not JWTs, so the tenant is given; the emulator says which it is.
    $tenant = (Invoke-RestMethod "$($Emulator.Url)/_emulator/tenant").tenantId
    Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force) -TenantId $tenant -GraphEndpoint $Emulator.Url
}

function Get-TruthIds {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Kind, [datetime] $From, [datetime] $To)
    $query = "from=$([uri]::EscapeDataString($From.ToUniversalTime().ToString('o')))&to=$([uri]::EscapeDataString($To.ToUniversalTime().ToString('o')))"
    (Invoke-RestMethod "$($Emulator.Url)/_emulator/truth/$($Kind)?$query").ids
}

# Waits until something accepts connections on the prefix's port (a receiver started in a job).
function Wait-Listening {
    param([Parameter(Mandatory)] [string] $Prefix)
    $uri = [uri]$Prefix
    $deadline = [datetime]::UtcNow.AddSeconds(15)
    while ([datetime]::UtcNow -lt $deadline) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect($uri.Host, $uri.Port); return }
        catch { [System.Threading.Thread]::Sleep(50) }
        finally { $client.Dispose() }
    }
    throw "Nothing listens on $Prefix"
}

# A loopback server that answers every request with one Graph error status, for statuses the emulator has no
# reason to send (406, 409), or with one -Body (a page in a shape the emulator never serves). Stop it with
# Stop-StatusServer.
function Start-StatusServer {
    param([Parameter(Mandatory)] [int] $Status, [Parameter(Mandatory)] [string] $Code, [string] $Body)
    $port = Get-FreeTcpPort
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $job = Start-ThreadJob -ArgumentList $listener, $Status, $Code, $Body -ScriptBlock {
        param($listener, $status, $code, $text)
        if (-not $text) { $text = "{`"error`":{`"code`":`"$code`",`"message`":`"The emulated service answered $status.`"}}" }
        $body = [Text.Encoding]::UTF8.GetBytes($text)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $context.Response.StatusCode = $status
            $context.Response.ContentType = 'application/json'
            $context.Response.OutputStream.Write($body, 0, $body.Length)
            $context.Response.Close()
        }
    }
    [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Listener = $listener; Job = $job }
}

function Stop-StatusServer {
    param([Parameter(Mandatory)] $Server)
    $Server.Listener.Close()
    $Server.Job | Wait-Job -Timeout 5 | Out-Null
    $Server.Job | Remove-Job -Force
}

# Runs a beta call log command three times in a fresh pwsh (a new session) and returns, as one object, how many
# warnings each run wrote and the warnings themselves.
function Get-BetaWarning {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Command)
    $script = @"
Import-Module '$ModuleManifest'
Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint '$($Emulator.Url)' | Out-Null
`$to = [datetime]::UtcNow.Date
`$runs = foreach (`$i in 1..3) { `$null = $Command -From `$to.AddDays(-2) -To `$to -WarningVariable w -WarningAction SilentlyContinue; ,@(`$w | ForEach-Object { "`$_" }) }
[pscustomobject]@{ Counts = @(`$runs | ForEach-Object { `$_.Count }); Warnings = @(`$runs | ForEach-Object { `$_ }) } | ConvertTo-Json -Compress
"@
    Start-FreshPwsh -Command $script | Select-Object -Last 1 | ConvertFrom-Json
}
