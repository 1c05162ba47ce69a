BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '11'
    Connect-TestEmulator $emulator | Out-Null
    $script:today = [datetime]::UtcNow.Date
    $script:yesterday = $today.AddDays(-1)
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-CallRecord' {
    Context 'List' {
        It 'Lists exactly the records that started in the range' {
            $expected = Get-TruthIds $emulator callRecords -From $yesterday -To $today
            $records = Get-CallRecord -StartDateTime $yesterday -EndDateTime $today
            $records.Count | Should -BeGreaterThan 60
            ($records.Id | Sort-Object) | Should -Be ($expected | Sort-Object)
        }

        It 'Accepts -From and -To' {
            $records = Get-CallRecord -From $yesterday.AddHours(10) -To $yesterday.AddHours(11)
            $expected = Get-TruthIds $emulator callRecords -From $yesterday.AddHours(10) -To $yesterday.AddHours(11)
            @($records).Count | Should -Be @($expected).Count
        }

        It 'Lists only the calls a user took part in with -UserId' {
            $user = (Invoke-RestMethod "$($emulator.Url)/_emulator/tenant").users[0].id
            $records = Get-CallRecord -From $yesterday.AddDays(-2) -To $today -UserId $user
            $expected = Get-TruthIds $emulator "callRecords" -From $yesterday.AddDays(-2) -To $today
            $records | Should -Not -BeNullOrEmpty
            @($records).Count | Should -BeLessThan @($expected).Count
        }

        It 'Fails with InvalidDateRange when the start is after the end' {
            { Get-CallRecord -From $today -To $yesterday -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetCallRecordCommand'
        }

        It 'Clamps an end in the future to now, with a warning' {
            $null = Get-CallRecord -From $today.AddHours(-1) -To $today.AddDays(3) -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -Match 'in the future'
        }

        It 'Warns that records older than 30 days do not exist' {
            $null = Get-CallRecord -From $today.AddDays(-45) -To $today.AddDays(-29) -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -Match '30 days'
        }

        It 'Writes one meaningful value in every CSV cell' {
            $path = Join-Path $TestDrive 'calls.csv'
            Get-CallRecord -From $yesterday -To $today | Export-Csv -Path $path -NoTypeInformation
            $text = Get-Content $path -Raw
            $text | Should -Not -Match 'System\.(Object|String)\[\]'
            $text | Should -Not -Match 'CallRecords\.'
            $rows = Import-Csv $path
            $rows[0].Modalities | Should -Match '^(audio|video|videoBasedScreenSharing|data|screenSharing)'
            ($rows | Where-Object { -not $_.Id -or -not $_.StartDateTime -or -not $_.Type }) | Should -BeNullOrEmpty
        }

        It 'Has a table view' {
            Get-FormatData -TypeName CallRecords.CallRecord | Should -Not -BeNullOrEmpty
            (Get-CallRecord -From $yesterday -To $yesterday.AddHours(1) | Select-Object -First 1 | Format-Table | Out-String) | Should -Match 'Organizer'
        }
    }

    Context 'Id' {
        It 'Gets records piped by Id and keeps going past one that is not found' {
            $ids = (Get-TruthIds $emulator callRecords -From $yesterday -To $today) | Select-Object -First 2
            $records = @($ids[0], '2b7c1a6e-0000-4000-8000-000000000000', $ids[1]) | Get-CallRecord -ErrorVariable failures -ErrorAction SilentlyContinue
            $records.Id | Should -Be $ids
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'CallRecordNotFound,CallRecords.Commands.GetCallRecordCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be '2b7c1a6e-0000-4000-8000-000000000000'
        }

        It 'Binds records from the pipeline by their Id property' {
            $listed = Get-CallRecord -From $yesterday -To $yesterday.AddHours(2) | Select-Object -First 3
            ($listed | Get-CallRecord).Id | Should -Be $listed.Id
        }

        It 'Binds a CallRecordId property' {
            $id = (Get-TruthIds $emulator callRecords -From $yesterday -To $today)[0]
            ([pscustomobject]@{ CallRecordId = $id } | Get-CallRecord).Id | Should -Be $id
        }

        It 'Refuses an id that is not a GUID without sending it' {
            $null = Get-CallRecord -Id '../../me' -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidCallRecordId,CallRecords.Commands.GetCallRecordCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'Refuses an empty id' {
            { Get-CallRecord -Id '' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CallRecords.Commands.GetCallRecordCommand'
        }

        It 'Expands every session of a group call with more than 60 sessions' {
            $tenant = Invoke-RestMethod "$($emulator.Url)/_emulator/tenant"
            $id = $tenant.largeGroupCallIds[0]
            $record = Get-CallRecord -Id $id -ExpandSessions
            $record.SessionCount | Should -BeGreaterThan 60
            @($record.Sessions).Count | Should -Be $record.SessionCount
            ($record.Sessions.Id | Sort-Object -Unique).Count | Should -Be $record.SessionCount
            $record.Sessions[0].Segments.Count | Should -BeGreaterThan 0
            $record.Sessions[0].CallRecordId | Should -Be $id
        }
    }
}
