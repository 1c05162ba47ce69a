using System;
using System.Collections.Generic;
using System.Text.Json;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>
/// The few claims of an access token that help a user: tenant, app, roles and expiry. The signature is not
/// checked: Graph checks it; we only read what to display.
/// </summary>
internal sealed class JwtClaims
{
    public string? TenantId { get; private set; }

    public string? AppId { get; private set; }

    public DateTimeOffset? ExpiresOn { get; private set; }

    public IList<string> Roles { get; } = new List<string>();

    /// <summary>Reads the payload of a compact JWT; returns null for anything that is not one.</summary>
    public static JwtClaims? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(DecodeBase64Url(parts[1]));
            var root = payload.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var claims = new JwtClaims
            {
                TenantId = root.GetStringOrNull("tid"),
                AppId = root.GetStringOrNull("appid") ?? root.GetStringOrNull("azp"),
            };
            if (root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds))
            {
                claims.ExpiresOn = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            foreach (var role in root.GetArray("roles"))
            {
                if (role.ValueKind == JsonValueKind.String)
                {
                    claims.Roles.Add(role.GetString()!);
                }
            }

            return claims;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] DecodeBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        return Convert.FromBase64String(base64);
    }
}
