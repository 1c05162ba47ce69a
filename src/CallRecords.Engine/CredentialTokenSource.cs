using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Identity;

namespace CallRecords.Engine;

/// <summary>A token from an Azure.Identity credential, cached until five minutes before it expires.</summary>
internal sealed class CredentialTokenSource : TokenSource
{
    private static readonly TimeSpan s_renewBefore = TimeSpan.FromMinutes(5);
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private AccessToken? _current;

    public CredentialTokenSource(TokenCredential credential, string scope)
    {
        _credential = credential;
        _request = new TokenRequestContext(new[] { scope });
    }

    public override DateTimeOffset? ExpiresOn => _current?.ExpiresOn;

    /// <summary>
    /// Gets the credential itself, for the Parquet lake to ask for a Blob Storage token with it (another scope, its own
    /// cache in the storage client); Graph's tokens still come only from <see cref="GetTokenAsync"/>.
    /// </summary>
    internal TokenCredential Credential => _credential;

    public override void Dispose()
    {
        _renewing.Dispose();
        base.Dispose();
    }

    public override async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_current))
        {
            return _current!.Value.Token;
        }

        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_current))
            {
                _current = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
            }

            return _current!.Value.Token;
        }
        catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException or RequestFailedException)
        {
            throw new GraphAuthenticationException("Could not get a token for Microsoft Graph: " + Reason(e), e);
        }
        finally
        {
            _renewing.Release();
        }
    }

    private static bool IsFresh(AccessToken? token) =>
        token is { } t && t.ExpiresOn - DateTimeOffset.UtcNow > s_renewBefore;

    // Azure.Identity spreads the reason over several lines and appends a link to its troubleshooting guide:
    // keep the reason (the AADSTS code and text) on one line, drop the link.
    // The token service's own words (MSAL's AADSTS message) are on the inner exception.
    private static string Reason(Exception exception)
    {
        var lines = new System.Collections.Generic.List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            foreach (var line in current.Message.Split('\n'))
            {
                var text = line.Trim();
                if (text.Length > 0 && !text.StartsWith("See the troubleshooting guide", StringComparison.OrdinalIgnoreCase) && !lines.Contains(text))
                {
                    lines.Add(text);
                }
            }
        }

        return string.Join(" ", lines);
    }
}
