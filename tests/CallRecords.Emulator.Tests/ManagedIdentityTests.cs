using System.Net;
using Azure.Core;
using Azure.Identity;

namespace CallRecords.Emulator.Tests;

public sealed class ManagedIdentityTests : IClassFixture<ManagedIdentityTests.IdentityTenant>
{
    private const string IdentityHeader = "test-identity-header";
    private readonly EmulatorServer _server;

    public ManagedIdentityTests(IdentityTenant tenant) => _server = tenant.Server;

    [Fact]
    public async Task ManagedIdentityCredential_gets_the_emulator_token_over_the_App_Service_protocol()
    {
        // The credential reads these when it is built; nothing else in this test process reads them.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(_server.Root, "_emulator/msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
        try
        {
            var credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

            var token = await credential.GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]));

            Assert.Equal(EmulatorServer.Token, token.Token);
            Assert.InRange(token.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(70));
            var graph = await _server.GetAsync("v1.0/communications/callRecords", prefer: "odata.maxpagesize=1");
            Assert.Equal(HttpStatusCode.OK, graph.Status);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-header")]
    public async Task The_token_endpoint_refuses_a_missing_or_wrong_identity_header_with_401(string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_emulator/msi/token?api-version=2019-08-01&resource=https://graph.microsoft.com");
        if (header is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", header);
        }

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_accepts_a_scope_and_a_client_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_emulator/msi/token?api-version=2019-08-01&scope=https://graph.microsoft.com/.default&client_id=11111111-2222-3333-4444-555555555555");
        request.Headers.Add("X-IDENTITY-HEADER", IdentityHeader);

        var response = await _server.Http.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://graph.microsoft.com", body.GetProperty("resource").GetString());
        Assert.Equal("11111111-2222-3333-4444-555555555555", body.GetProperty("client_id").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(long.Parse(body.GetProperty("expires_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public sealed class IdentityTenant : IDisposable
    {
        public EmulatorServer Server { get; } = EmulatorServer.Start("--days", "2", "--identity-header", IdentityHeader);

        public void Dispose() => Server.Dispose();
    }
}
