@{
    Synopsis    = 'Writes a self-contained HTML call quality report from media streams.'
    Description = @'
Export-CallQualityReport counts media streams from Get-CallRecordMediaStream (piped in), or fetches them itself for the calls that started in a range (-StartDateTime, included, to -EndDateTime, not included; default: the 30 days Graph keeps), and writes one HTML file: headline figures (calls as distinct call record ids, streams, classified, poor and unclassified streams, the poor-stream rate by media type and the rule set used), the poor-stream rate per UTC day, by network type, Wi-Fi band, platform and product family, the subnets and users with the most poor streams with their main poor reason, the share of each poor reason, and the classification rules with their thresholds and source.

The poor-stream rate is poor streams divided by classified (Good plus Poor) streams; Unclassified streams are counted and shown but take no part in any rate. Breakdowns are by the caller's side of each stream. The main poor reason is the rule that fired most often (ties go to the name first in alphabetical order), named as PoorReasons writes it before the measured value: Jitter, Round trip, Packet loss rate, Frame rate...

Rows are counted as they pass and never kept, so memory stays flat for a month of a large tenant; only counts per key are held, at most 200,000 keys per breakdown (further keys are counted as "(other)").

The file needs nothing else: styles and charts (SVG drawn by the module) are inline, there is no script and no external request, so it opens from disk, travels as an email attachment and prints. Every chart has a title, a description and a table of the same numbers. -PassThru also writes the numbers as CallQualityAggregate rows (Dimension, Key, Streams, Good, Poor, Unclassified, Classified, PoorRate, MainPoorReason) and CallQualityPoorReason rows, for CSV or a dashboard.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        Path           = 'The HTML file to write. An existing file is replaced. A relative path is relative to the current location.'
        InputObject    = 'Media stream rows from Get-CallRecordMediaStream, from the pipeline. Their Quality, PoorReasons and QualityRuleSet are used as they are.'
        StartDateTime  = 'The earliest call start to report, when no rows are piped in. A date without a time zone is local time. Default: 30 days ago, as far back as Graph keeps records.'
        EndDateTime    = 'The call start to report up to, not included. Default: now.'
        QualityRuleSet = 'The audio rules for streams fetched for a range: Current (default) or Legacy, as in Get-CallRecordMediaStream. Piped rows keep the verdict they carry.'
        Title          = 'The report''s heading and page title. Default: Call quality report.'
        PassThru       = 'Also writes the aggregates to the pipeline: CallQualityAggregate rows for every key of every breakdown (the Total row first), then CallQualityPoorReason rows.'
    }
    Examples    = @(
        @{
            Title   = 'A report of the last 30 days'
            Code    = 'Export-CallQualityReport -Path ./call-quality.html -Title ''Contoso: last 30 days'''
            Remarks = 'Lists the calls, reads each call''s sessions and media streams, and writes one HTML file.'
        }
        @{
            Title   = 'Last week''s report from piped streams, judged by the legacy rules'
            Code    = 'Get-CallRecord -From (Get-Date).Date.AddDays(-7) -To (Get-Date).Date | Get-CallRecordMediaStream -QualityRuleSet Legacy | Export-CallQualityReport -Path ./last-week.html'
            Remarks = 'The report states the rule set the rows carry.'
        }
        @{
            Title   = 'The same numbers to CSV'
            Code    = 'Export-CallQualityReport -Path ./report.html -From (Get-Date).AddDays(-7) -PassThru | Where-Object Dimension -eq Subnet | Export-Csv subnets.csv -NoTypeInformation'
            Remarks = 'CallQualityAggregate rows carry Dimension; CallQualityPoorReason rows have none, so the filter keeps one shape for Export-Csv.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All when it fetches a range. Source of the thresholds: Microsoft Teams, Stream Classification in Call Quality Dashboard. A breached threshold shows network conditions were not optimal; it does not prove the user heard bad audio.'
    Links       = @('Get-CallRecordMediaStream', 'Get-CallRecord', 'https://learn.microsoft.com/microsoftteams/stream-classification-in-call-quality-dashboard')
}
