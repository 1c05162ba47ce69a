@{
    Synopsis    = 'Subscribes to change notifications for Teams call records.'
    Description = @'
New-CallRecordSubscription asks Graph to post a notification to -NotificationUrl whenever a call record is created (-ChangeType created, one notification per call) or revised (updated, one per version). Graph first sends a validation request to the URL and creates the subscription only if the URL answers it; Receive-CallRecordNotification does that for you.

The subscription lives for -Duration or until -ExpirationDateTime: at most 4,230 minutes, which is the default. A longer one is refused before anything is sent (SubscriptionExpirationTooLong); renew with Update-CallRecordSubscription. Without -ClientState a random one (32 bytes, base64url) is made; it is returned on the subscription so the receiver can check every notification against it. -ParticipantId limits the subscription to the calls of those participants. The notification URL must be https, except on loopback.

Supports -WhatIf and -Confirm; -WhatIf sends nothing. Graph allows 100 call records subscriptions per tenant.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        NotificationUrl          = 'Where Graph posts notifications: an https URL that Graph can reach (plain http only on loopback, for the emulator).'
        ChangeType               = 'created (default): one notification when a record first appears. updated: one then, and one each time its version rises. Or created,updated.'
        ExpirationDateTime       = 'When the subscription expires; at most 4,230 minutes from now.'
        Duration                 = 'How long the subscription lives; default and maximum 4,230 minutes.'
        ClientState              = 'A value (at most 128 characters) Graph echoes in every notification; a random one when left out.'
        LifecycleNotificationUrl = 'Where Graph posts lifecycle notifications (reauthorizationRequired); it can only be set when the subscription is created.'
        ParticipantId            = 'Entra object ids: only calls that include one of them are notified.'
    }
    Examples    = @(
        @{
            Title   = 'Receive every call as it happens, from one PowerShell session'
            Code    = @'
$receiver = Start-ThreadJob { Import-Module CallRecords; Receive-CallRecordNotification -Prefix http://+:8080/callrecords/ -ClientState $using:state -ExpandCallRecord -Timeout ([TimeSpan]::FromHours(1)) }
$subscription = New-CallRecordSubscription -NotificationUrl https://calls.contoso.com/callrecords/ -ClientState ($state = 'a-long-random-value')
Receive-Job $receiver -Wait | Export-Csv calls.csv
'@
            Remarks = 'The receiver must be listening before the subscription is created, because Graph validates the URL first. https://calls.contoso.com must reach port 8080 (a reverse proxy or a tunnel).'
        }
        @{
            Title   = 'Only the calls of two people, renewed daily by a scheduled task'
            Code    = 'New-CallRecordSubscription -NotificationUrl https://calls.contoso.com/callrecords/ -ParticipantId 821809f5-0000-0000-0000-3b5136c0e777, f69e2c00-0000-0000-0000-185e5f5f5d8a -Duration (New-TimeSpan -Days 2)'
            Remarks = 'The output carries the generated ClientState; keep it for the receiver.'
        }
        @{
            Title   = 'See what would be sent'
            Code    = 'New-CallRecordSubscription -NotificationUrl https://calls.contoso.com/callrecords/ -WhatIf'
            Remarks = 'Nothing reaches Graph.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All. Notifications arrive after the call ends: on average within 30 minutes, at most 150 minutes for the first version.'
    Links       = @('Receive-CallRecordNotification', 'Update-CallRecordSubscription', 'https://learn.microsoft.com/graph/changenotifications-for-callrecords')
}
