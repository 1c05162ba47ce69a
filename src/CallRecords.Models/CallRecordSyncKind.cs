namespace CallRecords;

/// <summary>What Sync-CallRecord keeps in its store.</summary>
public enum CallRecordSyncKind
{
    /// <summary>Call records with their sessions and segments.</summary>
    CallRecord,

    /// <summary>One row per media stream of every call record; read in the same pass as the call records.</summary>
    MediaStream,

    /// <summary>PSTN call log rows (getPstnCalls).</summary>
    PstnCall,

    /// <summary>Direct Routing call log rows (getDirectRoutingCalls).</summary>
    DirectRoutingCall,

    /// <summary>SMS log rows (getSmsLog, Graph beta); only when asked for, since beta may change.</summary>
    SmsLog,

    /// <summary>PSTN blocked users log rows (getPstnBlockedUsersLog, Graph beta); only when asked for, since beta may change.</summary>
    PstnBlockedUser,
}
