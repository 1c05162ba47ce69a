using System;

namespace CallRecords;

/// <summary>The current Graph connection. It never holds a secret or a token.</summary>
public sealed class CallRecordGraphContext
{
    /// <summary>Gets or sets the tenant id (from the parameters or the token).</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the application (client) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the national cloud: Global, USGov, USGovDoD or China.</summary>
    public string Environment { get; set; } = "Global";

    /// <summary>Gets or sets the Graph root the module sends requests to (without /v1.0).</summary>
    public string GraphEndpoint { get; set; } = "";

    /// <summary>Gets or sets the authority host used to sign in.</summary>
    public string? AuthorityHost { get; set; }

    /// <summary>Gets or sets how the module signs in: ClientSecret, Certificate, ManagedIdentity, Environment, DeviceCode or AccessToken.</summary>
    public string AuthType { get; set; } = "";

    /// <summary>Gets or sets the application permissions (roles) in the current token, when it is a readable JWT.</summary>
    public ValueList<string> Roles { get; set; } = new ValueList<string>(Array.Empty<string>());

    /// <summary>Gets or sets when the current token expires, when known. The credential renews it.</summary>
    public DateTimeOffset? TokenExpiresOn { get; set; }

    /// <summary>Gets or sets when the connection was made.</summary>
    public DateTimeOffset ConnectedAt { get; set; }

    /// <summary>
    /// Gets or sets how far Graph's clock is ahead of this machine's (negative: behind), from the Date headers of its
    /// answers; the commands count "now" on Graph's clock. Null until Graph has answered.
    /// </summary>
    public TimeSpan? GraphClockOffset { get; set; }
}
