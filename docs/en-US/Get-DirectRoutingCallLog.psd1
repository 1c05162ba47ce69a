@{
    Synopsis    = 'Gets Direct Routing calls for any date range.'
    Description = @'
Get-DirectRoutingCallLog reads Graph's getDirectRoutingCalls for the calls that started from -StartDateTime (included) to -EndDateTime (not included), in consecutive windows of at most 90 days, five read at once, following every page (1,000 rows a page) and writing rows in date order as their pages arrive, as Get-PstnCallLog does.

Each row has every documented column: user, numbers (partly masked where Microsoft masks them), start, invite, end and failure times, Duration in seconds, SuccessfulCall, FinalSipCode and FinalSipCodePhrase, CallEndSubReason, the SBC's FQDN, media bypass, and media and signaling locations. Graph writes 0001-01-01 as the failure time of a successful call; that reads as empty here.

A row's CorrelationId is the call record id: pipe rows into Get-CallRecord to get the call records behind them (Graph keeps those for 30 days).
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        StartDateTime = 'The earliest call start to include. A date without a time zone is local time.'
        EndDateTime   = 'The call start to stop before. Default: now.'
    }
    Examples    = @(
        @{
            Title   = 'Failed calls of the last week, by SIP code'
            Code    = 'Get-DirectRoutingCallLog -From (Get-Date).AddDays(-7) | Where-Object { -not $_.SuccessfulCall } | Group-Object FinalSipCode, FinalSipCodePhrase | Sort-Object Count -Descending'
            Remarks = 'Shows which failures are most common on your SBCs.'
        }
        @{
            Title   = 'The call records behind yesterday''s failed calls'
            Code    = 'Get-DirectRoutingCallLog -From (Get-Date).Date.AddDays(-1) -To (Get-Date).Date | Where-Object { -not $_.SuccessfulCall } | Get-CallRecord -ExpandSessions -ErrorAction SilentlyContinue'
            Remarks = 'Rows bind to Get-CallRecord by CorrelationId; rows whose record Graph does not have write CallRecordNotFound.'
        }
    )
    Notes       = 'Needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All. $filter is ignored by this function, so filter in PowerShell.'
    Links       = @('Get-PstnCallLog', 'Get-CallRecord', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-getdirectroutingcalls')
}
