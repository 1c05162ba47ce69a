@{
    Synopsis    = 'Shows the current Microsoft Graph connection.'
    Description = 'Get-CallRecordGraphContext returns the tenant, application, cloud, Graph endpoint, sign-in kind, the application permissions (roles) in the token, when the token expires, and GraphClockOffset: how far Graph''s clock is ahead of this machine''s (negative: behind), which the commands use for "now". It never returns a secret or a token. It returns nothing when there is no connection.'
    Parameters  = @{
        Connection = 'The connection to show (from Connect-CallRecordGraph -PassThru, or from the pipeline); default: this runspace''s.'
    }
    Examples    = @(
        @{
            Title   = 'Show the connection'
            Code    = 'Get-CallRecordGraphContext'
            Remarks = 'Lists tenant, client id, environment, endpoint, sign-in kind, roles and token expiry.'
        }
        @{
            Title   = 'Check a permission before a long run'
            Code    = "if ('CallRecords.Read.All' -notin (Get-CallRecordGraphContext).Roles) { Write-Warning 'The token lacks CallRecords.Read.All.' }"
            Remarks = 'Roles is read from the token; it is empty for tokens that are not JWTs (such as the emulator''s).'
        }
    )
    Links       = @('Connect-CallRecordGraph')
}
