using System;
using System.IO;
using System.Management.Automation;
using CallRecords.Engine;
using CallRecords.Engine.Lake;
using CallRecords.Engine.Sync;

namespace CallRecords;

/// <summary>
/// The one place that turns failures from the engine into error records: a specific error id, a real
/// category, the input as target, and a message that says what to do.
/// </summary>
internal static class ErrorMapper
{
    public static bool IsKnown(Exception exception) =>
        exception is GraphRequestException or GraphAuthenticationException or InvalidDateRangeException or NotificationListenerException or LakeWriteException or ArgumentException or FileNotFoundException
            or SyncRowWithoutKeyException or SyncStoreBusyException or SyncStoreException;

    /// <summary>Maps <paramref name="exception"/>; <paramref name="errorId"/> overrides the id the mapper would pick.</summary>
    public static ErrorRecord ToErrorRecord(Exception exception, object? target, string? errorId = null)
    {
        var (id, category, message) = exception switch
        {
            GraphRequestException graph => ForGraph(graph),
            LakeWriteException lake => ForLake(lake),
            GraphAuthenticationException => ("AuthenticationFailed", ErrorCategory.AuthenticationError, exception.Message),
            NotificationListenerException => ("ListenerStartFailed", ErrorCategory.ResourceUnavailable, exception.Message),
            InvalidDateRangeException => ("InvalidDateRange", ErrorCategory.InvalidArgument, exception.Message),
            FileNotFoundException => ("FileNotFound", ErrorCategory.ObjectNotFound, exception.Message),
            SyncRowWithoutKeyException => ("SyncRowWithoutKey", ErrorCategory.InvalidData, exception.Message),
            SyncStoreBusyException => ("SyncStoreBusy", ErrorCategory.ResourceBusy, exception.Message),
            SyncStoreException => ("SyncStoreUnavailable", ErrorCategory.ResourceUnavailable, exception.Message),
            ArgumentException => ("InvalidArgument", ErrorCategory.InvalidArgument, exception.Message),
            _ => ("UnexpectedError", ErrorCategory.InvalidOperation, exception.Message),
        };

        var record = new ErrorRecord(exception, errorId ?? id, category, target);
        if (message != exception.Message)
        {
            record.ErrorDetails = new ErrorDetails(message);
        }

        return record;
    }

    private static (string Id, ErrorCategory Category, string Message) ForLake(LakeWriteException e) => e.Failure switch
    {
        LakeFailure.PermissionDenied => ("StoragePermissionDenied", ErrorCategory.PermissionDenied, e.Message),
        LakeFailure.AuthenticationFailed => ("StorageAuthenticationFailed", ErrorCategory.AuthenticationError, e.Message),
        LakeFailure.CredentialUnavailable => ("StorageCredentialUnavailable", ErrorCategory.AuthenticationError, e.Message),
        LakeFailure.ContainerNotFound => ("StorageContainerNotFound", ErrorCategory.ObjectNotFound, e.Message),
        LakeFailure.AlreadyExists => ("ParquetFileExists", ErrorCategory.ResourceExists, e.Message),
        LakeFailure.ConnectionFailed => ("StorageConnectionFailed", ErrorCategory.ConnectionError, e.Message),
        LakeFailure.Unavailable => ("StorageUnavailable", ErrorCategory.ResourceUnavailable, e.Message),
        LakeFailure.RequestFailed => ("StorageRequestFailed", ErrorCategory.InvalidResult, e.Message),
        _ => ("ParquetWriteFailed", ErrorCategory.WriteError, e.Message),
    };

    private static (string Id, ErrorCategory Category, string Message) ForGraph(GraphRequestException e)
    {
        var requestId = e.RequestId is null ? "" : $" (request-id {e.RequestId})";
        return e.StatusCode switch
        {
            400 when e.ErrorCode == CallRecordReader.ParticipantFilterUnavailable => (CallRecordReader.ParticipantFilterUnavailable, ErrorCategory.NotImplemented, e.Message + requestId),
            400 => ("GraphBadRequest", ErrorCategory.InvalidArgument, e.Message + requestId),
            401 => ("GraphUnauthorized", ErrorCategory.AuthenticationError,
                e.Message + " The token was refused: run Connect-CallRecordGraph again, and check that the token is for Microsoft Graph in this tenant." + requestId),
            403 => ("GraphPermissionDenied", ErrorCategory.PermissionDenied,
                e.Message + $" The app needs the application permission {e.RequiredPermission} with admin consent (delegated permissions are not supported for call records)." + requestId),
            404 => ("GraphNotFound", ErrorCategory.ObjectNotFound, e.Message + requestId),
            406 => ("GraphNotAcceptable", ErrorCategory.InvalidArgument, e.Message + requestId),
            409 => ("GraphConflict", ErrorCategory.ResourceExists, e.Message + requestId),
            429 => ("GraphThrottled", ErrorCategory.LimitsExceeded, e.Message + " Graph kept throttling; run the command again later or over a smaller range." + requestId),
            >= 500 => ("GraphUnavailable", ErrorCategory.ResourceUnavailable, e.Message + " Graph is unavailable; try again later." + requestId),
            _ when e.ErrorCode == "UntrustedNextLink" => ("UntrustedNextLink", ErrorCategory.SecurityError, e.Message),
            0 => ("GraphConnectionFailed", ErrorCategory.ConnectionError, e.Message + " Check the network and -GraphEndpoint."),
            _ => ("GraphRequestFailed", ErrorCategory.InvalidResult, e.Message + requestId),
        };
    }
}
