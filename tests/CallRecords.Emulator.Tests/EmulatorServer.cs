using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CallRecords.Emulator.Tests;

/// <summary>
/// The emulator beside the tests, started by <see cref="EmulatorProcess"/> with the tests' token and clock, and an
/// HttpClient that sends that token; plus the requests the emulator tests make of it.
/// </summary>
public sealed class EmulatorServer : IDisposable
{
    public const string Token = "test-token";
    public const string Now = "2026-11-26T12:00:00Z";
    private readonly EmulatorProcess _process;

    private EmulatorServer(EmulatorProcess process)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = Root, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Gets the server root, such as http://127.0.0.1:5123/.</summary>
    public Uri Root => _process.Url;

    /// <summary>Gets the line the emulator printed once it listened.</summary>
    public string ListeningLine => _process.ReadyLine;

    /// <summary>Gets a client for the server that sends the expected token.</summary>
    public HttpClient Http { get; }

    public static string EmulatorPath => Path.Combine(AppContext.BaseDirectory, "CallRecords.Emulator.dll");

    /// <summary>Starts an emulator with the tests' token and clock; later arguments override those.</summary>
    public static EmulatorServer Start(params string[] arguments) =>
        new(EmulatorProcess.Launch(EmulatorPath, ["--token", Token, "--now", Now, .. arguments]));

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
        _process.Dispose();
    }
}
