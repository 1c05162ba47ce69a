using System;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Thrown when a worker is about to write under a lease it no longer holds: it could not renew it in time (a pause,
/// a lost database connection) and the lease expired, so another worker may have taken the pass. Nothing of the
/// transaction is written; the other worker completes the pass.
/// </summary>
public sealed class SyncLeaseLostException : Exception
{
    /// <summary>Creates the exception for a tenant's pass.</summary>
    public SyncLeaseLostException(string tenantId, string pass)
        : base($"This worker's lease on {pass} of tenant {tenantId} expired before it could renew it, so another worker may now hold it; nothing more was written. The pass is completed by the worker that holds it, or by the next run.")
    {
        TenantId = tenantId;
        Pass = pass;
    }

    /// <summary>Gets the tenant.</summary>
    public string TenantId { get; }

    /// <summary>Gets the pass: CallRecord, PstnCall, DirectRoutingCall, SmsLog or PstnBlockedUser.</summary>
    public string Pass { get; }
}
