using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// A local Entra token endpoint for the client credentials flow, so client-secret and certificate sign-in run end
/// to end: OpenID metadata and /{tenant}/oauth2/v2.0/token. Serve it over https (MSAL requires it) with
/// --urls "http://...;https://..." and a Kestrel certificate; clients disable instance discovery.
/// </summary>
public static class IdentityRoutes
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void Map(WebApplication app, EmulatorOptions options)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) => MetadataAsync(context, tenant));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext context, string tenant) => TokenAsync(context, tenant, options));
    }

    private static Task MetadataAsync(HttpContext context, string tenant)
    {
        var authority = $"{context.Request.Scheme}://{context.Request.Host}/{tenant}";
        return JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("issuer", $"{authority}/v2.0");
            w.WriteString("authorization_endpoint", $"{authority}/oauth2/v2.0/authorize");
            w.WriteString("token_endpoint", $"{authority}/oauth2/v2.0/token");
            w.WriteString("device_authorization_endpoint", $"{authority}/oauth2/v2.0/devicecode");
            w.WriteString("jwks_uri", $"{context.Request.Scheme}://{context.Request.Host}/{tenant}/discovery/v2.0/keys");
            w.WriteStartArray("token_endpoint_auth_methods_supported");
            w.WriteStringValue("client_secret_post");
            w.WriteStringValue("private_key_jwt");
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task TokenAsync(HttpContext context, string tenant, EmulatorOptions options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            await ErrorAsync(context, 400, "unsupported_grant_type", "AADSTS70003: The emulator supports the client_credentials grant only.");
            return;
        }

        var secret = form["client_secret"].ToString();
        var assertion = form["client_assertion"].ToString();
        var accepted = secret.Length > 0
            ? options.ClientSecret is not null && FixedTimeEquals(secret, options.ClientSecret)
            : form["client_assertion_type"] == AssertionType && options.ClientCertificatePath is not null && AssertionIsSignedBy(assertion, options.ClientCertificatePath);
        if (!accepted)
        {
            await ErrorAsync(context, 401, "invalid_client", secret.Length > 0
                ? $"AADSTS7000215: Invalid client secret provided for tenant '{tenant}'."
                : "AADSTS700027: The client assertion is not signed by a certificate registered for the application.");
            return;
        }

        await JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", 3599);
            w.WriteNumber("ext_expires_in", 3599);
            w.WriteString("access_token", options.IssuedToken);
            w.WriteEndObject();
        });
    }

    /// <summary>Checks the JWT's RS256 or PS256 signature against the registered certificate's public key.</summary>
    private static bool AssertionIsSignedBy(string assertion, string certificatePath)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            var padding = header.RootElement.TryGetProperty("alg", out var alg) && alg.GetString() == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
            using var key = certificate.GetRSAPublicKey();
            return key is not null && key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, padding);
        }
        catch (Exception e) when (e is FormatException or JsonException or CryptographicException)
        {
            return false;
        }
    }

    private static byte[] Base64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        JsonResponse.WriteAsync(context, status, "application/json", w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteStartArray("error_codes");
            w.WriteEndArray();
            w.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
}
