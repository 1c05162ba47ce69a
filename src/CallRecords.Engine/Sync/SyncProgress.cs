using System;

namespace CallRecords.Engine.Sync;

/// <summary>How far a pass has come: every start time before <see cref="DoneUpTo"/> in its range is committed.</summary>
public sealed class SyncProgress
{
    internal SyncProgress(string tenantId, string pass, DateTimeOffset start, DateTimeOffset end, DateTimeOffset doneUpTo)
    {
        TenantId = tenantId;
        Pass = pass;
        Start = start;
        End = end;
        DoneUpTo = doneUpTo;
    }

    /// <summary>Gets the tenant.</summary>
    public string TenantId { get; }

    /// <summary>Gets the pass: CallRecord (with media streams), PstnCall, DirectRoutingCall, SmsLog or PstnBlockedUser.</summary>
    public string Pass { get; }

    /// <summary>Gets where the pass started reading.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets where the pass stops reading.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Gets the end of the last committed slice: the new checkpoint.</summary>
    public DateTimeOffset DoneUpTo { get; }

    /// <summary>Gets the share of the range done, from 0 to 100.</summary>
    public int PercentComplete => End > Start ? (int)(100 * (DoneUpTo - Start).Ticks / (End - Start).Ticks) : 100;
}
