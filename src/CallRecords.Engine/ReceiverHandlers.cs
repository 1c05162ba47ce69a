using System;

namespace CallRecords.Engine;

/// <summary>Where a receiver hands what it receives. Each handler is called from the receiver's loop, one call at a time.</summary>
public sealed class ReceiverHandlers
{
    /// <summary>Gets or sets what takes each notification written as it came: lifecycle notifications other than "missed", and change notifications unless their call record is expanded.</summary>
    public Action<CallRecordNotification> OnNotification { get; set; } = _ => { };

    /// <summary>Gets or sets what takes each "missed" lifecycle notification, with the window of what may have been missed.</summary>
    public Action<CallRecordMissedNotification> OnMissed { get; set; } = _ => { };

    /// <summary>Gets or sets what takes each call record a notification names, once per version, when the receiver expands them.</summary>
    public Action<CallRecord> OnCallRecord { get; set; } = _ => { };

    /// <summary>Gets or sets where the receiver's verbose, debug and warning messages go.</summary>
    public RequestLog Log { get; set; } = RequestLog.None;
}
