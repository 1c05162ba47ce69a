using System;

namespace CallRecords.Engine;

/// <summary>The listener could not start: the prefix is malformed, or the port is taken.</summary>
public sealed class NotificationListenerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotificationListenerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
