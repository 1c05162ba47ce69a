using System;

namespace CallRecords.Engine.Lake;

/// <summary>
/// Writing a dataset failed. The message names the file or container and the service's reason, never a key, a SAS or
/// a token; a storage service's own exception is left out for that reason, since it may carry request details.
/// </summary>
public sealed class LakeWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LakeWriteException(string message, LakeFailure failure, string target, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Target = target;
    }

    /// <summary>Gets why writing failed.</summary>
    public LakeFailure Failure { get; }

    /// <summary>Gets the file, blob or container the failure is about (a URL without its query).</summary>
    public string Target { get; }
}
