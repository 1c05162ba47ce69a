@{
    Synopsis    = 'Gets Teams call records by id, or lists the records of a time range.'
    Description = @'
Get-CallRecord lists the call records whose calls started in a range (-StartDateTime, included, to -EndDateTime, not included), optionally only those a user took part in (-UserId), or gets records by id (-Id, from the pipeline too). Graph keeps call records for 30 days after the call: a range reaching further back is shortened with a warning, and an end in the future is clamped to now.

Every page is followed and each record is written as its page arrives, so output starts at once and memory stays flat. -ExpandSessions fills each record's Sessions with their segments, following every sessions page (large meetings have more than 60 sessions); listed records are then fetched a few at a time and still written in list order.

Output objects are flat: the organizer's id, name, user principal name and identity kind are columns of their own, and Modalities and Sessions print as values, so Export-Csv writes one meaningful value per cell. An unknown id writes a CallRecordNotFound error and the pipeline goes on.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        Id             = 'One or more call record ids (GUIDs). Accepts pipeline input, and binds from CallRecordId or CorrelationId properties: a Direct Routing CorrelationId is a call record id; a PSTN CallId is not.'
        StartDateTime  = 'The earliest call start to list. A date without a time zone is local time. Default: 30 days ago, as far back as Graph keeps records.'
        EndDateTime    = 'The call start to list up to, not included. Default: now.'
        UserId         = 'The Entra object id of a participant: only calls they took part in are listed. Graph filters on participants_v2, which it has in the global cloud only; elsewhere (US Government) the command ends with ParticipantFilterUnavailable: list the range and read each record''s participants instead.'
        DirectRoutingCall = 'A row from Get-DirectRoutingCallLog, from the pipeline: its CorrelationId is the call record id.'
        ExpandSessions = 'Fills each record''s Sessions and SessionCount, with every session''s segments, following every page.'
    }
    Examples    = @(
        @{
            Title   = 'List yesterday''s calls'
            Code    = 'Get-CallRecord -From (Get-Date).Date.AddDays(-1) -To (Get-Date).Date'
            Remarks = 'Dates without a time zone are local time.'
        }
        @{
            Title   = 'Export the last day''s calls to CSV'
            Code    = 'Get-CallRecord -StartDateTime (Get-Date).AddDays(-1) | Export-Csv -Path calls.csv -NoTypeInformation'
            Remarks = 'Every column holds one value: organizer columns are flat, Modalities reads like "audio, video".'
        }
        @{
            Title   = 'The sessions of the group calls with most sessions'
            Code    = 'Get-CallRecord -From (Get-Date).AddDays(-1) | Where-Object Type -eq groupCall | Get-CallRecord -ExpandSessions | Sort-Object SessionCount -Descending | Select-Object -First 1 -ExpandProperty Sessions'
            Remarks = 'Records piped into Get-CallRecord bind by their Id. All sessions are returned, however many pages they span.'
        }
        @{
            Title   = 'The calls of one user in the last week'
            Code    = 'Get-CallRecord -StartDateTime (Get-Date).AddDays(-7) -UserId 821809f5-0000-0000-0000-3b5136c0e777'
            Remarks = 'Filters on participants_v2 on the server.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All. Call records appear after the call ends, usually within 30 minutes and at most 150 minutes, and are revised afterwards (Version rises).'
    Links       = @('Connect-CallRecordGraph', 'https://learn.microsoft.com/graph/api/callrecords-cloudcommunications-list-callrecords')
}
