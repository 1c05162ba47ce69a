@{
    Synopsis    = 'Brings a store of call records, media streams, PSTN and Direct Routing calls (and, when asked, the beta SMS and blocked users logs) up to date for one or more tenants: a SQLite file, or a PostgreSQL database a fleet of workers shares.'
    Description = @'
Sync-CallRecord keeps a store in step with Graph: a SQLite file (-Path, created on the first run) for one admin on one machine, or a PostgreSQL database (-ConnectionString, its tables made by the first run) that any number of workers on any number of machines share. Both hold the same tables and columns, with TenantId first in every key.

It syncs the tenant of the runspace's connection, or of each connection given to -Connection (from Connect-CallRecordGraph -PassThru; piped connections are gathered into one run). Tenants run side by side, up to -ThrottleLimit at once, each under its own connection's throttle budgets, since Graph's limits are per app and tenant; each tenant's passes (call records with their media streams, then each call log) run in turn. The first run reads from -Since (default: 30 days back, all Graph keeps of call records; the call logs take the same default). Each later run reads from its checkpoint less an overlap that matches how late each kind of data can appear or change, up to now (Graph's time, read from its answers, so a machine whose clock is off still asks for the right ranges):

- Call records: 24 hours. A record appears up to 150 minutes after the call ends, the list is matched on the call's start, and records are revised after that (their Version rises). 24 hours covers calls of up to 21 hours plus the 150 minutes, and the revisions of the first day. A revision made more than 24 hours after the call started is not read again.
- PSTN and Direct Routing: 48 hours, because their rows can lag 24 to 48 hours.
- SMS and PSTN blocked users (beta): 48 hours too. Graph documents no latency for them; they come from the same PSTN usage reporting.

The beta logs (SmsLog, PstnBlockedUser) read Graph beta APIs, which Microsoft may change or remove: a run reads them only when -Kind names them, so a scheduled run without -Kind never starts failing because of a beta change. The first run that reads one warns once that it is beta.

Rows are upserted by id (SMS rows by their Id; blocked users rows, which have no id, by RemediationId, UserId and BlockDateTime together, since the documented example repeats one RemediationId on two rows). A log row that lacks its key ends the run with SyncRowWithoutKey before it is stored. A call record is stored only when Graph has a higher Version than the store, and then together with all its sessions, segments and media streams, which replace the older ones as a whole. Records the store already has at their version are not fetched again, so a run with nothing new only lists. Log rows are added, or updated when a column changed.

Work is committed in chunks, and each slice's end (a day of call records, seven days of PSTN, Direct Routing or SMS rows, 30 days of blocked users) becomes the checkpoint in the same transaction as its last rows. A run stopped by Ctrl+C, a failure or a killed process leaves whole records and a checkpoint that covers only what was committed; the next run completes the work. The run and its outcome are recorded in the store (Get-CallRecordSyncState). Progress shows each pass and the time up to which it has committed.

Only one run writes a SQLite store at a time. A second run waits up to -LockTimeout for the first to finish, then fails with the error SyncStoreBusy and changes nothing.

A PostgreSQL store is shared: several workers run the same command against it at once. A worker runs a tenant's pass only while it holds that pass's lease (the call log passes share one, since Graph counts every call log function against one limit per app and tenant), a row in SyncLease that it takes in one statement and renews at a third of -LeaseDuration; every write transaction renews it too and writes nothing if the lease is no longer the worker's. A pass another live worker holds is skipped and looked at again once the worker's other work is done: the worker waits until the holder completes it, or until the holder's lease expires (the holder died) and then completes it itself. A pass another worker has completed since this run began (in a run begun later, or in the one running then) is not run again, and a worker that stalled past its lease and lost a pass to another warns and goes on with its other passes. So a fleet started together divides the work, each pass runs once between them, and a worker killed midway leaves whole slices that another worker completes. Rows go in by binary COPY (log rows through a staging table and one upsert), a slice and its checkpoint in one transaction. The store also has views for dashboards: PoorStreamsByDay, PoorStreamsBySubnet, PoorStreamsByUser and PstnUsageByUserMonth.

With one tenant, a failure ends the command. With several, a tenant that fails writes an error (its TenantId as the target) and skips its remaining passes; the other tenants go on.

The store has one table per output type, with the property names as column names and TenantId first in every key: CallRecord, CallRecordSession, CallRecordSegment, CallRecordMediaStream, PstnCallLogRow, DirectRoutingCallLogRow, SmsLogRow, PstnBlockedUserLogRow (endpoints of sessions and segments as Caller* and Callee* columns; lists such as Modalities as text; durations as seconds; in SQLite times as UTC ISO 8601 text and true/false as 1/0, in PostgreSQL timestamptz and boolean). A SQLite store written by release 0.1.0 holds one tenant's rows without saying which: the first run with a single connection claims them for its tenant and rebuilds the keys with TenantId; a run with several connections refuses such a store until then. Indexes serve questions by day (StartDateTime), by user (OrganizerId, CallerUserPrincipalName, UserPrincipalName) and by quality (Quality, MediaType). SyncCheckpoint and SyncRun hold each tenant's checkpoints and every pass run, with the worker that ran it.

The command returns one summary per tenant and kind as each pass completes (TenantId, Added, Updated, Unchanged, the range read, the new Checkpoint, the Duration and the part of it spent in the store, StoreDuration). With -PassThru it writes the new and changed rows instead (call records with their sessions, media streams, PSTN, Direct Routing, SMS and blocked users rows, as -Kind asks), and the summaries go to the information stream.
'@
    Parameters  = @{
        Path             = 'The store file (SQLite). Created with its tables on the first run; a lock file <Path>.lock sits next to it.'
        ConnectionString = 'An Npgsql connection string for a PostgreSQL store, such as ''Host=db.contoso.net;Database=callrecords;Username=sync''. Keep the password out of it: Npgsql reads it from the PGPASSWORD environment variable or a pgpass file (PGPASSFILE). Whatever the string holds, no password appears in any output or error. The first run makes the tables, indexes and views; a run of a newer release adds the columns it has.'
        Connection       = 'The tenants to sync, as connections from Connect-CallRecordGraph -PassThru (one per tenant; the same tenant twice is the error DuplicateTenant). Binds from the pipeline. Default: the runspace''s connection.'
        ThrottleLimit    = 'How many tenants to sync at once in this process. Default: 4.'
        LeaseDuration    = 'PostgreSQL only: how long a worker''s lease on a tenant''s pass lasts without renewal, which is how long the other workers wait before they take over the pass of a worker that died. Default: one minute; at least five seconds.'
        Kind             = 'What to bring up to date: CallRecord, MediaStream, PstnCall, DirectRoutingCall, and the beta logs SmsLog and PstnBlockedUser. Default: the first four; the beta logs are read only when named here, not by default. CallRecord and MediaStream come from one pass over the call records and share its checkpoint.'
        Since            = 'Where the first run of each kind starts (a date without a time zone is local time). Once a kind has a checkpoint, later runs continue from it and -Since is not used, so a scheduled script can pass the same value every time; to read further back, start a new store. Call records older than 30 days no longer exist in Graph and are not asked for.'
        PassThru         = 'Writes the new and changed rows instead of the summaries, which go to the information stream (-InformationVariable).'
        LockTimeout      = 'SQLite only: how long to wait for another run on the same store to finish before failing with SyncStoreBusy. Default: one minute.'
    }
    Examples    = @(
        @{
            Title   = 'The nightly (or hourly) scheduled run'
            Code    = 'Connect-CallRecordGraph -TenantId <tenant> -ClientId <app id> -CertificateThumbprint <thumbprint>; Sync-CallRecord -Path ./calls.db'
            Remarks = 'The first run reads the last 30 days; later runs continue from their checkpoints.'
        }
        @{
            Title   = 'Export exactly the PSTN calls that are new since the last run'
            Code    = 'Sync-CallRecord -Path ./calls.db -Kind PstnCall -PassThru | Export-Csv "pstn-$(Get-Date -Format yyyyMMdd-HHmm).csv" -NoTypeInformation'
            Remarks = 'Rows already in the store are not written again.'
        }
        @{
            Title   = 'Keep the beta SMS and blocked users logs too'
            Code    = 'Sync-CallRecord -Path ./calls.db -Kind CallRecord, MediaStream, PstnCall, DirectRoutingCall, SmsLog, PstnBlockedUser'
            Remarks = 'The beta kinds have their own checkpoints; leaving them out later leaves their tables as they were.'
        }
        @{
            Title   = 'A fleet: every customer tenant, on any number of machines, into one PostgreSQL database'
            Code    = '$tenants = Import-Csv ./tenants.csv | ForEach-Object { Connect-CallRecordGraph -TenantId $_.TenantId -ClientId $_.ClientId -CertificateThumbprint $_.Thumbprint -PassThru }; $tenants | Sync-CallRecord -ConnectionString ''Host=db.contoso.net;Database=callrecords;Username=sync'' -ThrottleLimit 8'
            Remarks = 'Run the same script on several machines at once: each takes the tenants'' passes no other worker holds, and ends when every pass has been completed by someone.'
        }
        @{
            Title   = 'Poor audio streams by user, from the store'
            Code    = 'Sync-CallRecord -Path ./calls.db -Kind CallRecord, MediaStream; Get-CallRecordSyncState -Path ./calls.db'
            Remarks = 'Then query CallRecordMediaStream with SQL: SELECT CallerUserPrincipalName, count(*) FROM CallRecordMediaStream WHERE Quality = ''Poor'' AND MediaType = ''audio'' GROUP BY 1 ORDER BY 2 DESC.'
        }
    )
    Notes       = 'Needs CallRecords.Read.All (application); the call logs alone need CallRecord-PstnCalls.Read.All. The store keeps records after Graph has dropped them (30 days), so it grows into a history. Times in the store are UTC.'
    Links       = @('Get-CallRecordSyncState', 'Get-CallRecord', 'Get-PstnCallLog', 'Get-DirectRoutingCallLog', 'Get-SmsLog', 'Get-PstnBlockedUserLog')
}
