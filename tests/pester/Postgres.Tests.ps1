BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'Postgres.ps1')
}

Describe 'Start-TestPostgres' {
    BeforeAll { $script:server = Start-TestPostgres -Database calls }
    AfterAll { if ($server) { Stop-TestPostgres $server } }

    It 'Runs PostgreSQL 15 or later from its own folder under out/postgres (or /tmp when out/ is closed to its user), on the port it returns' {
        $server.DataDirectory | Split-Path -Parent | Should -Be (Get-TestPostgresFolder)
        Invoke-TestPostgresQuery $server 'SHOW data_directory' | Should -Be $server.DataDirectory
        Invoke-TestPostgresQuery $server 'SHOW port' | Should -Be $server.Port
        [int](Invoke-TestPostgresQuery $server 'SHOW server_version_num') | Should -BeGreaterOrEqual 150000
    }

    It 'Creates the database it is given and names it in the connection string' {
        Invoke-TestPostgresQuery $server 'SELECT current_database()' | Should -Be 'calls'
        $server.ConnectionString | Should -Be "Host=127.0.0.1;Port=$($server.Port);Username=postgres;Database=calls"
    }

    It 'Keeps a table created with psql, with its rows' {
        Invoke-TestPostgresQuery $server "CREATE TABLE call (id text PRIMARY KEY, minutes int); INSERT INTO call VALUES ('a', 3), ('b', 4)"
        Invoke-TestPostgresQuery $server 'SELECT id, minutes FROM call ORDER BY id' | Should -Be 'a|3', 'b|4'
    }

    It 'Fails with psql''s error when the SQL fails' {
        { Invoke-TestPostgresQuery $server 'SELECT * FROM no_such_table' } | Should -Throw '*no_such_table*'
    }
}

Describe 'Start-TestPostgres when its port is taken' {
    BeforeAll {
        # Something else listens on the port Get-FreeTcpPort hands out first, as when another program takes it
        # between the check and the server's start.
        $script:taken = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $taken.Start()
    }
    AfterAll { $taken.Stop() }

    It 'Starts on another port' {
        $script:ports = 0
        Mock Get-FreeTcpPort {
            $script:ports++
            if ($ports -eq 1) { return $taken.LocalEndpoint.Port }
            $free = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $free.Start()
            try { $free.LocalEndpoint.Port } finally { $free.Stop() }
        }
        $server = Start-TestPostgres
        try {
            $server.Port | Should -Not -Be $taken.LocalEndpoint.Port
            Invoke-TestPostgresQuery $server 'SHOW port' | Should -Be $server.Port
            Get-Content (Join-Path $server.DataDirectory 'server.log') -Raw | Should -BeLike '*Address already in use*'
        }
        finally { Stop-TestPostgres $server }
    }

    It 'Gives up after five ports with the server''s log, and deletes the folder' {
        Mock Get-FreeTcpPort { $taken.LocalEndpoint.Port }
        $before = @(Get-ChildItem (Get-TestPostgresFolder) -ErrorAction Ignore).Name
        { Start-TestPostgres } | Should -Throw "PostgreSQL did not start on port $($taken.LocalEndpoint.Port)*Its log*Address already in use*"
        Should -Invoke Get-FreeTcpPort -Exactly 5
        @(Get-ChildItem (Get-TestPostgresFolder) -ErrorAction Ignore).Name | Should -Be $before
    }
}

Describe 'Stop-TestPostgres' {
    It 'Stops the server, so nothing listens on its port, and deletes its folder' {
        $server = Start-TestPostgres
        try {
            Invoke-TestPostgresQuery $server 'CREATE TABLE t (x int)'
            Test-Path (Join-Path $server.DataDirectory 'server.log') | Should -BeTrue
        }
        finally { Stop-TestPostgres $server }

        Test-Path $server.DataDirectory | Should -BeFalse
        $client = [System.Net.Sockets.TcpClient]::new()
        try { { $client.Connect('127.0.0.1', $server.Port) } | Should -Throw } finally { $client.Dispose() }
    }
}
