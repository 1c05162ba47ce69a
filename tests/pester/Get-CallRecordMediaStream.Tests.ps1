BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '23'
    Connect-TestEmulator $emulator | Out-Null
    $script:day = [datetime]::UtcNow.Date.AddDays(-1)
    $script:records = Get-CallRecord -From $day -To $day.AddHours(6)
    $script:streams = $records | Get-CallRecordMediaStream

    # An independent verdict from the raw JSON, by the published audio rule (packet floor 500).
    function script:Get-ExpectedAudioQuality($stream) {
        $ms = { param($d) if ($d) { [System.Xml.XmlConvert]::ToTimeSpan($d).TotalMilliseconds } }
        if ($null -eq $stream.packetUtilization -or $stream.packetUtilization -le 500) { return 'Unclassified' }
        $rtt = & $ms $stream.averageRoundTripTime
        $jitter = & $ms $stream.averageJitter
        $loss = $stream.averagePacketLossRate
        if ($null -eq $rtt -and $null -eq $jitter -and $null -eq $loss) { return 'Unclassified' }
        if ($rtt -gt 500 -or $jitter -gt 30 -or $loss -gt 0.1) { 'Poor' } else { 'Good' }
    }
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Get-CallRecordMediaStream' {
    It 'Returns every stream of the records exactly once, with the verdict an independent reading of the JSON gives' {
        $expected = foreach ($record in $records) {
            $sessions = @()
            $next = "$($emulator.Url)/v1.0/communications/callRecords/$($record.Id)/sessions?`$expand=segments"
            while ($next) {
                $page = Invoke-RestMethod $next -Headers @{ Authorization = 'Bearer test-token' }
                $sessions += $page.value
                $next = $page.'@odata.nextLink'
            }
            foreach ($session in $sessions) {
                foreach ($segment in $session.segments) {
                    foreach ($media in $segment.media) {
                        foreach ($stream in $media.streams) {
                            [pscustomobject]@{
                                Key     = "$($record.Id)|$($session.id)|$($segment.id)|$($media.label)|$($stream.streamId)|$($stream.streamDirection)"
                                Audio   = $media.label -like '*audio*'
                                Quality = Get-ExpectedAudioQuality $stream
                            }
                        }
                    }
                }
            }
        }
        $actual = $streams | ForEach-Object { "$($_.CallRecordId)|$($_.SessionId)|$($_.SegmentId)|$($_.MediaLabel)|$($_.StreamId)|$($_.StreamDirection)" }
        $expected.Count | Should -BeGreaterThan 100
        ($actual | Sort-Object) | Should -Be ($expected.Key | Sort-Object)
        ($actual | Sort-Object -Unique).Count | Should -Be $actual.Count

        $byKey = @{}
        $streams | ForEach-Object { $byKey["$($_.CallRecordId)|$($_.SessionId)|$($_.SegmentId)|$($_.MediaLabel)|$($_.StreamId)|$($_.StreamDirection)"] = $_.Quality }
        foreach ($item in $expected | Where-Object Audio) {
            $byKey[$item.Key] | Should -Be $item.Quality -Because $item.Key
        }
        ($streams | Where-Object Quality -eq Poor).Count | Should -BeGreaterThan 0
    }

    It 'Names each fired rule with its measured value' {
        $poorAudio = $streams | Where-Object { $_.Quality -eq 'Poor' -and $_.MediaType -eq 'audio' } | Select-Object -First 1
        $poorAudio.PoorReasons | Should -Match '^(Round trip|Packet loss rate|Jitter) [\d.]+( ms)? > [\d.]+'
    }

    It 'Uses the sessions of records expanded with -ExpandSessions without asking again' {
        $id = $records[0].Id
        $expanded = Get-CallRecord -Id $id -ExpandSessions
        Invoke-RestMethod -Method Post "$($emulator.Url)/_emulator/stats/reset" | Out-Null
        $fromRecord = $expanded | Get-CallRecordMediaStream
        (Invoke-RestMethod "$($emulator.Url)/_emulator/stats").requests | Should -Be 0
        $fromRecord.Count | Should -Be @($streams | Where-Object CallRecordId -eq $id).Count
    }

    It 'Takes sessions from the pipeline' {
        $sessions = Get-CallRecordSession -CallRecordId $records[0].Id
        ($sessions | Get-CallRecordMediaStream).Count | Should -Be @($streams | Where-Object CallRecordId -eq $records[0].Id).Count
    }

    It 'Judges by the legacy rules on request' {
        $legacy = $records | Select-Object -First 20 | Get-CallRecordMediaStream -QualityRuleSet Legacy
        $legacy | ForEach-Object { $_.QualityRuleSet | Should -Be 'Legacy' }
    }

    It 'Writes one value per cell and a header with every column to CSV' {
        $path = Join-Path $TestDrive 'streams.csv'
        $streams | Export-Csv $path -NoTypeInformation
        $header = (Get-Content $path -TotalCount 1) -split ',' | ForEach-Object { $_.Trim('"') }
        $header | Should -Be ([CallRecords.Columns.ColumnSet]::For([CallRecords.CallRecordMediaStream]).Columns.Name)
        $header | Should -Contain 'CallerSubnet'
        $text = Get-Content $path -Raw
        $text | Should -Not -Match 'System\.|CallRecords\.'
        (Import-Csv $path | Where-Object Quality -eq Poor).Count | Should -Be ($streams | Where-Object Quality -eq Poor).Count
    }

    It 'Gets no 429 from the emulator for a day of a 500-user tenant with throttling on' {
        $big = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '24', '--users', '500', '--calls-per-day', '400', '--throttle', 'on'
        try {
            Connect-TestEmulator $big | Out-Null
            $count = (Get-CallRecord -From $day -To $day.AddDays(1) | Get-CallRecordMediaStream | Measure-Object).Count
            $count | Should -BeGreaterThan 1000
            (Invoke-RestMethod "$($big.Url)/_emulator/stats").throttled | Should -Be 0
        }
        finally {
            Connect-TestEmulator $emulator | Out-Null
            Stop-CallRecordsEmulator $big
        }
    }
}
