@{
    Synopsis    = 'Gets the users blocked from, and unblocked for, PSTN calls in Teams, for any date range (Graph beta).'
    Description = @'
Get-PstnBlockedUserLog reads Graph's getPstnBlockedUsersLog for the blocking and unblocking actions from -StartDateTime (included) to -EndDateTime (not included). getPstnBlockedUsersLog is only in Graph's beta endpoint (/beta): Microsoft may change or remove it without notice and does not support beta APIs in production, so the command warns once per PowerShell session (process), the first time it runs.

The API takes at most 90 days a request, so the range is read in consecutive windows of at most 90 days, following every page (1,000 rows a page) and writing rows in date order. The function's page does not say whether a row exactly at toDateTime is included; each window's request stops one tick (100 ns) before the next window starts, so a row on an edge between windows is read once whichever way Graph counts.

Each row has every documented column of pstnBlockedUsersLogRow: user, UserTelephoneNumber, BlockDateTime, UserBlockMode (blocked or unblocked, as Graph writes it), BlockReason and RemediationId. The row type has no id; RemediationId identifies the blocking or unblocking action.

The request budget is the one Get-PstnCallLog keeps (200 requests a minute per app, 50 per collection). An end in the future is clamped to now with a warning; a start after the end is an InvalidDateRange error; a range the server refuses (400 or 406) ends the command with CallLogRangeRejected naming the window.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        StartDateTime = 'The earliest block or unblock time to include. A date without a time zone is local time.'
        EndDateTime   = 'The block or unblock time to stop before. Default: now.'
    }
    Examples    = @(
        @{
            Title   = 'Who was blocked in the last 30 days, and why'
            Code    = 'Get-PstnBlockedUserLog -From (Get-Date).AddDays(-30) | Where-Object UserBlockMode -eq blocked | Select-Object BlockDateTime, UserPrincipalName, UserTelephoneNumber, BlockReason'
            Remarks = 'UserBlockMode is compared without regard to case, so Blocked matches too.'
        }
        @{
            Title   = 'Each user''s latest action over a year'
            Code    = 'Get-PstnBlockedUserLog -StartDateTime (Get-Date).AddDays(-365) | Group-Object UserId | ForEach-Object { $_.Group | Sort-Object BlockDateTime | Select-Object -Last 1 }'
            Remarks = 'Users whose latest row says blocked are blocked now, as far as the log tells.'
        }
    )
    Notes       = 'Needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All. Beta: the columns follow the beta pstnBlockedUsersLogRow type and may change with it.'
    Links       = @('Get-PstnCallLog', 'Sync-CallRecord', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-getpstnblockeduserslog?view=graph-rest-beta')
}
