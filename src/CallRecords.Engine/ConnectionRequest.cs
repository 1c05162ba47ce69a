using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace CallRecords.Engine;

/// <summary>Everything needed to connect. Only BCL types, so it crosses the load-context boundary.</summary>
public sealed class ConnectionRequest
{
    /// <summary>Gets or sets the way to sign in.</summary>
    public AuthenticationKind Kind { get; set; }

    /// <summary>Gets or sets the directory (tenant) id or domain.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the application (client) id; for a managed identity, a user-assigned identity's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret.</summary>
    public SecureString? ClientSecret { get; set; }

    /// <summary>Gets or sets a certificate with its private key.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Gets or sets the thumbprint of a certificate in the CurrentUser or LocalMachine "My" store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Gets or sets the path of a PFX or PEM file holding the certificate and key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Gets or sets the password of the certificate file.</summary>
    public SecureString? CertificatePassword { get; set; }

    /// <summary>Gets or sets a bearer token to send as is.</summary>
    public SecureString? AccessToken { get; set; }

    /// <summary>Gets or sets the national cloud name.</summary>
    public string Environment { get; set; } = "Global";

    /// <summary>Gets or sets a Graph root that replaces the cloud's (https, or http on loopback only).</summary>
    public Uri? GraphEndpoint { get; set; }

    /// <summary>Gets or sets an authority host that replaces the cloud's (https), for private clouds and local token endpoints.</summary>
    public Uri? AuthorityHost { get; set; }

    /// <summary>Gets or sets what to do with the device code message (where to go, which code to enter).</summary>
    public Action<string>? DeviceCodePrompt { get; set; }

    /// <summary>Gets or sets the retry and concurrency settings for requests on this connection.</summary>
    public RequestPolicy Policy { get; set; } = new RequestPolicy();
}
