BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    # Graph's clock 3 hours behind this machine's, and the tenant's data up to Graph's now.
    $script:graphNow = [datetime]::UtcNow.AddHours(-3)
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '67', '--days', '2', '--clock-skew', '-03:00:00', '--now', $graphNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
    $script:port = Get-FreeTcpPort
    $script:url = "http://127.0.0.1:$port/clock/"
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe "Graph's clock on a machine whose clock is off" {
    It 'Connecting says how far off the machine is and the context shows the offset' {
        $context = Connect-TestEmulator $emulator -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -Match "^This machine's clock is 3 h 0 min ahead of Microsoft Graph's\."
        $context.GraphClockOffset.TotalHours | Should -BeGreaterThan -3.01
        $context.GraphClockOffset.TotalHours | Should -BeLessThan -2.99
    }

    It 'Lists up to Graph''s now, with no warning about an end in the future' {
        $records = Get-CallRecord -StartDateTime $graphNow.AddDays(-1) -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $records.Count | Should -Be @(Get-TruthIds $emulator callRecords $graphNow.AddDays(-1) $graphNow).Count
        { Get-CallRecord -StartDateTime ([datetime]::UtcNow.AddMinutes(-30)) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetCallRecordCommand' -Because "half an hour ago on this machine's clock is after Graph's now"
    }

    It 'Makes a subscription of the longest lifetime, which Graph would refuse if counted on this machine''s clock' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModuleManifest
            Receive-CallRecordNotification -Prefix $using:url -ClientState 'unused' -Timeout ([TimeSpan]::FromSeconds(20)) -Count 1
        }
        try {
            Wait-Listening $url
            $subscription = New-CallRecordSubscription -NotificationUrl $url
            ($subscription.ExpirationDateTime - [datetimeoffset]::UtcNow.AddHours(-3)).TotalMinutes | Should -BeGreaterThan 4200
            $subscription | Remove-CallRecordSubscription -Confirm:$false
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job -Force
        }
    }
}
