BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '55', '--pstn-rows-per-day', '100', '--throttle', 'off'
    Connect-TestEmulator $emulator | Out-Null
    $script:start = [datetime]::SpecifyKind([datetime]::UtcNow.Date.AddDays(-230), 'Utc')
    $script:end = $start.AddDays(200)
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-PstnOnlineMeetingDialoutReport' {
    It 'Returns the report of a 200-day range: each organizer''s totals added up over its three windows' {
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        $rows = Get-PstnOnlineMeetingDialoutReport -StartDateTime $start -EndDateTime $end -WarningAction SilentlyContinue
        $query = "from=$([uri]::EscapeDataString($start.ToString('o')))&to=$([uri]::EscapeDataString($end.AddTicks(-1).ToString('o')))"
        $truth = (Invoke-RestMethod "$($emulator.Url)/_emulator/truth/pstnOnlineMeetingDialoutReport?$query").value
        @($truth).Count | Should -BeGreaterThan 20
        # Invoke-RestMethod reads the truth's charges as doubles: compare them at two decimals.
        $key = { "$($_.userId)|$($_.destinationContext)|$($_.totalCalls)|$(([decimal]$_.totalCallCharge).ToString('0.00', [cultureinfo]::InvariantCulture))|$($_.totalCallSeconds)" }
        ($rows | ForEach-Object $key | Sort-Object) | Should -Be ($truth | ForEach-Object $key | Sort-Object)
        (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 3
        $rows[0].TotalCallCharge | Should -BeOfType [decimal]
        $rows[0].TotalCalls | Should -BeOfType [int]
    }

    It 'Warns once per session that getPstnOnlineMeetingDialoutReport is a beta API' {
        $result = Get-BetaWarning $emulator 'Get-PstnOnlineMeetingDialoutReport'
        $result.Counts | Should -Be 1, 0, 0
        $result.Warnings | Should -Match '^getPstnOnlineMeetingDialoutReport is a Microsoft Graph beta API'
    }

    It 'Round-trips every column through Export-Csv and Import-Csv' {
        $rows = Get-PstnOnlineMeetingDialoutReport -From $start -To $start.AddDays(30) -WarningAction SilentlyContinue
        $path = Join-Path $TestDrive 'dialout.csv'
        $rows | Export-Csv $path -NoTypeInformation
        $imported = Import-Csv $path
        $columns = [CallRecords.PstnOnlineMeetingDialoutReportRow].GetProperties().Name
        ($imported[0].PSObject.Properties.Name) | Should -Be $columns
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($column in $columns) {
                "$($imported[$i].$column)" | Should -Be "$($rows[$i].$column)" -Because "$column of row $i"
            }
        }
    }

    It 'Fails with InvalidDateRange when the start is after the end' {
        { Get-PstnOnlineMeetingDialoutReport -From $end -To $start -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDateRange,CallRecords.Commands.GetPstnOnlineMeetingDialoutReportCommand'
    }

    It 'Has a table view' {
        Get-FormatData -TypeName CallRecords.PstnOnlineMeetingDialoutReportRow | Should -Not -BeNullOrEmpty
    }
}
