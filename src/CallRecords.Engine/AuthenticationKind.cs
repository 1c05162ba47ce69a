namespace CallRecords.Engine;

/// <summary>How to sign in to Graph.</summary>
public enum AuthenticationKind
{
    /// <summary>An app registration's client secret.</summary>
    ClientSecret,

    /// <summary>An app registration's certificate.</summary>
    Certificate,

    /// <summary>The managed identity of the Azure resource the session runs on.</summary>
    ManagedIdentity,

    /// <summary>Azure.Identity's EnvironmentCredential (AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or certificate).</summary>
    Environment,

    /// <summary>The device code flow, signing in as a user.</summary>
    DeviceCode,

    /// <summary>A bearer token the caller already has.</summary>
    AccessToken,
}
