using System;
using System.Collections.Generic;
using System.Linq;

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
    // Every call log function counts against one per-app limit of Graph's, so a tenant's log passes share a lease:
    // a fleet runs one of them at a time per tenant, as one process would.
    private const string CallLogsLease = "CallLogs";

    // A call record is stored with its media streams whichever of the two kinds was asked for, so the pass serves both.
    public static readonly SyncPass CallRecords = new("CallRecord", "CallRecord", TimeSpan.FromHours(24), TimeSpan.FromDays(1), null, CallRecordSyncKind.CallRecord, CallRecordSyncKind.MediaStream);

    public static readonly SyncPass PstnCalls = new("PstnCall", CallLogsLease, TimeSpan.FromHours(48), TimeSpan.FromDays(7), CallLogKind.Pstn, CallRecordSyncKind.PstnCall);

    public static readonly SyncPass DirectRoutingCalls = new("DirectRoutingCall", CallLogsLease, TimeSpan.FromHours(48), TimeSpan.FromDays(7), CallLogKind.DirectRouting, CallRecordSyncKind.DirectRoutingCall);

    public static readonly SyncPass SmsLogs = new("SmsLog", CallLogsLease, TimeSpan.FromHours(48), TimeSpan.FromDays(7), CallLogKind.Sms, CallRecordSyncKind.SmsLog);

    public static readonly SyncPass PstnBlockedUsers = new("PstnBlockedUser", CallLogsLease, TimeSpan.FromHours(48), TimeSpan.FromDays(30), CallLogKind.PstnBlockedUsers, CallRecordSyncKind.PstnBlockedUser);

    /// <summary>Gets every pass, in the order a run takes them.</summary>
    public static readonly IReadOnlyList<SyncPass> All = new[] { CallRecords, PstnCalls, DirectRoutingCalls, SmsLogs, PstnBlockedUsers };

    /// <summary>How far back a first run reads without -Since: as far back as Graph keeps call records.</summary>
    public static readonly TimeSpan FirstRunLookback = DateRange.CallRecordRetention;

    private SyncPass(string name, string lease, TimeSpan overlap, TimeSpan slice, CallLogKind? log, params CallRecordSyncKind[] serves)
    {
        Name = name;
        Lease = lease;
        Log = log;
        Overlap = overlap;
        Slice = slice;
        Serves = serves;
        Kinds = string.Join(",", serves);
    }

    /// <summary>Gets the checkpoint's name in the store.</summary>
    public string Name { get; }

    /// <summary>Gets the name of the lease a worker holds to run the pass: passes that draw on one Graph limit share it.</summary>
    public string Lease { get; }

    /// <summary>Gets the kinds (as SyncRun records them) of every pass under this pass's lease.</summary>
    public IReadOnlyList<string> KindsUnderLease => All.Where(p => p.Lease == Lease).Select(p => p.Kinds).ToList();

    /// <summary>Gets the call log the pass reads, or null for the call records pass.</summary>
    public CallLogKind? Log { get; }

    /// <summary>Gets the kinds the pass brings up to date.</summary>
    public IReadOnlyList<CallRecordSyncKind> Serves { get; }

    /// <summary>Gets the kinds as SyncRun records them: comma-separated.</summary>
    public string Kinds { get; }

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
