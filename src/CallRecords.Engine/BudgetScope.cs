using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CallRecords.Engine;

/// <summary>
/// Whose per-app budget a connection spends: Graph counts its per-app limits per tenant and application, and the
/// host tells clouds (and emulators) apart. Connections with the same scope share their per-app budgets on this
/// machine. An unknown tenant or app (a bare access token) counts as one more value, which only shares more.
/// </summary>
internal sealed class BudgetScope
{
    public BudgetScope(string? tenantId, string? clientId, Uri graphRoot)
    {
        TenantId = tenantId?.Trim().ToLowerInvariant() ?? "";
        ClientId = clientId?.Trim().ToLowerInvariant() ?? "";
        Host = graphRoot.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public string TenantId { get; }

    public string ClientId { get; }

    public string Host { get; }

    /// <summary>A file name for the scope and the windows' shape: a hash, so no tenant or app id is written in a path.</summary>
    public string FileName(double windowScale, string layout)
    {
        var key = string.Join("|", TenantId, ClientId, Host, windowScale.ToString("R", CultureInfo.InvariantCulture), layout);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16).ToLowerInvariant() + ".budget";
    }
}
