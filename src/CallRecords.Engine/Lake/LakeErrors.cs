using System;
using System.IO;
using Azure;
using Azure.Identity;

namespace CallRecords.Engine.Lake;

/// <summary>Turns a storage or file system failure into a <see cref="LakeWriteException"/> that says what to do.</summary>
internal static class LakeErrors
{
    private static readonly char[] s_lineEnds = { '\r', '\n' };

    /// <summary>The failure as the lake reports it; null for anything that is not a storage or file failure (a bug).</summary>
    public static LakeWriteException? Map(Exception exception, string target) => exception switch
    {
        LakeWriteException already => already,
        RequestFailedException request => FromService(request, target),

        // The retry policy gives up on a request that never got an answer with every attempt's failure; the last says why.
        AggregateException { InnerExceptions: [.., RequestFailedException last] } => FromService(last, target),
        AuthenticationFailedException or CredentialUnavailableException => new LakeWriteException(
            $"Could not get a token for Azure Storage to write {target}: {FirstLine(exception.Message)} Give -StorageSasToken or -StorageConnectionString, or connect with a credential that may write to the container.",
            LakeFailure.AuthenticationFailed,
            target),
        UnauthorizedAccessException => new LakeWriteException($"Writing {target} was refused: {exception.Message}", LakeFailure.PermissionDenied, target, exception),
        IOException when File.Exists(target) => new LakeWriteException($"{target} exists already; the lake never replaces a file.", LakeFailure.AlreadyExists, target, exception),
        IOException => new LakeWriteException($"Could not write {target}: {exception.Message}", LakeFailure.WriteFailed, target, exception),
        _ => null,
    };

    // The service's own exception is not kept: its text may hold request details. Its status, code, first line and
    // request id are enough to act on.
    private static LakeWriteException FromService(RequestFailedException e, string target)
    {
        var reason = $"{(e.Status == 0 ? "no answer" : e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} {e.ErrorCode}".Trim();
        var said = FirstLine(e.Message);
        var requestId = RequestIdOf(e.Message);
        var detail = $"{reason}: {said}{(requestId is null ? "" : $" (request id {requestId})")}";
        return e.Status switch
        {
            0 => new(
                $"Could not reach the storage endpoint for {target}: {said} Check the URL and the network.",
                LakeFailure.ConnectionFailed,
                target),
            401 or 403 when e.ErrorCode is "AuthenticationFailed" or "AuthorizationFailure" or "InvalidAuthenticationInfo" or "NoAuthenticationInformation" => new(
                $"The storage account refused the credential for {target} ({detail}). Check the key, SAS token or sign-in, and that it is for this account.",
                LakeFailure.AuthenticationFailed,
                target),
            403 => new(
                $"The storage account refused to let this credential write {target} ({detail}). It needs to create blobs in the container (a SAS with create and write permissions, or the role Storage Blob Data Contributor).",
                LakeFailure.PermissionDenied,
                target),
            404 when e.ErrorCode == "ContainerNotFound" => new(
                $"The container of {target} does not exist ({detail}). Create it first; Export-CallRecordParquet does not create containers.",
                LakeFailure.ContainerNotFound,
                target),
            409 or 412 when e.ErrorCode is "BlobAlreadyExists" or "ConditionNotMet" => new(
                $"{target} exists already; the lake never replaces a blob ({detail}).",
                LakeFailure.AlreadyExists,
                target),
            429 or >= 500 => new(
                $"The storage service kept failing for {target} after every retry ({detail}). Run the export again later: the files written so far are whole, and the next run adds its own.",
                LakeFailure.Unavailable,
                target),
            _ => new(
                $"The storage service refused a request for {target} ({detail}).",
                LakeFailure.RequestFailed,
                target),
        };
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }

    private static string? RequestIdOf(string message)
    {
        const string Marker = "RequestId:";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = message.IndexOfAny(s_lineEnds, start);
        return (end < 0 ? message[start..] : message[start..end]).Trim();
    }
}
