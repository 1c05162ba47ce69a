@{
    Synopsis    = 'Gets the change-notification subscriptions on call records.'
    Description = 'Get-CallRecordSubscription lists the subscriptions on /communications/callRecords that the app owns, leaving out its subscriptions on other resources, or gets subscriptions by id. ExpiresIn shows how long each has left. An id that is not a call records subscription writes SubscriptionNotFound.'
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        Id = 'Subscription ids; binds from the pipeline by the Id or SubscriptionId property.'
    }
    Examples    = @(
        @{
            Title   = 'List the subscriptions and when they expire'
            Code    = 'Get-CallRecordSubscription | Format-Table Id, ChangeType, NotificationUrl, ExpirationDateTime, ExpiresIn'
            Remarks = 'Subscriptions on other resources are not shown.'
        }
        @{
            Title   = 'Renew those that expire within a day'
            Code    = 'Get-CallRecordSubscription | Where-Object ExpiresIn -lt (New-TimeSpan -Days 1) | Update-CallRecordSubscription'
            Remarks = 'Renewing sets the maximum lifetime again.'
        }
    )
    Notes       = 'Needs the application permission CallRecords.Read.All.'
    Links       = @('New-CallRecordSubscription', 'Update-CallRecordSubscription', 'Remove-CallRecordSubscription')
}
