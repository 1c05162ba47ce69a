@{
    Synopsis    = 'Shows a Sync-CallRecord store (SQLite or PostgreSQL): for each tenant, checkpoints, row counts, and the last run with its outcome.'
    Description = @'
Get-CallRecordSyncState returns, for each tenant the store holds (TenantId), one row per kind of data (CallRecord, MediaStream, PstnCall, DirectRoutingCall, and the beta SmsLog and PstnBlockedUser, with no rows until a run asks for them): the Checkpoint (everything that started before it has been read at least once), the number of Rows in its table, and the last run that included it: when it started and ended, and its outcome, which is Completed, Failed (with the error in LastRunMessage), Cancelled, Running, or Interrupted when the process was killed before it could record an end, and the worker that ran it (LastRunWorker: machine, process id and a run id). In a PostgreSQL store, a run shows as Running only while its worker holds the lease on that pass; once the lease has expired it shows as Interrupted.

It reads while runs write, and changes nothing. A path with no store writes a SyncStoreNotFound error; a store that cannot be read (a SQLite store an earlier release wrote and no run has upgraded yet, an unreachable server) writes SyncStoreUnavailable.
'@
    Parameters  = @{
        Path             = 'The SQLite store file that Sync-CallRecord writes. Binds from the pipeline by property name.'
        ConnectionString = 'The Npgsql connection string of a PostgreSQL store, as given to Sync-CallRecord -ConnectionString. A password in it never appears in any output or error.'
        TenantId         = 'Only these tenants. Default: every tenant in the store.'
    }
    Examples    = @(
        @{
            Title   = 'Check the store after a scheduled run'
            Code    = 'Get-CallRecordSyncState -Path ./calls.db'
            Remarks = 'One row per kind with its checkpoint, rows and last outcome.'
        }
        @{
            Title   = 'Alert when the last run did not complete'
            Code    = 'Get-CallRecordSyncState ./calls.db | Where-Object LastRunOutcome -ne Completed | ForEach-Object { Write-Warning "$($_.Kind): $($_.LastRunOutcome) $($_.LastRunMessage)" }'
            Remarks = 'A run that was killed shows as Interrupted; the next run completes its work.'
        }
        @{
            Title   = 'Which tenants of a fleet''s store are behind'
            Code    = '$env:PGPASSFILE = ''/etc/callrecords/pgpass''; Get-CallRecordSyncState -ConnectionString ''Host=db.contoso.net;Database=callrecords;Username=sync'' | Where-Object { $_.Kind -eq ''CallRecord'' -and $_.Checkpoint -lt (Get-Date).AddHours(-6) } | Format-Table TenantId, Checkpoint, LastRunOutcome, LastRunWorker'
            Remarks = 'The password comes from the pgpass file, not the connection string.'
        }
    )
    Links       = @('Sync-CallRecord')
}
