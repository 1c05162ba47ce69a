@{
    Synopsis    = 'Gets the sessions of call records, each with its segments.'
    Description = @'
Get-CallRecordSession returns every session of each call record, with its segments and their media streams, following every page (Graph returns at most 60 sessions a page). A peer-to-peer call usually has one session; a group call has at least one per participant, between the participant and a service endpoint.

Pipe call records or ids: records are fetched several at a time, within Graph's throttling limits, and sessions are written in the order the records came in. An unknown or expired id writes a CallRecordNotFound error and the pipeline goes on.

Each session is flat: caller and callee identity, platform and failure are columns; Caller and Callee hold the whole endpoint (user agent, device name, feedback), and Segments the segments.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        CallRecordId = 'The ids of the call records. Binds from the pipeline, and from the Id or CallRecordId property of piped objects.'
    }
    Examples    = @(
        @{
            Title   = 'The sessions of yesterday''s calls'
            Code    = 'Get-CallRecord -From (Get-Date).Date.AddDays(-1) -To (Get-Date).Date | Get-CallRecordSession'
            Remarks = 'Records are read a few at a time; the sessions come out in the records'' order.'
        }
        @{
            Title   = 'Failed sessions with their reason'
            Code    = 'Get-CallRecord -From (Get-Date).AddDays(-1) | Get-CallRecordSession | Where-Object FailureStage | Select-Object CallRecordId, CallerDisplayName, CalleeDisplayName, FailureStage, FailureReason'
            Remarks = 'FailureStage and FailureReason are filled only for sessions that failed.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All.'
    Links       = @('Get-CallRecord', 'Get-CallRecordMediaStream', 'https://learn.microsoft.com/graph/api/callrecords-callrecord-list-sessions')
}
