@{
    Synopsis    = 'Listens for Graph call records notifications and writes each as it arrives.'
    Description = @'
Receive-CallRecordNotification listens on an HttpListener prefix, answers Graph's validation request (the URL-decoded validationToken as text/plain, at once), answers every notification with 202 at once and processes it afterwards, and writes each notification to the pipeline as it arrives. With -ExpandCallRecord it writes the call record each notification names instead, once per id and version.

Every notification's clientState is compared, in constant time, with -ClientState (subscriptions piped in bring theirs); a notification that does not match is dropped with a warning and counted. Requests that are not POST, bodies over 1 MB and bodies that are not JSON are refused (405, 413, 400) without stopping the receiver.

Graph's three lifecycle notifications are handled. reauthorizationRequired is written, and with -AutoRenew the subscription is renewed to the maximum lifetime. subscriptionRemoved (Graph removed the subscription) is written; with -AutoRenew the subscription is made again with the same resource, URLs, change types and clientState, and a warning names the new one (the receiver lists the app's subscriptions when it starts, since the notice carries only the id); without it, a warning says to make it again. missed (Graph dropped notifications and does not say which) is written as a CallRecordMissedNotification: Graph retries a notification for up to 4 hours before dropping it, so the dropped ones were due from WindowStart (4 hours before the event) to WindowEnd (its arrival), and the calls to read again are those that started from StartDateTime (24 hours before that, since records appear after their call ends) to EndDateTime. Without -ExpandCallRecord a warning says so, for a script to run Sync-CallRecord or Get-CallRecord over that range; with it, the receiver lists that range itself and writes each record whose lastModifiedDateTime is in the window and that it has not written at that version, then the missed row with RecordsWritten. Graph documents lastModifiedDateTime as when the record was created, so a revision of an older record is not found this way; Sync-CallRecord finds it. Graph's documentation lists subscriptionRemoved and missed for Outlook and Teams resources only; the receiver handles them should Graph send them for call records.

It stops after -Count items, after -Timeout, or on Ctrl+C, and frees the port. Graph must reach the prefix from the internet over https: put it behind a reverse proxy or a tunnel. On Linux and macOS any port works for a normal user above 1024; on Windows, http://+:PORT/ needs a URL reservation (netsh http add urlacl) or an elevated session.
'@
    Parameters  = @{
        Connection = 'A connection from Connect-CallRecordGraph -PassThru, to work on its tenant; default: the connection this runspace made last.'
        Prefix           = 'The HttpListener prefix to listen on, such as http://+:8080/callrecords/ or http://127.0.0.1:8080/callrecords/.'
        ClientState      = 'The clientState values to accept: the ones the subscriptions were created with. Binds from piped subscriptions.'
        ExpandCallRecord = 'Writes the call record each notification names (needs a connection), once per id and version, instead of the notification; on a missed lifecycle notification, lists the window again and writes the records changed in it that were not written yet.'
        Count            = 'Stops after writing this many items.'
        Timeout          = 'Stops after listening this long.'
        AutoRenew        = 'Renews a subscription to the maximum lifetime when Graph asks for reauthorization, and makes one Graph removed again with the same resource, URLs and clientState (needs a connection).'
    }
    Examples    = @(
        @{
            Title   = 'Run the receiver in a thread job while the subscription is created'
            Code    = @'
$state = 'a-long-random-value'
$job = Start-ThreadJob { Import-Module CallRecords; Receive-CallRecordNotification -Prefix http://+:8080/callrecords/ -ClientState $using:state -Count 10 }
New-CallRecordSubscription -NotificationUrl https://calls.contoso.com/callrecords/ -ClientState $state | Out-Null
Receive-Job $job -Wait
'@
            Remarks = 'Graph validates the URL while the subscription is created, so the receiver must already listen.'
        }
        @{
            Title   = 'Write every new call record to CSV for a day'
            Code    = 'Receive-CallRecordNotification -Prefix http://+:8080/callrecords/ -ClientState $state -ExpandCallRecord -AutoRenew -Timeout (New-TimeSpan -Hours 24) | Export-Csv calls.csv -NoTypeInformation'
            Remarks = 'Needs Connect-CallRecordGraph first, to read the records and renew the subscription.'
        }
        @{
            Title   = 'Read again what Graph says it missed'
            Code    = @'
Receive-CallRecordNotification -Prefix http://+:8080/callrecords/ -ClientState $state -WarningAction SilentlyContinue |
    Where-Object LifecycleEvent -eq 'missed' |
    ForEach-Object { Get-CallRecord -StartDateTime $_.StartDateTime.UtcDateTime -EndDateTime $_.EndDateTime.UtcDateTime }
'@
            Remarks = 'Each CallRecordMissedNotification carries the range of call starts to read again; Sync-CallRecord on a schedule covers it too.'
        }
    )
    Notes       = 'Graph answers slow endpoints by delaying or dropping notifications: the receiver answers before it processes. Notifications for callRecords arrive after the call ends, on average within 30 minutes.'
    Links       = @('New-CallRecordSubscription', 'https://learn.microsoft.com/graph/change-notifications-delivery-webhooks')
}
