@{
    Synopsis    = 'Gets PSTN calls (calling plans, Operator Connect, audio conferencing) for any date range.'
    Description = @'
Get-PstnCallLog reads Graph's getPstnCalls for the calls that started from -StartDateTime (included) to -EndDateTime (not included). The API takes at most 90 days a request, so the range is read in consecutive windows of at most 90 days; a row that starts exactly on the edge between two windows is read once. Five windows are read at once, each sized to hold about 8 pages (1,000 rows a page), and rows are written in date order as soon as every earlier window has been written; at most 12 pages of a window wait in memory, so memory stays flat for millions of rows and the first rows appear after the first page. Progress shows the window, the rows so far and the share of the range done.

Each row has every documented column: user, numbers, start and end, Duration in seconds, Charge and ConnectionCharge as decimals with their Currency, CallType (user_in, user_out, conf_in, ucap_out...), Operator and CallDurationSource (Operator Connect rows say operator), destination, license and inventory type.

A client-side budget keeps the command under Graph's limits for these functions (200 requests a minute per app and 50 per collection, each at 95%), so a normal run waits rather than gets throttled. Each window is its own query; should Graph throttle a pull whose queries each kept under 50 a minute, the command takes the limit to count every query of the function together and, for the rest of the connection, reads one window at a time (-Verbose says so). An end in the future is clamped to now with a warning; a start after the end is an InvalidDateRange error; a range the server refuses (400 or 406) ends the command with CallLogRangeRejected naming the window.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        StartDateTime = 'The earliest call start to include. A date without a time zone is local time.'
        EndDateTime   = 'The call start to stop before; rows that start exactly then are not included. Default: now.'
    }
    Examples    = @(
        @{
            Title   = 'Last month''s PSTN calls to CSV'
            Code    = '$first = (Get-Date -Day 1).Date; Get-PstnCallLog -From $first.AddMonths(-1) -To $first | Export-Csv pstn.csv -NoTypeInformation'
            Remarks = 'Charge stays a decimal; every column is one value.'
        }
        @{
            Title   = 'Cost by user for the last 200 days'
            Code    = 'Get-PstnCallLog -StartDateTime (Get-Date).AddDays(-200) | Group-Object UserPrincipalName | Select-Object Name, Count, @{ n = ''Charge''; e = { ($_.Group | Measure-Object Charge -Sum).Sum } } | Sort-Object Charge -Descending'
            Remarks = 'A range longer than 90 days is read in windows; nothing is lost or repeated at their edges.'
        }
        @{
            Title   = 'Operator Connect calls only'
            Code    = 'Get-PstnCallLog -From (Get-Date).AddDays(-7) | Where-Object CallDurationSource -eq operator'
            Remarks = 'For these the operator supplied the duration.'
        }
    )
    Notes       = 'Needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All. The function returns nothing for Telstra or Softbank calling plans. A row''s CallId is not a call record id.'
    Links       = @('Get-DirectRoutingCallLog', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-getpstncalls')
}
