using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.TestSupport;

/// <summary>The built emulator, run as a real process on a free loopback port for the length of a test class.</summary>
public sealed class EmulatorProcess : IDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>Gets the root the module connects to, such as http://127.0.0.1:5123.</summary>
    public Uri Url { get; }

    public static EmulatorProcess Start(params string[] arguments)
    {
        var port = Loopback.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.Emulator);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("The emulator did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, url);
        emulator.WaitUntilReady();
        return emulator;
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


    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                s_http.GetStringAsync(new Uri(Url, "/_emulator/stats")).GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }
}
