@{
    RootModule           = 'CallRecords.dll'
    # The build writes the Version of Directory.Build.props here, and this release's notes from CHANGELOG.md below.
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Core')
    GUID                 = '5f0c2a59-8d1e-4c5b-9a57-2b8f61c4d0e3'
    Author               = 'CallRecords contributors'
    CompanyName          = 'CallRecords contributors'
    Copyright            = '(c) CallRecords contributors. MIT License.'
    Description          = 'Microsoft Teams call records from Microsoft Graph: call records with sessions, segments and media streams, call quality, PSTN and Direct Routing logs (and the beta SMS log, PSTN blocked users log and dial-out report), and change-notification subscriptions. Flat output for Export-Csv; isolated dependencies that do not clash with Az or Microsoft.Graph.'
    PowerShellVersion    = '7.4'
    RequiredAssemblies   = @('CallRecords.Models.dll')
    TypesToProcess       = @('CallRecords.Types.ps1xml')
    FormatsToProcess     = @('CallRecords.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-CallRecordGraph'
        'Disconnect-CallRecordGraph'
        'Get-CallRecordGraphContext'
        'Get-CallRecord'
        'Get-CallRecordSession'
        'Get-CallRecordParticipant'
        'Get-CallRecordMediaStream'
        'Export-CallQualityReport'
        'Export-CallRecordParquet'
        'Get-PstnCallLog'
        'Get-DirectRoutingCallLog'
        'Get-SmsLog'
        'Get-PstnBlockedUserLog'
        'Get-PstnOnlineMeetingDialoutReport'
        'New-CallRecordSubscription'
        'Get-CallRecordSubscription'
        'Update-CallRecordSubscription'
        'Remove-CallRecordSubscription'
        'Receive-CallRecordNotification'
        'Sync-CallRecord'
        'Get-CallRecordSyncState'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Teams', 'MicrosoftTeams', 'CallRecords', 'CallQuality', 'PSTN', 'DirectRouting', 'SMS', 'SQLite', 'Parquet', 'Graph', 'MicrosoftGraph')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
