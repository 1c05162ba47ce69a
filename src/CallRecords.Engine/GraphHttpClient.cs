using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>
/// Sends Graph GET requests: bearer token, retries on throttling, unavailability, resets and truncated
/// bodies (honouring Retry-After), one verbose line per attempt, and a <see cref="GraphRequestException"/>
/// when a request fails for good.
/// </summary>
internal sealed class GraphHttpClient : IDisposable
{
    /// <summary>The Prefer value every request sends (learn.microsoft.com/graph/best-practices-concept, "Handling future members in evolvable enumerations").</summary>
    internal const string IncludeUnknownEnumMembers = "include-unknown-enum-members";

    private const int MaxErrorBodyChars = 4096;

    // The connect-time read of Graph's clock is one request that a connection does not need to succeed.
    private static readonly TimeSpan s_clockReadTimeout = TimeSpan.FromSeconds(10);
    private static readonly string s_userAgent = "CallRecords-PowerShell/" + typeof(GraphHttpClient).Assembly.GetName().Version!.ToString(3);

    private readonly HttpClient _http;
    private readonly TokenSource _tokens;
    private readonly RequestPolicy _policy;
    private readonly bool _customEndpoint;

    public GraphHttpClient(Uri apiRoot, TokenSource tokens, RequestPolicy policy, bool customEndpoint, BudgetScope? budgetScope = null)
    {
        ApiRoot = apiRoot;
        BetaRoot = new Uri(apiRoot, "../beta/");
        _tokens = tokens;
        _policy = policy;
        _customEndpoint = customEndpoint;
        Budgets = new GraphBudgets(policy.ThrottleWindowScale, budgetScope);
        _http = new HttpClient(CreateHandler(policy), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(s_userAgent);

        // Enum members Graph adds after unknownFutureValue (productFamily azureCommunicationServices) arrive by name
        // only when asked for; otherwise they read unknownFutureValue.
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Prefer", IncludeUnknownEnumMembers);
    }

    /// <summary>Gets the API root requests are resolved against, ending in /v1.0/.</summary>
    public Uri ApiRoot { get; }

    /// <summary>Gets the root of Graph's beta endpoint beside <see cref="ApiRoot"/>, ending in /beta/, for the functions only beta has.</summary>
    public Uri BetaRoot { get; }

    public TokenSource Tokens => _tokens;

    /// <summary>Gets the throttling budgets shared by every command on this connection.</summary>
    public GraphBudgets Budgets { get; }

    /// <summary>Gets Graph's time, learned from every response's Date header.</summary>
    public GraphClock Clock { get; } = new();

    /// <summary>
    /// Asks the API root (Graph's service document) once, for the Date header of its answer, whatever its status; a
    /// failure leaves the clock to learn from the first command's responses.
    /// </summary>
    public async Task ReadClockAsync(RequestLog log, CancellationToken cancellationToken)
    {
        var path = ApiRoot.AbsolutePath;
        var watch = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_clockReadTimeout);
            var token = await _tokens.GetTokenAsync(timeout.Token).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoot);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation("client-request-id", Guid.NewGuid().ToString());
            var sentAt = DateTimeOffset.UtcNow;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            Observe(response, sentAt);
            log.WriteVerbose($"GET {path} {(int)response.StatusCode} ({watch.ElapsedMilliseconds} ms)");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException)
        {
            log.WriteVerbose($"GET {path} failed: {(e is OperationCanceledException ? $"no answer within {s_clockReadTimeout.TotalSeconds:0} s" : e.Message)} ({watch.ElapsedMilliseconds} ms)");
        }
    }

    /// <summary>
    /// GETs <paramref name="url"/> (relative to the API root, or an absolute nextLink) and returns the parsed
    /// body. The caller disposes it.
    /// </summary>
    public async Task<JsonDocument> GetJsonAsync(string url, GraphOperation operation, RequestLog log, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, url, null, operation, log, cancellationToken).ConfigureAwait(false)
        ?? throw new GraphRequestException($"Could not {operation.Description}: Graph answered with an empty body.", 0, "EmptyResponse", "GET", url, null, operation.RequiredPermission, retriesExhausted: false);

    /// <summary>
    /// Sends a request with an optional JSON body and returns the parsed response, or null when it has no body
    /// (204). Throttling and unavailability are retried for every method; a dropped connection or a cut body
    /// only for GET, since a change may already have been made.
    /// </summary>
    public async Task<JsonDocument?> SendAsync(HttpMethod method, string url, string? jsonBody, GraphOperation operation, RequestLog log, CancellationToken cancellationToken)
    {
        var target = Resolve(url, log);
        var path = Uri.UnescapeDataString(target.PathAndQuery);
        var idempotent = method == HttpMethod.Get;
        string? lastFailure = null;
        var lastStatus = 0;

        for (var attempt = 1; attempt <= _policy.MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var waited = await operation.WaitForBudgetsAsync(Budgets, log, cancellationToken).ConfigureAwait(false);
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, target);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation("client-request-id", Guid.NewGuid().ToString());
            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
            }

            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_policy.AttemptTimeout);
            var clock = Stopwatch.StartNew();
            TimeSpan? retryAfter = null;
            try
            {
                var sentAt = DateTimeOffset.UtcNow;
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                Observe(response, sentAt);
                lastStatus = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var document = await ReadJsonAsync(response, attemptTimeout.Token).ConfigureAwait(false);
                    log.WriteVerbose($"{method} {path} {lastStatus} ({clock.ElapsedMilliseconds} ms{waited.Describe()})");
                    return document;
                }

                var body = await ReadErrorBodyAsync(response, attemptTimeout.Token).ConfigureAwait(false);
                log.WriteVerbose($"{method} {path} {lastStatus} ({clock.ElapsedMilliseconds} ms{waited.Describe()})");
                var (code, message) = ParseGraphError(body);
                if (!IsTransient(response.StatusCode) || (!idempotent && lastStatus is not (429 or 503)))
                {
                    throw new GraphRequestException(
                        DescribeFailure(operation, lastStatus, code, message),
                        lastStatus, code, method.Method, path, RequestIdOf(response), operation.RequiredPermission, retriesExhausted: false);
                }

                lastFailure = $"HTTP {lastStatus}{(code is null ? "" : " " + code)}";
                retryAfter = RetryAfterOf(response);
                if (lastStatus == 429)
                {
                    operation.OnThrottled?.Invoke(Budgets, log);
                }
            }
            catch (Exception e) when (IsTransientFailure(e, cancellationToken))
            {
                lastFailure = e is OperationCanceledException
                    ? $"no complete response within {_policy.AttemptTimeout.TotalSeconds:0} s"
                    : e is JsonException ? "the response body was not complete JSON" : "the connection failed (" + e.Message + ")";
                lastStatus = e is JsonException ? lastStatus : 0;
                log.WriteVerbose($"{method} {path} failed: {lastFailure} ({clock.ElapsedMilliseconds} ms{waited.Describe()})");
                if (!idempotent)
                {
                    throw new GraphRequestException(
                        $"Could not {operation.Description}: {method} {path} failed after it was sent ({lastFailure}); check whether the change was made before trying again.",
                        lastStatus, "ConnectionFailed", method.Method, path, null, operation.RequiredPermission, retriesExhausted: false, e);
                }
            }

            if (attempt == _policy.MaxAttempts)
            {
                break;
            }

            var delay = retryAfter ?? Backoff(attempt);
            log.WriteDebug($"Retrying {method} {path} in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1} of {_policy.MaxAttempts}) after {lastFailure}.");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        throw new GraphRequestException(
            $"Could not {operation.Description}: {method} {path} failed {_policy.MaxAttempts} times; the last failure was {lastFailure}.",
            lastStatus, "RetriesExhausted", method.Method, path, null, operation.RequiredPermission, retriesExhausted: true);
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
    }

    private static HttpClientHandler CreateHandler(RequestPolicy policy) => new HttpClientHandler
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        MaxConnectionsPerServer = Math.Max(policy.MaxConcurrency * 2, 16),
        AllowAutoRedirect = false,
    };

    /// <summary>
    /// Resolves a path or a nextLink. A nextLink is followed as given, but the token goes only to the host we
    /// connected to; a link to a public Graph host while connected to a custom endpoint (an emulator or a
    /// proxy) is rebased onto that endpoint.
    /// </summary>
    private Uri Resolve(string url, RequestLog log)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            return new Uri(ApiRoot, url.TrimStart('/'));
        }

        if (SameAuthority(absolute, ApiRoot))
        {
            return absolute;
        }

        if (_customEndpoint && GraphCloud.IsGraphHost(absolute))
        {
            var rebased = new Uri(ApiRoot.GetLeftPart(UriPartial.Authority) + absolute.PathAndQuery);
            log.WriteDebug($"Following a link to {absolute.Host} through the connected endpoint {ApiRoot.Authority}.");
            return rebased;
        }

        throw new GraphRequestException(
            $"Graph returned a link to another host ({absolute.Host}); the module sends its token only to {ApiRoot.Host}.",
            0, "UntrustedNextLink", "GET", absolute.GetLeftPart(UriPartial.Path), null, null, retriesExhausted: false);
    }

    private static bool SameAuthority(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Read the whole body before parsing: a connection cut mid-body surfaces as an IOException here,
        // and a body that is short of its Content-Length is never taken for a short page.
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is { } expected && expected != buffer.Length && response.Content.Headers.ContentEncoding.Count == 0)
        {
            throw new IOException($"The response body ended after {buffer.Length} of {expected} bytes.");
        }

        return buffer.Length == 0 ? null : JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            var buffer = new char[MaxErrorBodyChars];
            var read = await reader.ReadBlockAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new string(buffer, 0, read);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static (string? Code, string? Message) ParseGraphError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.GetObjectOrNull("error");
            return (error.GetStringOrNull("code"), error.GetStringOrNull("message"));
        }
        catch (JsonException)
        {
            return (null, string.IsNullOrWhiteSpace(body) ? null : body.Trim());
        }
    }

    private static string DescribeFailure(GraphOperation operation, int status, string? code, string? message)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "" : ": " + message!.Trim();
        return $"Could not {operation.Description}. Graph answered {status}{(code is null ? "" : " " + code)}{detail}";
    }

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("request-id", out var values) ? string.Join(",", values) : null;

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status is 429 or 500 or 502 or 503 or 504;

    private static bool IsTransientFailure(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && e is HttpRequestException or IOException or JsonException or OperationCanceledException;

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        // An HTTP date is Graph's time.
        if (header?.Date is { } date)
        {
            var wait = date - Clock.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private void Observe(HttpResponseMessage response, DateTimeOffset sentAt)
    {
        if (response.Headers.Date is { } date)
        {
            Clock.Observe(date, sentAt, DateTimeOffset.UtcNow);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _policy.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _policy.MaxBackoff.TotalMilliseconds);
        // Full jitter keeps many clients that failed together from retrying together.
        var jittered = capped * (0.5 + (ThreadSafeRandom.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(jittered);
    }

    private static class ThreadSafeRandom
    {
        [ThreadStatic]
        private static Random? t_random;

        public static double NextDouble() => (t_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
    }
}
