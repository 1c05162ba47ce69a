using System;

namespace CallRecords.Engine;

/// <summary>A Graph request that failed for good: an error status, or retries that ran out.</summary>
public sealed class GraphRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphRequestException(string message, int statusCode, string? errorCode, string method, string path, string? requestId, string? requiredPermission, bool retriesExhausted, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Method = method;
        Path = path;
        RequestId = requestId;
        RequiredPermission = requiredPermission;
        RetriesExhausted = retriesExhausted;
    }

    /// <summary>Gets the HTTP status, or 0 when no response came (connection failure).</summary>
    public int StatusCode { get; }

    /// <summary>Gets Graph's error code, such as NotFound or TooManyRequests.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the request path and query.</summary>
    public string Path { get; }

    /// <summary>Gets Graph's request-id, for Microsoft support.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the application permission the operation needs.</summary>
    public string? RequiredPermission { get; }

    /// <summary>Gets whether the request was retried until the attempts ran out.</summary>
    public bool RetriesExhausted { get; }
}
