BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '61'
    Connect-TestEmulator $emulator | Out-Null
    $script:port = Get-FreeTcpPort
    $script:url = "http://127.0.0.1:$port/callrecords/"
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'New-CallRecordSubscription' {
    It 'Sends nothing with -WhatIf' {
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        New-CallRecordSubscription -NotificationUrl $url -WhatIf | Should -BeNullOrEmpty
        (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 0
    }

    It 'Refuses an expiration beyond 4,230 minutes before sending' {
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        { New-CallRecordSubscription -NotificationUrl $url -Duration (New-TimeSpan -Minutes 4231) -ErrorAction Stop } |
            Should -Throw -ErrorId 'SubscriptionExpirationTooLong,CallRecords.Commands.NewCallRecordSubscriptionCommand'
        (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 0
    }

    It 'Refuses plain http off loopback and a clientState over 128 characters' {
        { New-CallRecordSubscription -NotificationUrl 'http://calls.contoso.com/x/' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InsecureNotificationUrl,CallRecords.Commands.NewCallRecordSubscriptionCommand'
        { New-CallRecordSubscription -NotificationUrl $url -ClientState ('x' * 129) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClientStateTooLong,CallRecords.Commands.NewCallRecordSubscriptionCommand'
    }

    It 'Fails with SubscriptionRejected when nothing answers the validation request' {
        { New-CallRecordSubscription -NotificationUrl "http://127.0.0.1:$(Get-FreeTcpPort)/nobody/" -ErrorAction Stop } |
            Should -Throw -ErrorId 'SubscriptionRejected,CallRecords.Commands.NewCallRecordSubscriptionCommand'
    }

    It 'Creates, lists, renews and removes a validated subscription with a random clientState and a participant filter' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModuleManifest
            Receive-CallRecordNotification -Prefix $using:url -ClientState 'unused' -Timeout ([TimeSpan]::FromSeconds(20)) -Count 1
        }
        try {
            Wait-Listening $url
            $user = (Invoke-RestMethod "$($emulator.Url)/_emulator/tenant").users[0].id
            $subscription = New-CallRecordSubscription -NotificationUrl $url -ParticipantId $user
            $subscription.ClientState.Length | Should -BeGreaterOrEqual 40
            $subscription.ClientState.Length | Should -BeLessOrEqual 128
            $subscription.ParticipantIds | Should -Be @($user)
            $subscription.ExpiresIn.TotalMinutes | Should -BeGreaterThan 4200
            $subscription.Resource | Should -Match "participants/any\(p:p/id eq '$user'\)"

            (Get-CallRecordSubscription).Id | Should -Contain $subscription.Id
            (Get-CallRecordSubscription | Where-Object Resource -notmatch 'callRecords') | Should -BeNullOrEmpty

            $renewed = $subscription | Update-CallRecordSubscription -Duration (New-TimeSpan -Hours 1)
            $renewed.ExpiresIn.TotalMinutes | Should -BeLessThan 61

            Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
            $subscription | Remove-CallRecordSubscription -WhatIf
            (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 0
            $subscription | Remove-CallRecordSubscription -Confirm:$false
            Get-CallRecordSubscription -Id $subscription.Id -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'SubscriptionNotFound,CallRecords.Commands.GetCallRecordSubscriptionCommand'
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
        }
    }
}
