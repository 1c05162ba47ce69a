@{
    Synopsis    = 'Deletes call records subscriptions.'
    Description = 'Remove-CallRecordSubscription deletes subscriptions, so Graph stops posting their notifications. Takes subscriptions from the pipeline. Supports -WhatIf and -Confirm; -WhatIf sends nothing. An unknown id writes SubscriptionNotFound and the pipeline goes on.'
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        Id = 'Subscription ids; binds from the pipeline by the Id or SubscriptionId property.'
    }
    Examples    = @(
        @{
            Title   = 'Delete all call records subscriptions'
            Code    = 'Get-CallRecordSubscription | Remove-CallRecordSubscription -Confirm:$false'
            Remarks = 'Only subscriptions on call records are listed, so others are safe.'
        }
        @{
            Title   = 'Delete the ones pointing at an old URL'
            Code    = 'Get-CallRecordSubscription | Where-Object NotificationUrl -like ''https://old.contoso.com/*'' | Remove-CallRecordSubscription -WhatIf'
            Remarks = 'Shows what would be deleted; drop -WhatIf to delete.'
        }
    )
    Links       = @('Get-CallRecordSubscription', 'New-CallRecordSubscription')
}
