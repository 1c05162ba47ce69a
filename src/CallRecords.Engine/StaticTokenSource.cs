using System;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>A token the user supplied; it cannot be renewed, so an expired one is refused before sending.</summary>
internal sealed class StaticTokenSource : TokenSource
{
    private readonly string _token;

    public StaticTokenSource(string token, DateTimeOffset? expiresOn)
    {
        _token = token;
        ExpiresOn = expiresOn;
    }

    public override DateTimeOffset? ExpiresOn { get; }

    public override Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (ExpiresOn is { } expiry && expiry <= DateTimeOffset.UtcNow)
        {
            throw new GraphAuthenticationException(
                $"The access token expired at {expiry:u}. Get a new one and run Connect-CallRecordGraph -AccessToken again, or connect with a credential that renews itself.");
        }

        return Task.FromResult(_token);
    }
}
