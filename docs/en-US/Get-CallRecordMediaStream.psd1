@{
    Synopsis    = 'Gets one flat row per media stream, with a call quality verdict.'
    Description = @'
Get-CallRecordMediaStream turns call records into one row per media stream (record, session, segment, media, stream): caller and callee identity, user agent (platform, product family, service role), network (connection type, Wi-Fi band and signal, subnet, IP, reflexive IP, relay), device, every stream metric with durations in milliseconds (AverageJitterMs, AverageRoundTripTimeMs...), and Quality: Good, Poor or Unclassified, with PoorReasons naming each rule that fired and its measured value.

Quality follows Microsoft's published stream classification (Call Quality Dashboard). Audio is Poor when more than 500 packets were sent and the average round trip is above 500 ms, packet loss above 0.1, or jitter above 30 ms; -QualityRuleSet Legacy applies the earlier rules instead (also degradation above 1.0 and concealed samples above 0.07, with no packet floor). Video and screen sharing take the first available of frame loss above 50%, frame rate below 7 fps (2 fps for screen sharing), and post-FEC packet loss above 0.15. Application sharing uses the screen-sharing rules, as Microsoft's own call-record insights do, since Graph has no RDP tile metrics. A value equal to a threshold is not poor; streams without the metrics a rule needs are Unclassified.

Pipe call records (records expanded with -ExpandSessions need no further request), sessions, or ids. Records are fetched several at a time within Graph's throttling limits, and rows are written in input order.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        CallRecordId   = 'The ids of the call records. Binds from the pipeline and from the Id or CallRecordId property of piped objects.'
        CallRecord     = 'Call records from Get-CallRecord. Records whose Sessions are filled (-ExpandSessions) are used as they are; others are fetched.'
        Session        = 'Sessions from Get-CallRecordSession, or a record''s Sessions; used as they are.'
        QualityRuleSet = 'The audio rules: Current (default; the published page, with a 500-packet floor) or Legacy (the earlier page: degradation above 1.0 and concealed samples above 0.07 also count, no floor).'
    }
    Examples    = @(
        @{
            Title   = 'Yesterday''s poor streams to CSV'
            Code    = 'Get-CallRecord -From (Get-Date).AddDays(-1) -To (Get-Date) | Get-CallRecordMediaStream | Where-Object Quality -eq Poor | Export-Csv poor.csv -NoTypeInformation'
            Remarks = 'One row per stream, one value per cell.'
        }
        @{
            Title   = 'Poor-stream rate by connection type'
            Code    = 'Get-CallRecord -From (Get-Date).AddDays(-1) | Get-CallRecordMediaStream | Where-Object MediaType -eq audio | Group-Object CallerConnectionType | Select-Object Name, Count, @{ n = ''PoorPercent''; e = { [math]::Round(100 * @($_.Group | Where-Object Quality -eq Poor).Count / $_.Count, 1) } }'
            Remarks = 'Wired, wifi and mobile side by side.'
        }
        @{
            Title   = 'The same streams judged by the earlier rules'
            Code    = 'Get-CallRecord -From (Get-Date).AddDays(-1) | Get-CallRecordMediaStream -QualityRuleSet Legacy | Where-Object Quality -eq Poor | Select-Object CallerDisplayName, MediaLabel, PoorReasons'
            Remarks = 'Legacy rules have no packet floor and add degradation and concealed samples.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All. Source of the thresholds: Microsoft Teams, Stream Classification in Call Quality Dashboard. A breached threshold shows network conditions were not optimal; it does not prove the user heard bad audio.'
    Links       = @('Get-CallRecord', 'Get-CallRecordSession', 'https://learn.microsoft.com/microsoftteams/stream-classification-in-call-quality-dashboard')
}
