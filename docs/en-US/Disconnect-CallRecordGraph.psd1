@{
    Synopsis    = 'Forgets the Microsoft Graph connection.'
    Description = 'Disconnect-CallRecordGraph drops the connection made by Connect-CallRecordGraph, with its credential and cached token. Later commands fail with NotConnected until you connect again. It warns when there was no connection.'
    Parameters  = @{
        Connection = 'The connection to release (from Connect-CallRecordGraph -PassThru, or from the pipeline); default: this runspace''s.'
    }
    Examples    = @(
        @{
            Title   = 'Disconnect at the end of a script'
            Code    = 'Disconnect-CallRecordGraph'
            Remarks = 'The credential and its token are released.'
        }
        @{
            Title   = 'Disconnect only when connected'
            Code    = 'if (Get-CallRecordGraphContext) { Disconnect-CallRecordGraph }'
            Remarks = 'Avoids the warning when there is no connection.'
        }
    )
    Links       = @('Connect-CallRecordGraph')
}
