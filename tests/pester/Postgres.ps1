# Dot-sourced by the Pester files that need a real PostgreSQL server: the same private server as
# tests/TestSupport/PostgresServer.cs gives xunit. A fresh cluster in its own folder (Get-TestPostgresFolder), on a free
# loopback port, trusting the postgres user; Stop-TestPostgres stops it and deletes the folder. PostgreSQL refuses to
# run as root, so as root the cluster belongs to the postgres user and initdb and pg_ctl run through runuser; clients
# (createdb, psql) run as whoever runs the tests, over TCP.
. (Join-Path $PSScriptRoot '../../tools/Common.ps1')

# Debian installs each major version side by side in /usr/lib/postgresql/<version>/bin and puts only clients on PATH,
# so the newest there wins; elsewhere pg_config knows, or initdb is on PATH.
function Get-PostgresBinDirectory {
    $newest = Get-ChildItem /usr/lib/postgresql -Directory -ErrorAction Ignore |
        Where-Object { $_.Name -match '^\d+$' -and (Test-Path (Join-Path $_.FullName 'bin/initdb')) } |
        Sort-Object { [int]$_.Name } -Descending | Select-Object -First 1
    if ($newest) { return Join-Path $newest.FullName 'bin' }
    if (Get-Command pg_config -CommandType Application -ErrorAction Ignore) {
        $bindir = (& pg_config --bindir | Out-String).Trim()
        if ($LASTEXITCODE -eq 0 -and (Test-Path (Join-Path $bindir 'initdb'))) { return $bindir }
    }
    $initdb = Get-Command initdb -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($initdb) {
        # A link on PATH (such as /usr/local/bin/initdb) leads to the folder that also holds pg_ctl and postgres.
        $target = (Get-Item $initdb.Source).ResolveLinkTarget($true)
        return Split-Path $(if ($target) { $target.FullName } else { $initdb.Source }) -Parent
    }
    throw 'PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin, from pg_config or on PATH). Run ./build.ps1 -Task Bootstrap to install it.'
}

# The folder the clusters go in, as TestSupport/PostgresServer.cs chooses it: out/postgres, unless this is root and the
# server, which then runs as the postgres user, cannot reach it (a clone in a folder closed to others, as mktemp -d
# makes); then /tmp/callrecords-postgres, since everyone can enter /tmp.
function Get-TestPostgresFolder {
    $inRepository = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/postgres'))
    if (-not [Environment]::IsPrivilegedProcess) { return $inRepository }
    for ($folder = [System.IO.DirectoryInfo]::new($inRepository); $folder; $folder = $folder.Parent) {
        if ($folder.Exists -and -not ($folder.UnixFileMode -band [System.IO.UnixFileMode]::OtherExecute)) { return '/tmp/callrecords-postgres' }
    }
    $inRepository
}

# Runs one of the server's programs (initdb, pg_ctl): as the postgres user when this is root. Returns the exit code
# and the output, errors included.
function Invoke-PostgresServerProgram {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string[]] $ArgumentList)
    # Somewhere the postgres user may enter: programs run as it complain when they cannot.
    Push-Location /
    try {
        $output = if ([Environment]::IsPrivilegedProcess) { & runuser -u postgres -- $Path @ArgumentList 2>&1 } else { & $Path @ArgumentList 2>&1 }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String).Trim() }
    }
    finally { Pop-Location }
}

# Creates a cluster under out/postgres, starts its server on a free port and creates an empty database in it.
# Returns Port, DataDirectory (which holds server.log), BinDirectory, Database and ConnectionString (for Npgsql, as
# the postgres user). Fails when PostgreSQL is not installed or the server does not start (the error holds its log).
function Start-TestPostgres {
    param([ValidatePattern('^[a-z_][a-z0-9_]{0,62}$')] [string] $Database = 'test')
    $bin = Get-PostgresBinDirectory
    $dataDirectory = Join-Path (Get-TestPostgresFolder) "$PID-$(([guid]::NewGuid().ToString('N')).Substring(0, 12))"
    $dataDirectory = [System.IO.Path]::GetFullPath($dataDirectory)
    New-Item -ItemType Directory -Path $dataDirectory | Out-Null
    $log = Join-Path $dataDirectory 'server.log'
    $server = $null
    try {
        if ([Environment]::IsPrivilegedProcess) {
            & chown postgres:postgres $dataDirectory
            if ($LASTEXITCODE -ne 0) { throw "chown postgres $dataDirectory failed with exit code $LASTEXITCODE." }
        }
        # No locale and no fsync: the same cluster on every machine, and a quick one; tests need no durability.
        $initdb = Invoke-PostgresServerProgram (Join-Path $bin 'initdb') '-D', $dataDirectory, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'
        if ($initdb.ExitCode -ne 0) { throw "initdb failed with exit code $($initdb.ExitCode): $($initdb.Output)" }
        for ($attempt = 1; -not $server; $attempt++) {
            $port = Get-FreeTcpPort
            $start = Invoke-PostgresServerProgram (Join-Path $bin 'pg_ctl') '-D', $dataDirectory, 'start', '-w', '-t', '60', '-l', $log,
            '-o', "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c full_page_writes=off"
            if ($start.ExitCode -eq 0) {
                $server = [pscustomobject]@{ Port = $port; DataDirectory = $dataDirectory; BinDirectory = $bin; Database = $Database; ConnectionString = "Host=127.0.0.1;Port=$port;Username=postgres;Database=$Database" }
                continue
            }
            # pg_ctl gives up after its timeout but leaves a slow server running, so stop it before retrying or failing.
            Invoke-PostgresServerProgram (Join-Path $bin 'pg_ctl') '-D', $dataDirectory, 'stop', '-m', 'immediate', '-w' | Out-Null
            $text = if (Test-Path $log) { (Get-Content $log -Raw).Trim() } else { '(no log was written)' }
            # Another program can take the port between Get-FreeTcpPort releasing it and the server binding it.
            if ($attempt -lt 5 -and $text -match 'Address already in use') { continue }
            throw "PostgreSQL did not start on port $port (pg_ctl exited with $($start.ExitCode)): $($start.Output)`nIts log ($log):`n$text"
        }
        $created = & (Join-Path $bin 'createdb') -h 127.0.0.1 -p $server.Port -U postgres $Database 2>&1
        if ($LASTEXITCODE -ne 0) { throw "createdb $Database failed with exit code $($LASTEXITCODE): $created" }
        $server
    }
    catch {
        if ($server) { Stop-TestPostgres $server } else { Remove-Item $dataDirectory -Recurse -Force }
        throw
    }
}

# Runs SQL with psql in the server's database (or -Database) and returns psql's rows, unaligned and without headers:
# one string a row, columns separated by |. Fails with psql's errors when the SQL fails.
function Invoke-TestPostgresQuery {
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Sql, [string] $Database = $Server.Database)
    $output = & (Join-Path $Server.BinDirectory 'psql') -h 127.0.0.1 -p $Server.Port -U postgres -d $Database -X -A -t -q -v ON_ERROR_STOP=1 -c $Sql 2>&1
    if ($LASTEXITCODE -ne 0) { throw "psql failed with exit code $($LASTEXITCODE): $($output | Out-String)" }
    $output | ForEach-Object { "$_" }
}

# Stops the server (fast shutdown: open sessions are ended, then immediate if that fails) and deletes its folder.
function Stop-TestPostgres {
    param([Parameter(Mandatory)] $Server)
    $pgCtl = Join-Path $Server.BinDirectory 'pg_ctl'
    $fast = Invoke-PostgresServerProgram $pgCtl '-D', $Server.DataDirectory, 'stop', '-m', 'fast', '-w', '-t', '30'
    if ($fast.ExitCode -ne 0) {
        $immediate = Invoke-PostgresServerProgram $pgCtl '-D', $Server.DataDirectory, 'stop', '-m', 'immediate', '-w', '-t', '30'
        # pg_ctl status exits with 3 when no server runs: one that had died already is no reason to fail.
        if ($immediate.ExitCode -ne 0 -and (Invoke-PostgresServerProgram $pgCtl '-D', $Server.DataDirectory, 'status').ExitCode -ne 3) {
            throw "PostgreSQL on port $($Server.Port) did not stop; its folder $($Server.DataDirectory) is left. pg_ctl said: $($fast.Output) $($immediate.Output)"
        }
    }
    Remove-Item $Server.DataDirectory -Recurse -Force
}
