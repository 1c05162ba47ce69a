using System;

namespace CallRecords.Engine;

/// <summary>Signing in failed, or no token could be had.</summary>
public sealed class GraphAuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphAuthenticationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
