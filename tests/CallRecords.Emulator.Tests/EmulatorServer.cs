using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>
/// The built emulator as a real process on a free loopback port, with an HttpClient that sends its bearer token.
/// It is ready when it prints its listening line, so no test polls or sleeps for it.
/// </summary>
public sealed class EmulatorServer : IDisposable
{
    public const string Token = "test-token";
    public const string Now = "2026-11-26T12:00:00Z";
    private readonly Process _process;

    private EmulatorServer(Process process, Uri root, string listeningLine)
    {
        _process = process;
        Root = root;
        ListeningLine = listeningLine;
        Http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Gets the server root, such as http://127.0.0.1:5123/.</summary>
    public Uri Root { get; }

    public string ListeningLine { get; }

    /// <summary>Gets a client for the server that sends the expected token.</summary>
    public HttpClient Http { get; }

    public static string EmulatorPath => Path.Combine(AppContext.BaseDirectory, "CallRecords.Emulator.dll");

    /// <summary>Starts an emulator with the tests' token and clock; later arguments override those.</summary>
    public static EmulatorServer Start(params string[] arguments)
    {
        var port = FreePort();
        var root = new Uri($"http://127.0.0.1:{port}/");
        var process = Launch(["--urls", $"http://127.0.0.1:{port}", "--token", Token, "--now", Now, .. arguments]);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("CallRecords emulator listening on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The emulator exited with code {process.ExitCode}."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The emulator did not print its listening line within 30 s.");
        }

        return new EmulatorServer(process, root, ready.Task.Result);
    }

    /// <summary>Runs the emulator to its end, for command lines it must refuse.</summary>
    public static (int ExitCode, string StandardError) RunToExit(params string[] arguments)
    {
        using var process = Launch(arguments);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The emulator did not exit.");
        }

        return (process.ExitCode, error.Result);
    }

    public async Task<GraphResponse> GetAsync(string pathOrUrl, string? prefer = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathOrUrl);
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        using var response = await (client ?? Http).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphResponse(response.StatusCode, response.Headers, response.Content.Headers, body);
    }

    /// <summary>Sends a request with an optional JSON body (a Graph write, or a control route) and reads the response whole.</summary>
    public async Task<GraphResponse> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await (client ?? Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphResponse(response.StatusCode, response.Headers, response.Content.Headers, text);
    }

    /// <summary>Follows @odata.nextLink from the first page to the last, exactly as given.</summary>
    public async Task<List<JsonElement>> GetAllPagesAsync(string path, string? prefer = null, Action<GraphResponse>? eachPage = null)
    {
        var items = new List<JsonElement>();
        string? next = path;
        while (next is not null)
        {
            var page = await GetAsync(next, prefer);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            eachPage?.Invoke(page);
            items.AddRange(page.Json.GetProperty("value").EnumerateArray());
            next = page.NextLink;
        }

        return items;
    }

    public async Task<JsonElement> ControlAsync(string path) => (await GetAsync(path)).Json;

    public async Task<List<string>> TruthAsync(string path) =>
        (await ControlAsync(path)).GetProperty("ids").EnumerateArray().Select(id => id.GetString()!).ToList();

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static Process Launch(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(EmulatorPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        return process;
    }

    /// <summary>A loopback port nothing listens on at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A response read whole: status, headers, and the body as text and as JSON.</summary>
public sealed class GraphResponse
{
    private readonly Lazy<JsonElement> _json;

    public GraphResponse(HttpStatusCode status, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string body)
    {
        Status = status;
        Headers = headers;
        ContentHeaders = contentHeaders;
        Body = body;
        _json = new Lazy<JsonElement>(() => JsonDocument.Parse(body).RootElement.Clone());
    }

    public HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    public string Body { get; }

    public JsonElement Json => _json.Value;

    public string? NextLink => Json.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
}
