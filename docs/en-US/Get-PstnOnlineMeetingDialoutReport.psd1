@{
    Synopsis    = 'Gets the audio conferencing dial-out calls, minutes and cost per meeting organizer for any date range (Graph beta).'
    Description = @'
Get-PstnOnlineMeetingDialoutReport reads Graph's getPstnOnlineMeetingDialoutReport for the dial-out calls from -StartDateTime (included) to -EndDateTime (not included). getPstnOnlineMeetingDialoutReport is only in Graph's beta endpoint (/beta): Microsoft may change or remove it without notice and does not support beta APIs in production, so the command warns once per PowerShell session (process), the first time it runs.

The report is not a log: each row totals the range for one meeting organizer (dial-outs count under the organizer, whoever dialed), one usage location, one destination context (Domestic or International) and one currency: TotalCalls, TotalCallSeconds, and TotalCallCharge (call charges and connection fees, as a decimal). The API takes at most 90 days a request, so a longer range is read in 90-day windows, following every page (1,000 rows a page), and the rows of the windows are added up into the rows of the whole range; they are written once every window has been read. Each window's request stops one tick (100 ns) before the next window starts, so no call counts twice (the function's page does not say whether toDateTime is included).

The request budget is the one Get-PstnCallLog keeps (200 requests a minute per app, 50 per collection). An end in the future is clamped to now with a warning; a start after the end is an InvalidDateRange error; a range the server refuses (400 or 406) ends the command with CallLogRangeRejected naming the window.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        StartDateTime = 'The earliest call start to count. A date without a time zone is local time.'
        EndDateTime   = 'The call start to stop before. Default: now.'
    }
    Examples    = @(
        @{
            Title   = 'Dial-out cost by organizer for last quarter'
            Code    = '$quarter = (Get-Date -Day 1).Date.AddMonths(-3); Get-PstnOnlineMeetingDialoutReport -From $quarter -To $quarter.AddMonths(3) | Sort-Object TotalCallCharge -Descending | Select-Object -First 10 UserPrincipalName, DestinationContext, TotalCalls, TotalCallCharge, Currency'
            Remarks = 'One row per organizer, context and currency for the whole range.'
        }
        @{
            Title   = 'International dial-out minutes over half a year'
            Code    = 'Get-PstnOnlineMeetingDialoutReport -StartDateTime (Get-Date).AddDays(-180) | Where-Object DestinationContext -eq International | Measure-Object TotalCallSeconds -Sum | ForEach-Object { $_.Sum / 60 }'
            Remarks = 'Read as two 90-day windows whose totals are added up per organizer.'
        }
    )
    Notes       = 'Needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All. Beta: the columns follow the beta pstnOnlineMeetingDialoutReport type and may change with it. The report is not kept by Sync-CallRecord: it totals a range rather than logging events.'
    Links       = @('Get-PstnCallLog', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-getpstnonlinemeetingdialoutreport?view=graph-rest-beta')
}
