@{
    Synopsis    = 'Shows a Sync-CallRecord store: checkpoints, row counts, and the last run with its outcome.'
    Description = @'
Get-CallRecordSyncState returns one row per kind of data (CallRecord, MediaStream, PstnCall, DirectRoutingCall, and the beta SmsLog and PstnBlockedUser, with no rows until a run asks for them): the Checkpoint (everything that started before it has been read at least once), the number of Rows in its table, and the last run that included it: when it started and ended, and its outcome, which is Completed, Failed (with the error in LastRunMessage), Cancelled, Running, or Interrupted when the process was killed before it could record an end.

It reads while a run writes, and changes nothing. A path with no store writes a SyncStoreNotFound error.
'@
    Parameters  = @{
        Path = 'The store file that Sync-CallRecord writes. Binds from the pipeline by property name.'
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
    )
    Links       = @('Sync-CallRecord')
}
