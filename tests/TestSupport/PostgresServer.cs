using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace CallRecords.TestSupport;

/// <summary>
/// A private PostgreSQL server: a fresh cluster in its own folder under out/postgres (see ClustersFolder), listening on a free loopback
/// port and trusting the postgres user, stopped and deleted by <see cref="Dispose"/> (or when the test process exits).
/// PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user and initdb and pg_ctl run
/// through runuser. Clients (createdb) run as whoever runs the tests: they only connect over TCP.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The superuser initdb creates; the cluster trusts it, so no password is needed.</summary>
    public const string User = "postgres";

    private const int StartAttempts = 5;
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(90);
    private static readonly Regex s_databaseName = new("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant);
    private static readonly ConcurrentDictionary<PostgresServer, bool> s_running = new();
    private int _disposed;

    static PostgresServer()
    {
        // A test run that ends without disposing a server (a crash in a fixture, Ctrl+C) still stops it, so no
        // postgres outlives the tests.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in s_running.Keys)
            {
                server.Dispose();
            }
        };
    }

    private PostgresServer(string binDirectory, string dataDirectory, int port)
    {
        BinDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
    }

    /// <summary>Gets the loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the cluster's folder, out/postgres/&lt;process id&gt;-&lt;random&gt;lt;ClustersFolderout/postgres/&lt;process id&gt;-&lt;random&gt;gt;/out/postgres/&lt;process id&gt;-&lt;random&gt;lt;process idout/postgres/&lt;process id&gt;-&lt;random&gt;gt;-out/postgres/&lt;process id&gt;-&lt;random&gt;lt;randomout/postgres/&lt;process id&gt;-&lt;random&gt;gt;; it holds the server's log, server.log.</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the folder of the PostgreSQL programs used (initdb, pg_ctl, createdb, psql).</summary>
    public string BinDirectory { get; }

    /// <summary>Gets the path of the server's log.</summary>
    public string LogPath => Path.Combine(DataDirectory, "server.log");

    [UnsupportedOSPlatformGuard("windows")]
    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    /// <summary>
    /// Creates a cluster in <see cref="ClustersFolder"/> and starts its server on a free port; returns once it accepts connections.
    /// Throws when PostgreSQL is not installed, or when the server does not start (the message holds its log).
    /// </summary>
    public static PostgresServer Start()
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin, from pg_config or on PATH). Run ./build.ps1 -Task Bootstrap to install it.");
        var dataDirectory = Path.Combine(ClustersFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(dataDirectory);
        try
        {
            if (IsRoot)
            {
                RunOrThrow(FindOnPath("chown") ?? "chown", new[] { User + ":" + User, dataDirectory }, asServerUser: false);
            }

            // No locale and no fsync: the same cluster on every machine, and a quick one; tests need no durability.
            RunOrThrow(Path.Combine(binDirectory, "initdb"),
                new[] { "-D", dataDirectory, "-A", "trust", "-U", User, "-E", "UTF8", "--no-locale", "--no-sync" }, asServerUser: true);
            for (var attempt = 1; ; attempt++)
            {
                var port = Loopback.FreePort();
                var server = new PostgresServer(binDirectory, dataDirectory, port);
                var start = server.PgCtl("start", "-w", "-t", "60", "-l", server.LogPath,
                    "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c full_page_writes=off");
                if (start.ExitCode == 0)
                {
                    s_running[server] = true;
                    return server;
                }

                // pg_ctl gives up after its timeout but leaves a slow server running, so stop it before retrying or failing.
                server.PgCtl("stop", "-m", "immediate", "-w");
                var log = server.ReadLog();

                // Another program can take the port between FreePort releasing it and the server binding it.
                if (attempt < StartAttempts && log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    continue;
                }

                throw new InvalidOperationException(
                    $"PostgreSQL did not start on port {port} (pg_ctl exited with {start.ExitCode}): {start.Output.Trim()}{Environment.NewLine}Its log ({server.LogPath}):{Environment.NewLine}{log}");
            }
        }
        catch
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>A connection string for Npgsql to <paramref name="database"/> on this server, as the postgres user.</summary>
    public string ConnectionStringFor(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database}";

    /// <summary>
    /// Creates an empty database and returns its connection string. The name takes lowercase letters, digits and
    /// underscores only, so SQL and connection strings can use it without quoting.
    /// </summary>
    public string CreateDatabase(string name)
    {
        if (!s_databaseName.IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lowercase database name.", nameof(name));
        }

        RunOrThrow(Path.Combine(BinDirectory, "createdb"), new[] { "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, name }, asServerUser: false);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, then immediate if that fails) and deletes its folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        s_running.TryRemove(this, out _);
        var fast = PgCtl("stop", "-m", "fast", "-w", "-t", "30");
        if (fast.ExitCode != 0)
        {
            var immediate = PgCtl("stop", "-m", "immediate", "-w", "-t", "30");

            // pg_ctl status exits with 3 when no server runs: one that had died already is no reason to fail.
            if (immediate.ExitCode != 0 && PgCtl("status").ExitCode != 3)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL on port {Port} did not stop; its folder {DataDirectory} is left. pg_ctl said: {fast.Output.Trim()} {immediate.Output.Trim()}");
            }
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>
    /// Debian installs each major version side by side in /usr/lib/postgresql/&lt;version&gt;/bin and puts only
    /// clients on PATH, so the newest there wins; elsewhere pg_config knows, or initdb is on PATH.
    /// </summary>
    private static string? FindBinDirectory()
    {
        var debian = new DirectoryInfo("/usr/lib/postgresql");
        if (debian.Exists)
        {
            var newest = debian.EnumerateDirectories()
                .Select(version => (Number: int.TryParse(version.Name, out var number) ? number : -1, Bin: Path.Combine(version.FullName, "bin")))
                .Where(version => version.Number >= 0 && File.Exists(Path.Combine(version.Bin, "initdb")))
                .OrderByDescending(version => version.Number)
                .Select(version => version.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        if (FindOnPath("pg_config") is { } pgConfig)
        {
            var bindir = Run(pgConfig, new[] { "--bindir" }, asServerUser: false);
            if (bindir.ExitCode == 0 && File.Exists(Path.Combine(bindir.Output.Trim(), "initdb")))
            {
                return bindir.Output.Trim();
            }
        }

        // A link on PATH (such as /usr/local/bin/initdb) leads to the folder that also holds pg_ctl and postgres.
        return FindOnPath("initdb") is { } initdb
            ? Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb)
            : null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/sbin", "/sbin" })
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Gets the folder the clusters go in: out/postgres, unless the tests run as root and the server, which then runs
    /// as the postgres user, cannot reach it (a clone in a folder closed to others, as mktemp -d makes); then
    /// /tmp/callrecords-postgres, since everyone can enter /tmp.
    /// </summary>
    public static string ClustersFolder
    {
        get
        {
            var inRepository = Path.Combine(RepositoryPaths.Root, "out", "postgres");
            return !IsRoot || ReachableByOthers(inRepository) ? inRepository : Path.Combine("/tmp", "callrecords-postgres");
        }
    }

    /// <summary>The postgres user is neither the owner nor in the group of the folders above the cluster, so each must let others through.</summary>
    [UnsupportedOSPlatform("windows")]
    private static bool ReachableByOthers(string folder)
    {
        for (var above = new DirectoryInfo(folder); above is not null; above = above.Parent)
        {
            if (above.Exists && (File.GetUnixFileMode(above.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private (int ExitCode, string Output) PgCtl(params string[] arguments) =>
        Run(Path.Combine(BinDirectory, "pg_ctl"), new[] { "-D", DataDirectory }.Concat(arguments), asServerUser: true);

    private string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath).Trim() : "(no log was written)";

    private static void RunOrThrow(string program, IEnumerable<string> arguments, bool asServerUser)
    {
        var result = Run(program, arguments, asServerUser);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    /// <summary>Runs a program to its end, as the postgres user when <paramref name="asServerUser"/> and this process is root; returns its exit code and its output and errors together.</summary>
    private static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, bool asServerUser)
    {
        var asPostgres = asServerUser && IsRoot;
        var startInfo = new ProcessStartInfo(asPostgres ? FindOnPath("runuser") ?? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Somewhere the postgres user may enter: programs run as it complain when they cannot.
            WorkingDirectory = "/",
        };
        foreach (var argument in (asPostgres ? new[] { "-u", User, "--", program } : Array.Empty<string>()).Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(s_commandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not end within {s_commandTimeout.TotalSeconds:0} s.");
        }

        // The parameterless wait also waits for both streams to be read to their end.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
