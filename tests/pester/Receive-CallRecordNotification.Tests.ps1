BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '62'
    Connect-TestEmulator $emulator | Out-Null

    function script:Start-Receiver([string] $Prefix, [object[]] $Arguments) {
        Start-ThreadJob -ScriptBlock {
            param($manifest, $endpoint, $prefix, $arguments)
            Import-Module $manifest
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $endpoint | Out-Null
            $parameters = @{ Prefix = $prefix }
            for ($i = 0; $i -lt $arguments.Count; $i += 2) { $parameters[$arguments[$i]] = $arguments[$i + 1] }
            Receive-CallRecordNotification @parameters -WarningVariable +receiverWarnings 3>$null
            "warnings:$($receiverWarnings.Count)"
        } -ArgumentList $ModuleManifest, $emulator.Url, $Prefix, $Arguments
    }
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Receive-CallRecordNotification' {
    It 'Receives 50 call records end to end, drops the ones with a wrong clientState, and frees its port' {
        $port = Get-FreeTcpPort
        $prefix = "http://127.0.0.1:$port/callrecords/"
        $state = 'receiver-test-state-' + [guid]::NewGuid()
        $job = Start-Receiver $prefix @('ClientState', $state, 'ExpandCallRecord', $true, 'Count', 50, 'Timeout', [TimeSpan]::FromSeconds(60))
        try {
            Wait-Listening $prefix
            $subscription = New-CallRecordSubscription -NotificationUrl $prefix -ClientState $state
            $sent = Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/calls?count=53&wrongClientState=3"
            $output = $job | Wait-Job -Timeout 60 | Receive-Job
            $records = @($output | Where-Object { $_ -isnot [string] })
            $records.Count | Should -Be 50
            $records[0].PSObject.TypeNames[0] | Should -Be 'CallRecords.CallRecord'
            ($records.Id | Sort-Object) | Should -Be (@($sent.ids | Select-Object -Skip 3) | Sort-Object)
            # The forged ones are never among the records; how many were seen before the 50th record depends on
            # delivery order, so only an upper bound holds: each forged one warned at most once, plus the summary.
            [int](($output | Where-Object { $_ -is [string] }) -replace 'warnings:') | Should -BeLessOrEqual 4
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
            { $listener.Start(); $listener.Stop() } | Should -Not -Throw
            $subscription | Remove-CallRecordSubscription -Confirm:$false
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
        }
    }

    It 'Answers the validation request with the decoded token, refuses other methods and malformed JSON, and keeps running' {
        $port = Get-FreeTcpPort
        $prefix = "http://127.0.0.1:$port/hook/"
        $job = Start-Receiver $prefix @('ClientState', 'state-1', 'Count', 1, 'Timeout', [TimeSpan]::FromSeconds(30))
        try {
            Wait-Listening $prefix
            $token = 'Validation: Testing client application reachability for subscription Request-Id: 7f1c+/x'
            $answer = Invoke-WebRequest -Method Post "$($prefix)?validationToken=$([uri]::EscapeDataString($token))" -ContentType 'text/plain; charset=utf-8'
            $answer.StatusCode | Should -Be 200
            $answer.Headers['Content-Type'] | Should -Match 'text/plain'
            $answer.Content | Should -Be $token
            (Invoke-WebRequest -Method Get $prefix -SkipHttpErrorCheck).StatusCode | Should -Be 405
            (Invoke-WebRequest -Method Post $prefix -Body '{not json' -ContentType 'application/json' -SkipHttpErrorCheck).StatusCode | Should -Be 400
            $notification = '{"value":[{"subscriptionId":"s","clientState":"state-1","changeType":"created","resource":"communications/callRecords/2b7c1a6e-0000-4000-8000-000000000001","resourceData":{"id":"2b7c1a6e-0000-4000-8000-000000000001"},"tenantId":"t"}]}'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            (Invoke-WebRequest -Method Post $prefix -Body $notification -ContentType 'application/json').StatusCode | Should -Be 202
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $output = $job | Wait-Job -Timeout 30 | Receive-Job
            $received = $output | Where-Object { $_ -isnot [string] }
            $received.CallRecordId | Should -Be '2b7c1a6e-0000-4000-8000-000000000001'
            $received.ChangeType | Should -Be 'created'
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
        }
    }

    It 'Stops within 2 seconds when stopped as Ctrl+C stops it, and frees its port' {
        $port = Get-FreeTcpPort
        $prefix = "http://127.0.0.1:$port/stop/"
        $job = Start-Receiver $prefix @('ClientState', 'stop-state')
        try {
            Wait-Listening $prefix
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $job | Stop-Job
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
            $job.State | Should -Be 'Stopped'
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
            { $listener.Start(); $listener.Stop() } | Should -Not -Throw
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    It 'Fails with ListenerStartFailed when the port is taken' {
        $port = Get-FreeTcpPort
        $occupier = [System.Net.HttpListener]::new()
        $occupier.Prefixes.Add("http://127.0.0.1:$port/")
        $occupier.Start()
        try {
            { Receive-CallRecordNotification -Prefix "http://127.0.0.1:$port/" -ClientState x -Timeout ([TimeSpan]::FromSeconds(2)) -ErrorAction Stop } |
                Should -Throw -ErrorId 'ListenerStartFailed,CallRecords.Commands.ReceiveCallRecordNotificationCommand'
        }
        finally {
            $occupier.Close()
        }
    }

    It 'Renews the subscription when Graph asks for reauthorization with -AutoRenew' {
        $port = Get-FreeTcpPort
        $prefix = "http://127.0.0.1:$port/life/"
        $job = Start-Receiver $prefix @('ClientState', 'life-state', 'AutoRenew', $true, 'Count', 1, 'Timeout', [TimeSpan]::FromSeconds(30))
        try {
            Wait-Listening $prefix
            $subscription = New-CallRecordSubscription -NotificationUrl $prefix -LifecycleNotificationUrl $prefix -ClientState 'life-state' -Duration (New-TimeSpan -Minutes 30)
            Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/lifecycle?subscriptionId=$($subscription.Id)&event=reauthorizationRequired" | Out-Null
            $event = $job | Wait-Job -Timeout 30 | Receive-Job | Where-Object { $_ -isnot [string] }
            $event.LifecycleEvent | Should -Be 'reauthorizationRequired'
            (Get-CallRecordSubscription -Id $subscription.Id).ExpiresIn.TotalMinutes | Should -BeGreaterThan 4000
            $subscription | Remove-CallRecordSubscription -Confirm:$false
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
        }
    }
}

Describe 'Receive-CallRecordNotification and Graph''s lifecycle events' {
    BeforeAll {
        # The tenant's data clock at this machine's now, so calls made now were changed in a missed window.
        $script:lifecycleEmulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '73', '--days', '1', '--calls-per-day', '6', '--now', ([datetime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'))
        Connect-TestEmulator $lifecycleEmulator | Out-Null

        function script:Start-LifecycleReceiver([string] $Prefix, [hashtable] $Parameters) {
            Start-ThreadJob -ScriptBlock {
                param($manifest, $endpoint, $prefix, $parameters)
                Import-Module $manifest
                Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'test-token' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $endpoint | Out-Null
                Receive-CallRecordNotification -Prefix $prefix @parameters -WarningVariable +receiverWarnings 3>$null
                $receiverWarnings | ForEach-Object { "warning:$_" }
            } -ArgumentList $ModuleManifest, $lifecycleEmulator.Url, $Prefix, $Parameters
        }
    }

    AfterAll {
        Connect-TestEmulator $emulator | Out-Null
        Stop-CallRecordsEmulator $lifecycleEmulator
    }

    It 'Writes a missed window as a CallRecordMissedNotification, and with -ExpandCallRecord the records dropped in it, once' {
        $prefix = "http://127.0.0.1:$(Get-FreeTcpPort)/missed/"
        $job = Start-LifecycleReceiver $prefix @{ ClientState = 'missed-state'; ExpandCallRecord = $true; Timeout = [TimeSpan]::FromSeconds(90) }
        try {
            Wait-Listening $prefix
            $subscription = New-CallRecordSubscription -NotificationUrl $prefix -LifecycleNotificationUrl $prefix -ClientState 'missed-state' -Duration (New-TimeSpan -Minutes 30)
            $dropped = Invoke-RestMethod -Method Post "$($lifecycleEmulator.Url)/_emulator/calls?count=4&drop=4"
            Invoke-RestMethod -Method Post "$($lifecycleEmulator.Url)/_emulator/lifecycle?subscriptionId=$($subscription.Id)&event=missed" | Out-Null
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            do {
                Start-Sleep -Milliseconds 200
                $output = @($job | Receive-Job -Keep)
            } until (($output | Where-Object { $_ -is [CallRecords.CallRecordMissedNotification] }) -or [datetime]::UtcNow -gt $deadline)
            $job | Stop-Job
            $output = @($job | Receive-Job)

            $dropped.dropped | Should -Be 4
            $missed = @($output | Where-Object { $_ -is [CallRecords.CallRecordMissedNotification] })
            $missed | Should -HaveCount 1
            $missed[0].PSObject.TypeNames[0] | Should -Be 'CallRecords.CallRecordMissedNotification'
            ($missed[0].WindowEnd - $missed[0].WindowStart).TotalHours | Should -Be 4
            ($missed[0].WindowStart - $missed[0].StartDateTime).TotalHours | Should -Be 24
            $records = @($output | Where-Object { $_ -is [CallRecords.CallRecord] })
            $records.Count | Should -Be $missed[0].RecordsWritten
            $records.Id | Should -Contain $dropped.ids[0]
            foreach ($id in $dropped.ids) { $records.Id | Should -Contain $id }
            ($records.Id | Select-Object -Unique).Count | Should -Be $records.Count
            ($missed[0] | Format-Table | Out-String -Width 300) | Should -Match 'RecordsWritten'
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
            Get-CallRecordSubscription | Remove-CallRecordSubscription -Confirm:$false
        }
    }

    It 'Makes a subscription Graph removed again with -AutoRenew, as it was, and says so' {
        $prefix = "http://127.0.0.1:$(Get-FreeTcpPort)/removed/"
        $job = Start-LifecycleReceiver $prefix @{ ClientState = 'removed-state'; AutoRenew = $true; Count = 1; Timeout = [TimeSpan]::FromSeconds(60) }
        try {
            Wait-Listening $prefix
            $user = (Invoke-RestMethod "$($lifecycleEmulator.Url)/_emulator/tenant").users[0].id
            $original = New-CallRecordSubscription -NotificationUrl $prefix -LifecycleNotificationUrl $prefix -ClientState 'removed-state' -ChangeType updated -ParticipantId $user -Duration (New-TimeSpan -Minutes 30)
            # The receiver lists the app's subscriptions a few seconds after it answers a validation.
            Start-Sleep -Seconds 6
            Invoke-RestMethod -Method Post "$($lifecycleEmulator.Url)/_emulator/lifecycle?subscriptionId=$($original.Id)&event=subscriptionRemoved" | Out-Null
            $output = @($job | Wait-Job -Timeout 60 | Receive-Job)

            ($output | Where-Object { $_ -isnot [string] }).LifecycleEvent | Should -Be 'subscriptionRemoved'
            $replacement = @(Get-CallRecordSubscription | Where-Object NotificationUrl -eq $prefix)
            $replacement | Should -HaveCount 1
            $replacement[0].Id | Should -Not -Be $original.Id
            $replacement[0].Resource | Should -Be $original.Resource
            $replacement[0].ChangeType | Should -Be 'updated'
            $replacement[0].LifecycleNotificationUrl | Should -Be $prefix
            $replacement[0].ClientState | Should -Be 'removed-state'
            $replacement[0].ExpiresIn.TotalMinutes | Should -BeGreaterThan 4200
            $output | Where-Object { $_ -like "warning:Graph removed subscription $($original.Id); subscription $($replacement[0].Id) replaces it*" } | Should -Not -BeNullOrEmpty
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
            Get-CallRecordSubscription | Remove-CallRecordSubscription -Confirm:$false
        }
    }
}
