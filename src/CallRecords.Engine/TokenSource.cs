using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Identity;

namespace CallRecords.Engine;

/// <summary>Hands out a bearer token for each request, renewing it before it expires.</summary>
internal abstract class TokenSource
{
    public abstract Task<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Gets when the current token expires, when known.</summary>
    public abstract DateTimeOffset? ExpiresOn { get; }
}
