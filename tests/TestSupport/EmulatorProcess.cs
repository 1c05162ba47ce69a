using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;

namespace CallRecords.TestSupport;

/// <summary>
/// The emulator as a real process on a loopback port the system picks, for the length of a test or a test class.
/// The one way the tests start it: with --urls http://127.0.0.1:0, reading standard output up to the ready line
/// (src/CallRecords.Emulator/README.md) and taking the address from it, so no two emulators race for a port.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    /// <summary>How long a start may take by default: the first start on a busy machine compiles a lot.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    private const string ReadyLinePrefix = "CallRecords emulator listening on ";
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;

    private EmulatorProcess(Process process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
        Url = ReadUrl(readyLine);
    }

    /// <summary>Gets the root the module connects to, such as http://127.0.0.1:5123.</summary>
    public Uri Url { get; }

    /// <summary>Gets the line the emulator printed once it listened.</summary>
    public string ReadyLine { get; }

    /// <summary>Starts the built emulator (out/emulator) with <paramref name="arguments"/>.</summary>
    public static EmulatorProcess Start(params string[] arguments) => Launch(RepositoryPaths.Emulator, arguments);

    /// <summary>
    /// Starts the emulator at <paramref name="emulatorPath"/> with <paramref name="arguments"/> and returns once it
    /// listens; an <see cref="EmulatorStartException"/> with its standard error if it exits first or is not ready in time.
    /// </summary>
    public static EmulatorProcess Launch(string emulatorPath, IEnumerable<string> arguments, TimeSpan? readyTimeout = null)
    {
        var startInfo = new ProcessStartInfo("dotnet");
        foreach (var argument in new[] { emulatorPath, "--urls", "http://127.0.0.1:0" }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var timeout = readyTimeout ?? DefaultReadyTimeout;
        var start = ServerProcess.Start(startInfo, ReadyLinePrefix, timeout);
        if (start.ReadyLine is not null)
        {
            return new EmulatorProcess(start.Process, start.ReadyLine);
        }

        var reason = start.Exited
            ? $"The emulator exited with code {start.Process.ExitCode} before it was listening."
            : $"The emulator did not say it was listening within {timeout.TotalSeconds:0.###} s, so it was stopped.";
        var exitCode = start.Exited ? start.Process.ExitCode : (int?)null;
        start.Process.Dispose();
        throw new EmulatorStartException(reason, exitCode, start.StandardError);
    }

    public JsonElement GetJson(string path)
    {
        var body = s_http.GetStringAsync(new Uri(Url, path)).GetAwaiter().GetResult();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts to one of the emulator's control routes and returns its JSON answer.</summary>
    public JsonElement PostJson(string path)
    {
        using var response = s_http.PostAsync(new Uri(Url, path), null).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();
    }

    /// <summary>The ids the emulator says a request for this range must return.</summary>
    public List<string> TruthIds(string path)
    {
        var ids = new List<string>();
        foreach (var id in GetJson(path).GetProperty("ids").EnumerateArray())
        {
            ids.Add(id.GetString()!);
        }

        return ids;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    /// <summary>The first http address of the ready line: "prefix URL[, URL...] (seed N, now ISO)".</summary>
    private static Uri ReadUrl(string readyLine)
    {
        var addresses = readyLine.Substring(ReadyLinePrefix.Length);
        addresses = addresses.Substring(0, addresses.IndexOf(" (", StringComparison.Ordinal));
        return new Uri(addresses.Split(", ").First(url => url.StartsWith("http://", StringComparison.Ordinal)));
    }
}
