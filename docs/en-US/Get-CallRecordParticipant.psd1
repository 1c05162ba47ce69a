@{
    Synopsis    = 'Gets the participants of call records.'
    Description = @'
Get-CallRecordParticipant returns the participants of each call record from participants_v2, following every page (Graph returns at most 130 a page). The deprecated participants list is read instead for a record whose participants_v2 is empty, and in clouds where Graph has no participants_v2 (it is in the global cloud only): there a warning says so once, and each participant is an identity only (no administrative units), at most 130 a record.

Each participant is flat: id, display name, user principal name, identity kind (user, phone, guest, application...) and tenant, with the administrative units it belongs to. Pipe call records or ids; an unknown or expired id writes a CallRecordNotFound error and the pipeline goes on.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        CallRecordId = 'The ids of the call records. Binds from the pipeline, and from the Id or CallRecordId property of piped objects.'
    }
    Examples    = @(
        @{
            Title   = 'Who took part in yesterday''s meetings'
            Code    = 'Get-CallRecord -From (Get-Date).Date.AddDays(-1) -To (Get-Date).Date | Where-Object Type -eq groupCall | Get-CallRecordParticipant | Group-Object DisplayName | Sort-Object Count -Descending'
            Remarks = 'Counts the meetings each participant joined.'
        }
        @{
            Title   = 'Phone participants only'
            Code    = 'Get-CallRecord -From (Get-Date).AddDays(-1) | Get-CallRecordParticipant | Where-Object IdentityType -eq phone'
            Remarks = 'For phone participants the Id is the phone number.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All. participants_v2 is available in the global cloud only; elsewhere the deprecated list is read.'
    Links       = @('Get-CallRecord', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-list-participants_v2')
}
