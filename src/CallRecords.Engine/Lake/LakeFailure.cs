namespace CallRecords.Engine.Lake;

/// <summary>Why writing a dataset failed; the cmdlet names its error after it.</summary>
public enum LakeFailure
{
    /// <summary>A file could not be written, moved or read back (disk full, no such drive...).</summary>
    WriteFailed,

    /// <summary>The folder or the storage account refused the write.</summary>
    PermissionDenied,

    /// <summary>The storage account refused the key, SAS or token, or no token could be had.</summary>
    AuthenticationFailed,

    /// <summary>No credential for Blob Storage: the connection signed in with a Graph access token.</summary>
    CredentialUnavailable,

    /// <summary>The blob container does not exist.</summary>
    ContainerNotFound,

    /// <summary>A file or blob of the same name exists; the lake never replaces one.</summary>
    AlreadyExists,

    /// <summary>The storage endpoint could not be reached.</summary>
    ConnectionFailed,

    /// <summary>The storage service kept failing or throttling after every retry.</summary>
    Unavailable,

    /// <summary>The storage service refused the request for another reason.</summary>
    RequestFailed,
}
