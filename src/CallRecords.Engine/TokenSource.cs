using System;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>Hands out a bearer token for each request, renewing it before it expires.</summary>
internal abstract class TokenSource : IDisposable
{
    public abstract Task<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Gets when the current token expires, when known.</summary>
    public abstract DateTimeOffset? ExpiresOn { get; }

    /// <summary>Releases what the source holds to renew tokens.</summary>
    public virtual void Dispose()
    {
    }
}
