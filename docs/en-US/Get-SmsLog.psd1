@{
    Synopsis    = 'Gets the SMS sent and received through Teams Phone for any date range (Graph beta).'
    Description = @'
Get-SmsLog reads Graph's getSmsLog for the SMS sent from -StartDateTime (included) to -EndDateTime (not included). getSmsLog is only in Graph's beta endpoint (/beta): Microsoft may change or remove it without notice and does not support beta APIs in production, so the command warns once per PowerShell session (process), the first time it runs.

The API takes at most 90 days a request, so the range is read in consecutive windows of at most 90 days, several at once, following every page (1,000 rows a page) and writing rows in date order as their pages arrive, as Get-PstnCallLog does. The function's page does not say whether a row sent exactly at toDateTime is included; each window's request stops one tick (100 ns) before the next window starts, so a row on an edge between windows is read once whichever way Graph counts.

Each row has every documented column of smsLogRow: Id (the SMS's unique id) and SmsId (not unique), user, SourceNumber and DestinationNumber (external numbers may be partly masked), SentDateTime, CallCharge as a decimal with its Currency, SmsType (sms_in, sms_out), SmsUnits, DestinationContext and DestinationName, the country codes, LicenseCapability, and AdministrativeUnitIds (the ids of administrativeUnitInfos).

The request budget is the one Get-PstnCallLog keeps: Graph counts these functions under the same limits (200 requests a minute per app, 50 per collection). An end in the future is clamped to now with a warning; a start after the end is an InvalidDateRange error; a range the server refuses (400 or 406) ends the command with CallLogRangeRejected naming the window.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        StartDateTime = 'The earliest send time to include. A date without a time zone is local time.'
        EndDateTime   = 'The send time to stop before; SMS sent exactly then are not included. Default: now.'
    }
    Examples    = @(
        @{
            Title   = 'Last month''s SMS to CSV'
            Code    = '$first = (Get-Date -Day 1).Date; Get-SmsLog -From $first.AddMonths(-1) -To $first | Export-Csv sms.csv -NoTypeInformation'
            Remarks = 'CallCharge stays a decimal; AdministrativeUnitIds is one cell, the ids joined by commas.'
        }
        @{
            Title   = 'SMS cost by user for the last 200 days'
            Code    = 'Get-SmsLog -StartDateTime (Get-Date).AddDays(-200) -WarningAction SilentlyContinue | Group-Object UserPrincipalName | Select-Object Name, Count, @{ n = ''Charge''; e = { ($_.Group | Measure-Object CallCharge -Sum).Sum } } | Sort-Object Charge -Descending'
            Remarks = 'A range longer than 90 days is read in windows; -WarningAction SilentlyContinue hides the beta warning.'
        }
    )
    Notes       = 'Needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All. Beta: the columns follow the beta smsLogRow type and may change with it.'
    Links       = @('Get-PstnCallLog', 'Sync-CallRecord', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-getsmslog?view=graph-rest-beta')
}
