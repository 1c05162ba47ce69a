using System;

namespace CallRecords.Engine.Sync;

/// <summary>
/// One pass over one Graph source, with its own checkpoint. The overlap each run reads again before its
/// checkpoint is sized to how late the source's data can appear or change:
/// <list type="bullet">
/// <item>Call records: a record appears up to 150 minutes after the call ends, and the list is filtered on the
/// call's start, so a long call appears hours after its start; records are also revised later (version rises,
/// outside the latency figures). 24 hours covers a call of up to 21 hours plus the 150 minutes, and the
/// revisions of the first day; a revision later than that is not read again. (Latency:
/// learn.microsoft.com/graph/changenotifications-for-callrecords; revisions: the callRecord version property.)</item>
/// <item>PSTN and Direct Routing logs: rows can lag 24 to 48 hours, so 48 hours.</item>
/// <item>The beta SMS and PSTN blocked users logs: Graph documents no latency for them; they come from the same PSTN
/// usage reporting as getPstnCalls, so they take its 48 hours.</item>
/// </list>
/// Slices follow how dense the rows are: seven days of PSTN, Direct Routing or SMS rows (thousands a day in a large
/// tenant) commit regularly, while blocked and unblocked users are a handful a day, so a 30-day slice of them is one
/// request and one transaction.
/// Slices are the unit of a checkpoint: a run commits a slice's rows in chunks and the slice's end as the new
/// checkpoint in the same transaction as its last chunk.
/// </summary>
internal sealed class SyncPass
{
    public static readonly SyncPass CallRecords = new("CallRecord", TimeSpan.FromHours(24), TimeSpan.FromDays(1));

    public static readonly SyncPass PstnCalls = new("PstnCall", TimeSpan.FromHours(48), TimeSpan.FromDays(7));

    public static readonly SyncPass DirectRoutingCalls = new("DirectRoutingCall", TimeSpan.FromHours(48), TimeSpan.FromDays(7));

    public static readonly SyncPass SmsLogs = new("SmsLog", TimeSpan.FromHours(48), TimeSpan.FromDays(7));

    public static readonly SyncPass PstnBlockedUsers = new("PstnBlockedUser", TimeSpan.FromHours(48), TimeSpan.FromDays(30));

    /// <summary>How far back a first run reads without -Since: as far back as Graph keeps call records.</summary>
    public static readonly TimeSpan FirstRunLookback = DateRange.CallRecordRetention;

    private SyncPass(string name, TimeSpan overlap, TimeSpan slice)
    {
        Name = name;
        Overlap = overlap;
        Slice = slice;
    }

    /// <summary>Gets the checkpoint's name in the store.</summary>
    public string Name { get; }

    public TimeSpan Overlap { get; }

    public TimeSpan Slice { get; }

    /// <summary>Call records and their media streams come from one pass over the records.</summary>
    public static SyncPass For(CallRecordSyncKind kind) => kind switch
    {
        CallRecordSyncKind.PstnCall => PstnCalls,
        CallRecordSyncKind.DirectRoutingCall => DirectRoutingCalls,
        CallRecordSyncKind.SmsLog => SmsLogs,
        CallRecordSyncKind.PstnBlockedUser => PstnBlockedUsers,
        _ => CallRecords,
    };

    public static StoreTable TableOf(CallRecordSyncKind kind) => kind switch
    {
        CallRecordSyncKind.CallRecord => StoreTable.CallRecords,
        CallRecordSyncKind.MediaStream => StoreTable.MediaStreams,
        CallRecordSyncKind.PstnCall => StoreTable.PstnCalls,
        CallRecordSyncKind.SmsLog => StoreTable.SmsLogs,
        CallRecordSyncKind.PstnBlockedUser => StoreTable.PstnBlockedUsers,
        _ => StoreTable.DirectRoutingCalls,
    };
}
