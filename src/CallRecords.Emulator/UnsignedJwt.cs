using System.Text;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>An unsigned token in the shape of Entra's (alg none): clients read its tenant, app and roles as they would a real one's.</summary>
public static class UnsignedJwt
{
    public static string For(string tenantId, string appId, string role)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["appid"] = appId,
            ["roles"] = new[] { role },
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        }));
        return header + "." + payload + ".";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
