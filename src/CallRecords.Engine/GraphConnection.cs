using System;
using System.IO;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace CallRecords.Engine;

/// <summary>A signed-in connection to Graph. Holds the credential; shows only <see cref="Context"/>.</summary>
public sealed class GraphConnection : IDisposable
{
    private readonly CallRecordGraphContext _context;
    private int _disposed;

    private GraphConnection(GraphHttpClient http, CallRecordGraphContext context, RequestPolicy policy)
    {
        Http = http;
        _context = context;
        Policy = policy;
        TenantId = context.TenantId!;
        Handle = new CallRecordGraphConnection(this, () => Context);
    }

    /// <summary>Gets the tenant the connection reads; every row it gives carries it.</summary>
    public string TenantId { get; }

    /// <summary>Gets the connection as PowerShell holds it (Connect-CallRecordGraph -PassThru, -Connection).</summary>
    public CallRecordGraphConnection Handle { get; }

    /// <summary>The Engine's connection behind a connection PowerShell holds.</summary>
    public static GraphConnection Of(CallRecordGraphConnection handle) => (GraphConnection)handle.EngineConnection;

    /// <summary>Gets the retry and concurrency settings of this connection.</summary>
    public RequestPolicy Policy { get; }

    /// <summary>Gets a snapshot of the connection for display: never a secret or a token.</summary>
    public CallRecordGraphContext Context
    {
        get
        {
            _context.TokenExpiresOn = Http.Tokens.ExpiresOn;
            return new CallRecordGraphContext
            {
                TenantId = _context.TenantId,
                ClientId = _context.ClientId,
                Environment = _context.Environment,
                GraphEndpoint = _context.GraphEndpoint,
                AuthorityHost = _context.AuthorityHost,
                AuthType = _context.AuthType,
                Roles = _context.Roles,
                TokenExpiresOn = _context.TokenExpiresOn,
                ConnectedAt = _context.ConnectedAt,
                GraphClockOffset = Clock.HasObserved ? Clock.Offset : null,
            };
        }
    }

    internal GraphHttpClient Http { get; }

    /// <summary>Gets what the connection has learned its cloud lacks.</summary>
    internal CloudFeatures Features { get; } = new();

    /// <summary>Gets Graph's time: read at connect and from every response, and used for "now" by every command on the connection.</summary>
    public GraphClock Clock => Http.Clock;

    /// <summary>
    /// Signs in as <paramref name="request"/> says and gets a first token, so that a wrong secret or a
    /// missing identity fails here rather than on the first command.
    /// </summary>
    public static Task<GraphConnection> ConnectAsync(ConnectionRequest request, CancellationToken cancellationToken) =>
        ConnectAsync(request, RequestLog.None, cancellationToken);

    /// <summary>
    /// Signs in as <paramref name="request"/> says, gets a first token, and reads Graph's clock from one request to the
    /// API root (its line goes to <paramref name="log"/>).
    /// </summary>
    public static async Task<GraphConnection> ConnectAsync(ConnectionRequest request, RequestLog log, CancellationToken cancellationToken)
    {
        var cloud = GraphCloud.Get(request.Environment);
        var graphRoot = request.GraphEndpoint is null ? cloud.GraphRoot : ValidateEndpoint(request.GraphEndpoint);
        var apiRoot = new Uri(graphRoot.GetLeftPart(UriPartial.Authority) + graphRoot.AbsolutePath.TrimEnd('/') + "/v1.0/");

        TokenSource tokens = request.Kind == AuthenticationKind.AccessToken
            ? CreateStaticTokenSource(request)
            : new CredentialTokenSource(CreateCredential(request, cloud), cloud.DefaultScope);

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var claims = JwtClaims.TryRead(token);
        var context = new CallRecordGraphContext
        {
            TenantId = TenantOf(request, claims),
            ClientId = request.ClientId ?? claims?.AppId,
            Environment = cloud.Name,
            GraphEndpoint = graphRoot.GetLeftPart(UriPartial.Authority) + graphRoot.AbsolutePath.TrimEnd('/'),
            AuthorityHost = request.Kind == AuthenticationKind.AccessToken ? null : (request.AuthorityHost ?? cloud.AuthorityHost).ToString(),
            AuthType = request.Kind.ToString(),
            Roles = new ValueList<string>(claims?.Roles ?? Array.Empty<string>()),
            ConnectedAt = DateTimeOffset.UtcNow,
        };
        // Per-app budgets are shared with this machine's other processes connected as the same app to the same tenant.
        var budgetScope = new BudgetScope(context.TenantId, context.ClientId, apiRoot);
        var http = new GraphHttpClient(apiRoot, tokens, request.Policy, customEndpoint: request.GraphEndpoint is not null, budgetScope);

        // Ranges, retention and checkpoints count from Graph's "now", not this machine's.
        try
        {
            await http.ReadClockAsync(log, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            http.Dispose();
            throw;
        }

        return new GraphConnection(http, context, request.Policy);
    }

    // The token's tid names the tenant (a -TenantId may be a domain name); a token without one needs -TenantId.
    private static string TenantOf(ConnectionRequest request, JwtClaims? claims)
    {
        if (claims?.TenantId is { } tid)
        {
            if (request.Kind == AuthenticationKind.AccessToken && request.TenantId is { } given && Guid.TryParse(given, out var givenId) && Guid.TryParse(tid, out var tidId) && givenId != tidId)
            {
                throw new ArgumentException($"-TenantId {given} is not the tenant of the access token ({tid}).");
            }

            return tid;
        }

        return request.TenantId is { Length: > 0 } tenant
            ? tenant
            : throw new ArgumentException("The access token names no tenant (it has no tid claim); give its tenant with -TenantId, so rows can say which tenant they come from.");
    }

    /// <summary>Gets whether the connection was disconnected.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Http.Dispose();
        }
    }

    private static Uri ValidateEndpoint(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"GraphEndpoint '{endpoint}' must be an absolute URL such as https://graph.microsoft.com.");
        }

        if (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(endpoint)))
        {
            return endpoint;
        }

        throw new ArgumentException($"GraphEndpoint '{endpoint}' must use https; plain http is allowed only on this machine (127.0.0.1, ::1 or localhost), for an emulator.");
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static StaticTokenSource CreateStaticTokenSource(ConnectionRequest request)
    {
        var token = Plain(request.AccessToken);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("The access token is empty.");
        }

        token = token!.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token.Substring("Bearer ".Length).Trim();
        }

        return new StaticTokenSource(token, JwtClaims.TryRead(token)?.ExpiresOn);
    }

    private static TokenCredential CreateCredential(ConnectionRequest request, GraphCloud cloud)
    {
        var authority = request.AuthorityHost ?? cloud.AuthorityHost;

        // Instance discovery asks login.microsoftonline.com about the authority; a private one is not known there.
        var privateAuthority = !GraphCloud.IsAuthorityHost(authority);
        switch (request.Kind)
        {
            case AuthenticationKind.ClientSecret:
                return new ClientSecretCredential(
                    Required(request.TenantId, "TenantId"), Required(request.ClientId, "ClientId"), Required(Plain(request.ClientSecret), "ClientSecret"),
                    WithRetries(new ClientSecretCredentialOptions { AuthorityHost = authority, DisableInstanceDiscovery = privateAuthority }, request.Policy));

            case AuthenticationKind.Certificate:
                return new ClientCertificateCredential(
                    Required(request.TenantId, "TenantId"), Required(request.ClientId, "ClientId"), request.Certificate ?? FindCertificate(request.CertificateThumbprint) ?? LoadCertificate(request),
                    WithRetries(new ClientCertificateCredentialOptions { AuthorityHost = authority, DisableInstanceDiscovery = privateAuthority }, request.Policy));

            case AuthenticationKind.ManagedIdentity:
                var identity = string.IsNullOrEmpty(request.ClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(request.ClientId);
                return new ManagedIdentityCredential(WithRetries(new ManagedIdentityCredentialOptions(identity) { AuthorityHost = authority }, request.Policy));

            case AuthenticationKind.Environment:
                return new EnvironmentCredential(WithRetries(new EnvironmentCredentialOptions { AuthorityHost = authority }, request.Policy));

            case AuthenticationKind.DeviceCode:
                var prompt = request.DeviceCodePrompt;
                return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                {
                    TenantId = request.TenantId,
                    ClientId = Required(request.ClientId, "ClientId"),
                    AuthorityHost = authority,
                    DisableInstanceDiscovery = privateAuthority,
                    DeviceCodeCallback = (info, _) =>
                    {
                        prompt?.Invoke(info.Message);
                        return Task.CompletedTask;
                    },
                });

            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown authentication kind.");
        }
    }

    // Token requests follow the same retry budget as Graph requests (-MaxRetryCount).
    private static T WithRetries<T>(T options, RequestPolicy policy)
        where T : Azure.Core.ClientOptions
    {
        options.Retry.MaxRetries = Math.Max(0, policy.MaxAttempts - 1);
        return options;
    }

    private static X509Certificate2? FindCertificate(string? thumbprint)
    {
        if (string.IsNullOrWhiteSpace(thumbprint))
        {
            return null;
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue;
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint!.Replace(" ", ""), validOnly: false);
            foreach (var certificate in found)
            {
                if (certificate.HasPrivateKey)
                {
                    return certificate;
                }
            }
        }

        throw new ArgumentException($"No certificate with thumbprint {thumbprint} and a private key is in the CurrentUser or LocalMachine My store.");
    }

    private static X509Certificate2 LoadCertificate(ConnectionRequest request)
    {
        var path = Required(request.CertificatePath, "CertificatePath");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The certificate file '{path}' does not exist.", path);
        }

        try
        {
            var certificate = new X509Certificate2(path, Plain(request.CertificatePassword), X509KeyStorageFlags.DefaultKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new ArgumentException($"The certificate in '{path}' has no private key; use a PFX file that holds the key.");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"Could not read the certificate '{path}': {e.Message} Check the file and -CertificatePassword.", e);
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is required for this way of signing in.") : value!;

    private static string? Plain(SecureString? secure) =>
        secure is null ? null : new NetworkCredential(string.Empty, secure).Password;
}
