@{
    Synopsis    = 'Renews call records subscriptions.'
    Description = 'Update-CallRecordSubscription sets a new expiration on subscriptions, which also reauthorizes them: -Duration from now, -ExpirationDateTime, or by default the maximum of 4,230 minutes. A later time is refused before anything is sent (SubscriptionExpirationTooLong). Takes subscriptions from the pipeline. Supports -WhatIf and -Confirm; -WhatIf sends nothing.'
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        Id                 = 'Subscription ids; binds from the pipeline by the Id or SubscriptionId property.'
        ExpirationDateTime = 'The new expiration; at most 4,230 minutes from now.'
        Duration           = 'How long from now the subscription should live; default and maximum 4,230 minutes.'
    }
    Examples    = @(
        @{
            Title   = 'Renew every call records subscription to the maximum'
            Code    = 'Get-CallRecordSubscription | Update-CallRecordSubscription'
            Remarks = 'Run it from a scheduled task at least every two days.'
        }
        @{
            Title   = 'Renew one for another day'
            Code    = 'Update-CallRecordSubscription -Id 7f105c7d-2dc5-4530-97cd-4e7ae6534c07 -Duration (New-TimeSpan -Days 1)'
            Remarks = 'An unknown id writes SubscriptionNotFound.'
        }
    )
    Links       = @('Get-CallRecordSubscription', 'New-CallRecordSubscription')
}
