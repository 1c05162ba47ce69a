# Bad input across every cmdlet (61 cases): each case must fail with a specific error id, a real category, the input as
# target where there is one, a message that says what to do, and no .NET stack trace on screen.
BeforeDiscovery {
    $script:cases = @(
        # Dates
        @{ Name = 'Get-CallRecord reversed dates'; Script = { Get-CallRecord -From (Get-Date) -To (Get-Date).AddDays(-1) }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-CallRecord start in the future'; Script = { Get-CallRecord -From (Get-Date).AddDays(3) }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-CallRecord absurd reversed dates'; Script = { Get-CallRecord -From '9999-01-01' -To '0001-01-01' }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-CallRecord date that is not a date'; Script = { Get-CallRecord -From 'yesterday-ish' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'DateTime' }
        @{ Name = 'Get-PstnCallLog reversed dates'; Script = { Get-PstnCallLog -From (Get-Date) -To (Get-Date).AddDays(-1) }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-PstnCallLog start in the future'; Script = { Get-PstnCallLog -From (Get-Date).AddDays(2) }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-PstnCallLog wrong type'; Script = { Get-PstnCallLog -From @{ a = 1 } }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'DateTime' }
        @{ Name = 'Get-DirectRoutingCallLog reversed dates'; Script = { Get-DirectRoutingCallLog -From (Get-Date) -To (Get-Date).AddDays(-1) }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-SmsLog reversed dates'; Script = { Get-SmsLog -From (Get-Date) -To (Get-Date).AddDays(-1) }; Id = 'InvalidDateRange'; Category = 'InvalidArgument'; Message = 'before' }
        @{ Name = 'Get-DirectRoutingCallLog missing start'; Script = { Get-DirectRoutingCallLog -To (Get-Date) }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Message = 'StartDateTime' }
        # Ids
        @{ Name = 'Get-CallRecord empty id'; Script = { Get-CallRecord -Id '' }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'empty' }
        @{ Name = 'Get-CallRecord null id'; Script = { Get-CallRecord -Id $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'null' }
        @{ Name = 'Get-CallRecord malformed id'; Script = { Get-CallRecord -Id 'not a guid' }; Id = 'InvalidCallRecordId'; Category = 'InvalidArgument'; Message = 'GUID'; Target = 'not a guid' }
        @{ Name = 'Get-CallRecord path injection'; Script = { Get-CallRecord -Id '../subscriptions' }; Id = 'InvalidCallRecordId'; Category = 'InvalidArgument'; Message = 'GUID'; Target = '../subscriptions' }
        @{ Name = 'Get-CallRecord PSTN CallId'; Script = { Get-CallRecord -Id '1835317186_112562680@61.221.3.176' }; Id = 'InvalidCallRecordId'; Category = 'InvalidArgument'; Message = 'CallId'; Target = '1835317186_112562680@61.221.3.176' }
        @{ Name = 'Get-CallRecord unknown id (404)'; Script = { Get-CallRecord -Id '2b7c1a6e-0000-4000-8000-00000000dead' }; Id = 'CallRecordNotFound'; Category = 'ObjectNotFound'; Message = '30 days'; Target = '2b7c1a6e-0000-4000-8000-00000000dead' }
        @{ Name = 'Get-CallRecordSession empty id'; Script = { Get-CallRecordSession -CallRecordId '' }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'empty' }
        @{ Name = 'Get-CallRecordSession malformed id'; Script = { Get-CallRecordSession -CallRecordId 'abc' }; Id = 'InvalidCallRecordId'; Category = 'InvalidArgument'; Message = 'GUID'; Target = 'abc' }
        @{ Name = 'Get-CallRecordSession unknown id'; Script = { Get-CallRecordSession -CallRecordId '2b7c1a6e-0000-4000-8000-00000000beef' }; Id = 'CallRecordNotFound'; Category = 'ObjectNotFound'; Message = '30 days'; Target = '2b7c1a6e-0000-4000-8000-00000000beef' }
        @{ Name = 'Get-CallRecordParticipant malformed id'; Script = { Get-CallRecordParticipant -CallRecordId 'x y' }; Id = 'InvalidCallRecordId'; Category = 'InvalidArgument'; Message = 'GUID'; Target = 'x y' }
        @{ Name = 'Get-CallRecordParticipant unknown id'; Script = { Get-CallRecordParticipant -CallRecordId '2b7c1a6e-0000-4000-8000-00000000f00d' }; Id = 'CallRecordNotFound'; Category = 'ObjectNotFound'; Message = '30 days'; Target = '2b7c1a6e-0000-4000-8000-00000000f00d' }
        @{ Name = 'Get-CallRecordMediaStream malformed id'; Script = { Get-CallRecordMediaStream -CallRecordId '{}' }; Id = 'InvalidCallRecordId'; Category = 'InvalidArgument'; Message = 'GUID'; Target = '{}' }
        @{ Name = 'Get-CallRecordMediaStream unknown id'; Script = { Get-CallRecordMediaStream -CallRecordId '2b7c1a6e-0000-4000-8000-00000000cafe' }; Id = 'CallRecordNotFound'; Category = 'ObjectNotFound'; Message = '30 days'; Target = '2b7c1a6e-0000-4000-8000-00000000cafe' }
        @{ Name = 'Get-CallRecordMediaStream unknown rule set'; Script = { Get-CallRecordMediaStream -CallRecordId '2b7c1a6e-0000-4000-8000-00000000cafe' -QualityRuleSet Strict }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'Current' }
        # Sign-in
        @{ Name = 'Connect http endpoint off loopback'; Script = { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint 'http://graph.example.com' }; Id = 'InvalidConnectionParameter'; Category = 'InvalidArgument'; Message = 'https' }
        @{ Name = 'Connect relative endpoint'; Script = { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint 'graph' }; Id = 'InvalidConnectionParameter'; Category = 'InvalidArgument'; Message = 'absolute' }
        @{ Name = 'Connect unknown environment'; Script = { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -Environment Mars }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Global' }
        @{ Name = 'Connect expired token'; Script = { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'eyJhbGciOiJub25lIn0.eyJleHAiOjEwMDAwMDAwMDB9.sig' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f }; Id = 'ConnectAuthenticationFailed'; Category = 'AuthenticationError'; Message = 'expired' }
        @{ Name = 'Connect blank token'; Script = { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString ' ' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f }; Id = 'InvalidConnectionParameter'; Category = 'InvalidArgument'; Message = 'empty' }
        @{ Name = 'Connect missing certificate file'; Script = { Connect-CallRecordGraph -TenantId t -ClientId c -CertificatePath '/nonexistent/app.pfx' }; Id = 'CertificateFileNotFound'; Category = 'ObjectNotFound'; Message = 'does not exist' }
        @{ Name = 'Connect certificate file that is not a certificate'; Script = { $f = New-TemporaryFile; 'junk' | Set-Content $f; Connect-CallRecordGraph -TenantId t -ClientId c -CertificatePath $f.FullName -CertificatePassword (ConvertTo-SecureString p -AsPlainText -Force) }; Id = 'InvalidConnectionParameter'; Category = 'InvalidArgument'; Message = 'certificate' }
        @{ Name = 'Connect unknown thumbprint'; Script = { Connect-CallRecordGraph -TenantId t -ClientId c -CertificateThumbprint 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' }; Id = 'InvalidConnectionParameter'; Category = 'InvalidArgument'; Message = 'thumbprint' }
        @{ Name = 'Connect retry count out of range'; Script = { Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString t -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -MaxRetryCount 99 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '20' }
        # Server answers
        @{ Name = 'Wrong token (401)'; Token = 'wrong-token'; Script = { Get-CallRecord -From (Get-Date).AddHours(-1) }; Id = 'GraphUnauthorized'; Category = 'AuthenticationError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Wrong token on sessions (401)'; Token = 'wrong-token'; Script = { Get-CallRecordSession -CallRecordId '2b7c1a6e-0000-4000-8000-000000000001' }; Id = 'GraphUnauthorized'; Category = 'AuthenticationError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Wrong token on PSTN (401)'; Token = 'wrong-token'; Script = { Get-PstnCallLog -From (Get-Date).AddDays(-1) }; Id = 'GraphUnauthorized'; Category = 'AuthenticationError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Service unavailable after retries (503)'; Faulty = $true; Script = { Get-CallRecord -From (Get-Date).AddHours(-1) }; Id = 'GraphUnavailable'; Category = 'ResourceUnavailable'; Message = 'try again later' }
        @{ Name = 'PSTN unavailable after retries (503)'; Faulty = $true; Script = { Get-PstnCallLog -From (Get-Date).AddDays(-1) }; Id = 'GraphUnavailable'; Category = 'ResourceUnavailable'; Message = 'window 1 (' }
        @{ Name = 'Missing permission on the list (403)'; Denied = $true; Script = { Get-CallRecord -From (Get-Date).AddHours(-1) }; Id = 'GraphPermissionDenied'; Category = 'PermissionDenied'; Message = 'CallRecords.Read.All' }
        @{ Name = 'Missing permission on PSTN logs (403)'; Denied = $true; Script = { Get-PstnCallLog -From (Get-Date).AddDays(-1) }; Id = 'GraphPermissionDenied'; Category = 'PermissionDenied'; Message = 'CallRecord-PstnCalls.Read.All' }
        @{ Name = 'Missing permission on the beta SMS log (403)'; Denied = $true; Script = { Get-SmsLog -From (Get-Date).AddDays(-1) -WarningAction SilentlyContinue }; Id = 'GraphPermissionDenied'; Category = 'PermissionDenied'; Message = 'CallRecord-PstnCalls.Read.All' }
        @{ Name = 'Missing permission on a record (403)'; Denied = $true; Script = { Get-CallRecord -Id '2b7c1a6e-0000-4000-8000-000000000001' }; Id = 'GraphPermissionDenied'; Category = 'PermissionDenied'; Message = 'admin consent' }
        @{ Name = 'Missing permission on subscriptions (403)'; Denied = $true; Script = { Get-CallRecordSubscription }; Id = 'GraphPermissionDenied'; Category = 'PermissionDenied'; Message = 'CallRecords.Read.All' }
        @{ Name = 'A window the server refuses (406)'; StatusServer = 406; Script = { Get-PstnCallLog -From (Get-Date).AddDays(-1) }; Id = 'CallLogRangeRejected'; Category = 'InvalidArgument'; Message = 'window 1 (' }
        @{ Name = 'A beta report window the server refuses (406)'; StatusServer = 406; Script = { Get-PstnOnlineMeetingDialoutReport -From (Get-Date).AddDays(-1) -WarningAction SilentlyContinue }; Id = 'CallLogRangeRejected'; Category = 'InvalidArgument'; Message = 'window 1 (' }
        @{ Name = 'A conflict from the server (409)'; StatusServer = 409; Script = { New-CallRecordSubscription -NotificationUrl 'http://127.0.0.1:9/x/' }; Id = 'GraphConflict'; Category = 'ResourceExists'; Message = '409' }
        # Not connected
        @{ Name = 'Get-CallRecord without a connection'; Disconnected = $true; Script = { Get-CallRecord }; Id = 'NotConnected'; Category = 'ConnectionError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Get-PstnCallLog without a connection'; Disconnected = $true; Script = { Get-PstnCallLog -From (Get-Date).AddDays(-1) }; Id = 'NotConnected'; Category = 'ConnectionError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Get-PstnBlockedUserLog without a connection'; Disconnected = $true; Script = { Get-PstnBlockedUserLog -From (Get-Date).AddDays(-1) }; Id = 'NotConnected'; Category = 'ConnectionError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Get-CallRecordSession without a connection'; Disconnected = $true; Script = { Get-CallRecordSession -CallRecordId '2b7c1a6e-0000-4000-8000-000000000001' }; Id = 'NotConnected'; Category = 'ConnectionError'; Message = 'Connect-CallRecordGraph' }
        @{ Name = 'Get-CallRecordSubscription without a connection'; Disconnected = $true; Script = { Get-CallRecordSubscription }; Id = 'NotConnected'; Category = 'ConnectionError'; Message = 'Connect-CallRecordGraph' }
        # Subscriptions and the receiver, refused before anything is sent
        @{ Name = 'New subscription over 4,230 minutes'; Script = { New-CallRecordSubscription -NotificationUrl 'https://calls.contoso.com/x/' -Duration (New-TimeSpan -Days 3) }; Id = 'SubscriptionExpirationTooLong'; Category = 'InvalidArgument'; Message = '4,230 minutes' }
        @{ Name = 'New subscription expiring in the past'; Script = { New-CallRecordSubscription -NotificationUrl 'https://calls.contoso.com/x/' -ExpirationDateTime (Get-Date).AddMinutes(-5) }; Id = 'SubscriptionExpirationInPast'; Category = 'InvalidArgument'; Message = 'not in the future' }
        @{ Name = 'New subscription on plain http'; Script = { New-CallRecordSubscription -NotificationUrl 'http://calls.contoso.com/x/' }; Id = 'InsecureNotificationUrl'; Category = 'InvalidArgument'; Message = 'https' }
        @{ Name = 'New subscription with a lifecycle URL on plain http'; Script = { New-CallRecordSubscription -NotificationUrl 'https://calls.contoso.com/x/' -LifecycleNotificationUrl 'http://calls.contoso.com/life/' }; Id = 'InsecureNotificationUrl'; Category = 'InvalidArgument'; Message = 'https' }
        @{ Name = 'New subscription with an over-long clientState'; Script = { New-CallRecordSubscription -NotificationUrl 'https://calls.contoso.com/x/' -ClientState ('s' * 200) }; Id = 'ClientStateTooLong'; Category = 'InvalidArgument'; Message = '128' }
        @{ Name = 'New subscription with an unknown change type'; Script = { New-CallRecordSubscription -NotificationUrl 'https://calls.contoso.com/x/' -ChangeType deleted }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'created' }
        @{ Name = 'Update subscription over 4,230 minutes'; Script = { Update-CallRecordSubscription -Id 'abc' -Duration (New-TimeSpan -Days 5) }; Id = 'SubscriptionExpirationTooLong'; Category = 'InvalidArgument'; Message = '4,230 minutes'; Target = 'abc' }
        @{ Name = 'Receiver prefix without a port or scheme'; Script = { Receive-CallRecordNotification -Prefix 'not a prefix' -ClientState x -Timeout ([TimeSpan]::FromSeconds(1)) }; Id = 'ListenerStartFailed'; Category = 'ResourceUnavailable'; Message = 'prefix' }
        @{ Name = 'Receiver with no clientState'; Script = { Receive-CallRecordNotification -Prefix 'http://127.0.0.1:1/' -ClientState @() }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'empty' }
        @{ Name = 'Receiver count of zero'; Script = { Receive-CallRecordNotification -Prefix 'http://127.0.0.1:1/' -ClientState x -Count 0 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '71', '--token', 'right-token'
    $script:faultyEmulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '71', '--fault-503', '1'
    $script:deniedEmulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '71', '--deny-permissions', 'on'
    $script:statusServers = @{ 406 = Start-StatusServer 406 'NotAcceptable'; 409 = Start-StatusServer 409 'Conflict' }
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
    Stop-CallRecordsEmulator $faultyEmulator
    Stop-CallRecordsEmulator $deniedEmulator
    $statusServers.Values | ForEach-Object { Stop-StatusServer $_ }
}

Describe 'Bad input' {
    It '<Name> fails with <Id> (<Category>)' -ForEach $cases {
        $case = $_
        if ($case.Disconnected) {
            Disconnect-CallRecordGraph -WarningAction SilentlyContinue
        }
        elseif ($case.StatusServer) {
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'any' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $statusServers[$case.StatusServer].Url | Out-Null
        }
        elseif ($case.Denied) {
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'any' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $deniedEmulator.Url | Out-Null
        }
        elseif ($case.Faulty) {
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString 'any' -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $faultyEmulator.Url -MaxRetryCount 1 | Out-Null
        }
        else {
            $token = if ($case.Token) { $case.Token } else { 'right-token' }
            Connect-CallRecordGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -TenantId dc368399-474c-4d40-900c-6265431fd81f -GraphEndpoint $emulator.Url | Out-Null
        }

        # Non-terminating errors (one bad id) must stop here too, so the record can be inspected.
        $ErrorActionPreference = 'Stop'
        $failure = $null
        try {
            & $case.Script | Out-Null
        }
        catch {
            $failure = $_
        }

        $failure | Should -Not -BeNullOrEmpty -Because 'bad input must fail'
        $failure.FullyQualifiedErrorId | Should -BeLike "$($case.Id),*"
        $failure.CategoryInfo.Category | Should -Be $case.Category
        $failure.ToString() | Should -Match ([regex]::Escape($case.Message))
        if ($case.Target) {
            $failure.TargetObject | Should -Be $case.Target
        }

        # What the user sees on screen: the message and position, never a .NET stack trace.
        $screen = $failure | Out-String
        $screen | Should -Not -Match '\bat [\w.`]+\(.*\) in |--- End of stack trace|   at System\.'
    }

    It 'has at least 40 cases' {
        $cases.Count | Should -BeGreaterOrEqual 40
    }
}
