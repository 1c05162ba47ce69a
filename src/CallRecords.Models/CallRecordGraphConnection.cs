using System;

namespace CallRecords;

/// <summary>
/// A signed-in connection to Microsoft Graph, as Connect-CallRecordGraph -PassThru returns it: give it to any command's
/// -Connection (several to Sync-CallRecord's) to work on its tenant. It shows where it goes and for whom, never a secret
/// or a token; Get-CallRecordGraphContext -Connection shows the rest.
/// </summary>
public sealed class CallRecordGraphConnection
{
    private readonly Func<CallRecordGraphContext> _context;

    internal CallRecordGraphConnection(object engineConnection, Func<CallRecordGraphContext> context)
    {
        EngineConnection = engineConnection;
        _context = context;
        var now = context();
        TenantId = now.TenantId ?? "";
        ClientId = now.ClientId;
        Environment = now.Environment;
        GraphEndpoint = now.GraphEndpoint;
        AuthType = now.AuthType;
    }

    /// <summary>Gets the tenant the connection reads: every row it gives carries it as TenantId.</summary>
    public string TenantId { get; }

    /// <summary>Gets the application (client) id, when known.</summary>
    public string? ClientId { get; }

    /// <summary>Gets the national cloud: Global, USGov, USGovDoD or China.</summary>
    public string Environment { get; }

    /// <summary>Gets the Graph root the connection sends requests to.</summary>
    public string GraphEndpoint { get; }

    /// <summary>Gets how it signed in.</summary>
    public string AuthType { get; }

    /// <summary>Gets the connection's context now (the token's expiry changes as the credential renews it).</summary>
    public CallRecordGraphContext Context => _context();

    /// <summary>Gets the Engine's connection behind this one.</summary>
    internal object EngineConnection { get; }

    /// <summary>The tenant and the endpoint.</summary>
    public override string ToString() => $"{TenantId} ({GraphEndpoint})";
}
