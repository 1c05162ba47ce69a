BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:emulator = Start-CallRecordsEmulator -EmulatorPath $EmulatorPath -ArgumentList '--seed', '41'
    Connect-TestEmulator $emulator | Out-Null
    $script:from = [datetime]::UtcNow.Date.AddDays(-2)
    $script:to = $from.AddDays(1).AddHours(6)
    $script:streams = Get-CallRecord -From $from -To $to | Get-CallRecordMediaStream
    $script:pipedPath = Join-Path $TestDrive 'piped.html'
    $script:passThru = $streams | Export-CallQualityReport -Path $pipedPath -Title 'Quality <Q1> & "draft"' -PassThru
    $script:rangePath = Join-Path $TestDrive 'range.html'
    Export-CallQualityReport -Path $rangePath -StartDateTime $from -EndDateTime $to
    $script:html = Get-Content $pipedPath -Raw
    $script:report = [xml]$html

    # The same aggregates, computed here from the rows without the module's aggregator.
    function script:Get-RuleName([string] $reasons) {
        foreach ($part in $reasons -split '; ') { if ($part -match '^(.*?)\s+-?\d') { $Matches[1] } else { $part } }
    }

    function script:Get-KeyOf([string] $dimension, $row) {
        $key = switch ($dimension) {
            'MediaType' { $row.MediaType }
            'Day' { if ($row.StartDateTime) { $row.StartDateTime.UtcDateTime.ToString('yyyy-MM-dd') } }
            'NetworkType' { $row.CallerConnectionType }
            'WifiBand' { if ($row.CallerConnectionType -ne 'wifi') { return $null }; $row.CallerWifiBand }
            'Platform' { $row.CallerPlatform }
            'ProductFamily' { $row.CallerProductFamily }
            'Subnet' { $row.CallerSubnet }
            'User' { @($row.CallerUserPrincipalName, $row.CallerDisplayName, $row.CallerId) | Where-Object { $_ } | Select-Object -First 1 }
            'CaptureDevice' { $row.CallerCaptureDeviceName }
            'RenderDevice' { $row.CallerRenderDeviceName }
            'ClientVersion' { $row.CallerApplicationVersion }
        }
        if ($key) { $key } else { '(not reported)' }
    }

    function script:Get-Expected([string] $dimension, [string] $MediaType) {
        $groups = @{}
        foreach ($row in $streams) {
            if ($MediaType -and $row.MediaType -ne $MediaType) { continue }
            $key = Get-KeyOf $dimension $row
            if ($null -eq $key) { continue }
            if (-not $groups.ContainsKey($key)) { $groups[$key] = [System.Collections.Generic.List[object]]::new() }
            $groups[$key].Add($row)
        }
        foreach ($key in $groups.Keys) {
            $rows = $groups[$key]
            $poor = @($rows | Where-Object Quality -eq Poor)
            $good = @($rows | Where-Object Quality -eq Good).Count
            $reasonCounts = @{}
            foreach ($name in $poor | ForEach-Object { Get-RuleName $_.PoorReasons | Select-Object -Unique }) { $reasonCounts[$name] = 1 + $reasonCounts[$name] }
            $main = $null
            foreach ($name in $reasonCounts.Keys) {
                if ($null -eq $main -or $reasonCounts[$name] -gt $reasonCounts[$main] -or ($reasonCounts[$name] -eq $reasonCounts[$main] -and [string]::CompareOrdinal($name, $main) -lt 0)) { $main = $name }
            }
            [pscustomobject]@{
                Key = $key; Streams = $rows.Count; Good = $good; Poor = $poor.Count; Classified = $good + $poor.Count
                Unclassified = $rows.Count - $good - $poor.Count
                PoorRate = if ($good + $poor.Count) { [double]$poor.Count / ($good + $poor.Count) } else { $null }
                MainPoorReason = $main
            }
        }
    }

    function script:Get-ReportRows([xml] $document, [string] $dimension) {
        $document.SelectNodes("//table[@data-dimension='$dimension']/tbody/tr[@data-dimension='$dimension']")
    }

    function script:Assert-RowMatches($tr, $expected) {
        $because = "$($tr.'data-dimension') $($expected.Key)"
        [long]$tr.'data-streams' | Should -Be $expected.Streams -Because $because
        [long]$tr.'data-good' | Should -Be $expected.Good -Because $because
        [long]$tr.'data-poor' | Should -Be $expected.Poor -Because $because
        [long]$tr.'data-unclassified' | Should -Be $expected.Unclassified -Because $because
        [long]$tr.'data-classified' | Should -Be $expected.Classified -Because $because
        if ($null -eq $expected.PoorRate) { $tr.'data-poor-rate' | Should -BeNullOrEmpty } else { [double]$tr.'data-poor-rate' | Should -Be $expected.PoorRate -Because $because }
        "$($tr.'data-main-poor-reason')" | Should -Be "$($expected.MainPoorReason)" -Because $because
        # What a reader sees: the rate in the row's own text, to one decimal.
        $shown = if ($null -eq $expected.PoorRate) { 'n/a' } else { ([math]::Round(100 * $expected.PoorRate, 1, [System.MidpointRounding]::AwayFromZero)).ToString([cultureinfo]::InvariantCulture) + '%' }
        $tr.InnerText | Should -Match ([regex]::Escape($shown)) -Because $because
    }

    function script:Invoke-Chromium {
        param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
        $profile = Join-Path ([System.IO.Path]::GetTempPath()) ([guid]::NewGuid())
        New-Item -ItemType Directory $profile | Out-Null
        try {
            & $chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --hide-scrollbars "--user-data-dir=$profile" @Arguments 2>$null
        }
        finally { Remove-Item $profile -Recurse -Force -ErrorAction SilentlyContinue }
    }

    $script:chromium = @('/usr/bin/chromium', (Get-Command chromium -ErrorAction SilentlyContinue).Source) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
}

AfterAll {
    Disconnect-CallRecordGraph -WarningAction SilentlyContinue
    Stop-CallRecordsEmulator $emulator
}

Describe 'Export-CallQualityReport' {
    It 'States headline figures equal to those computed from the rows' {
        $streams.Count | Should -BeGreaterThan 500
        $figure = @{}
        foreach ($node in $report.SelectNodes('//*[@data-figure]')) { $figure[$node.'data-figure'] = $node.'data-value' }
        $poor = @($streams | Where-Object Quality -eq Poor).Count
        $good = @($streams | Where-Object Quality -eq Good).Count
        [long]$figure.calls | Should -Be @($streams.CallRecordId | Sort-Object -Unique).Count
        [long]$figure.streams | Should -Be $streams.Count
        [long]$figure.poor | Should -Be $poor
        [long]$figure.classified | Should -Be ($good + $poor)
        [long]$figure.unclassified | Should -Be ($streams.Count - $good - $poor)
        [double]$figure.'poor-rate' | Should -Be ([double]$poor / ($good + $poor))
        $report.SelectSingleNode("//*[@data-rule-set='Current']") | Should -Not -BeNullOrEmpty
        $html | Should -Match 'poor streams ÷ classified streams \(Good \+ Poor\)'
    }

    It 'Shows every <_> with the counts, rate and main poor reason computed from the rows' -ForEach @('MediaType', 'Day', 'NetworkType', 'WifiBand', 'Platform', 'ProductFamily') {
        $expected = @(Get-Expected $_)
        $rows = @(Get-ReportRows $report $_)
        $expected.Count | Should -BeGreaterThan 1
        $rows.Count | Should -Be $expected.Count
        foreach ($item in $expected) {
            Assert-RowMatches ($rows | Where-Object { $_.'data-key' -ceq $item.Key }) $item
        }
    }

    It 'Lists the <_>s with the most poor streams, with their counts, rates and main poor reason' -ForEach @('Subnet', 'User', 'CaptureDevice', 'RenderDevice', 'ClientVersion') {
        $expected = @(Get-Expected $_ | Where-Object Poor -gt 0 | Sort-Object @{ e = 'Poor'; Descending = $true }, @{ e = 'PoorRate'; Descending = $true })
        $rows = @(Get-ReportRows $report $_)
        $rows.Count | Should -Be ([math]::Min(15, $expected.Count))
        ($rows | ForEach-Object { [long]$_.'data-poor' }) | Should -Be ($expected | Select-Object -First $rows.Count).Poor
        foreach ($tr in $rows) {
            Assert-RowMatches $tr ($expected | Where-Object Key -ceq $tr.'data-key')
        }
    }

    It 'Gives the share of each poor reason among poor streams' {
        $poor = @($streams | Where-Object Quality -eq Poor)
        $counts = @{}
        foreach ($row in $poor) { foreach ($name in Get-RuleName $row.PoorReasons | Select-Object -Unique) { $counts[$name] = 1 + $counts[$name] } }
        $rows = @($report.SelectNodes("//table[@data-dimension='PoorReason']/tbody/tr"))
        $rows.Count | Should -Be $counts.Count
        foreach ($tr in $rows) {
            [long]$tr.'data-poor-streams' | Should -Be $counts[$tr.'data-key']
            [double]$tr.'data-share' | Should -Be ([double]$counts[$tr.'data-key'] / $poor.Count)
        }
        $rows.'data-key' | Should -Contain 'Jitter'
    }

    It 'Writes the same aggregates to the pipeline with -PassThru' {
        $aggregates = @($passThru | Where-Object { $_ -is [CallRecords.CallQualityAggregate] })
        $aggregates[0].Dimension | Should -Be 'Total'
        $aggregates[0].Streams | Should -Be $streams.Count
        foreach ($dimension in 'MediaType', 'Day', 'NetworkType', 'WifiBand', 'Platform', 'ProductFamily', 'Subnet', 'User', 'CaptureDevice', 'RenderDevice', 'ClientVersion') {
            $expected = @(Get-Expected $dimension)
            $written = @($aggregates | Where-Object { $_.Dimension -eq $dimension -and $null -eq $_.MediaType })
            $written.Count | Should -Be $expected.Count -Because $dimension
            foreach ($row in $written) {
                $item = $expected | Where-Object Key -ceq $row.Key
                ($row.Streams, $row.Poor, $row.Classified, $row.Unclassified, $row.MainPoorReason) | Should -Be ($item.Streams, $item.Poor, $item.Classified, $item.Unclassified, $item.MainPoorReason) -Because "$dimension $($row.Key)"
                $row.PoorRate | Should -Be $item.PoorRate
            }
        }
        $reasons = @($passThru | Where-Object { $_ -is [CallRecords.CallQualityPoorReason] })
        $reasons.Reason | Should -Be @($report.SelectNodes("//table[@data-dimension='PoorReason']/tbody/tr").'data-key')
    }

    It 'Breaks <_> down per media type, in the report and with -PassThru, as computed from the rows' -ForEach @('NetworkType', 'WifiBand', 'Platform', 'ProductFamily') {
        $dimension = $_
        $mediaTypes = @($streams.MediaType | Sort-Object -Unique)
        $mediaTypes | Should -Contain 'audio'
        $mediaTypes | Should -Contain 'video'
        $written = @($passThru | Where-Object { $_ -is [CallRecords.CallQualityAggregate] -and $_.Dimension -eq $dimension -and $_.MediaType })
        foreach ($mediaType in $mediaTypes) {
            foreach ($item in @(Get-Expected $dimension -MediaType $mediaType)) {
                $because = "$dimension $mediaType $($item.Key)"
                $cell = $report.SelectSingleNode("//table[@data-dimension='$dimension' and @data-by='MediaType']/tbody/tr[@data-key='$($item.Key)']/td[@data-media-type='$mediaType']")
                [long]$cell.'data-poor' | Should -Be $item.Poor -Because $because
                [long]$cell.'data-classified' | Should -Be $item.Classified -Because $because
                $row = $written | Where-Object { $_.MediaType -eq $mediaType -and $_.Key -ceq $item.Key }
                ($row.Streams, $row.Poor, $row.Classified) | Should -Be ($item.Streams, $item.Poor, $item.Classified) -Because $because
            }
        }
    }

    It 'Gives the share of streams with each device and network event and the poor rate with and without it' {
        $rows = @($report.SelectNodes("//table[@data-dimension='Signal']/tbody/tr"))
        $rows.Count | Should -BeGreaterThan 10
        $signals = @($passThru | Where-Object { $_ -is [CallRecords.CallQualitySignal] })
        foreach ($tr in $rows) {
            $column = 'Caller' + $tr.'data-property'.Substring(0, 1).ToUpperInvariant() + $tr.'data-property'.Substring(1)
            $reported = @($streams | Where-Object { $null -ne $_.$column })
            $with = @($reported | Where-Object { $_.$column -gt 0 })
            $without = @($reported | Where-Object { $_.$column -eq 0 })
            $rate = { param($set) $classified = @($set | Where-Object Quality -ne Unclassified).Count; if ($classified) { [double]@($set | Where-Object Quality -eq Poor).Count / $classified } }
            $because = $tr.'data-key'
            [long]$tr.'data-reported' | Should -Be $reported.Count -Because $because
            [long]$tr.'data-streams' | Should -Be $with.Count -Because $because
            [double]$tr.'data-share' | Should -Be ([double]$with.Count / $reported.Count) -Because $because
            foreach ($pair in @(@('data-poor-rate', $with), @('data-poor-rate-without', $without))) {
                $expected = & $rate $pair[1]
                if ($null -eq $expected) { $tr.($pair[0]) | Should -BeNullOrEmpty -Because $because } else { [double]$tr.($pair[0]) | Should -Be $expected -Because $because }
            }
            ($signals | Where-Object Property -eq $tr.'data-property').Streams | Should -Be $with.Count
        }
    }

    It 'Fetches the same streams itself for -StartDateTime and -EndDateTime' {
        $range = [xml](Get-Content $rangePath -Raw)
        $attributes = { param($document) $document.SelectNodes('//tr[@data-key]') | ForEach-Object { ($_.Attributes | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ' ' } }
        $fromRange = @(& $attributes $range)
        $fromRange.Count | Should -BeGreaterThan 20
        $fromRange | Should -Be @(& $attributes $report)
        $range.SelectSingleNode('//header/p').InnerText | Should -Match 'calls that started from'
    }

    It 'Escapes the title and needs nothing outside the file' {
        $report.html.head.title | Should -Be 'Quality <Q1> & "draft"'
        $html | Should -Not -Match '<script|<link|<img|<iframe|@import|url\(|https?://(?!www\.w3\.org/2000/svg")'
        $report.SelectNodes('//@src').Count | Should -Be 0
    }

    It 'States the classification rules with their source' {
        $section = $report.SelectSingleNode("//section[@id='classification']").InnerText
        $section | Should -Match 'Stream Classification in Call Quality Dashboard'
        $section | Should -Match 'jitter > 30 ms'
        $section | Should -Match 'more than 500 packets'
    }

    It 'Refuses a path it cannot write with ReportWriteFailed' {
        $target = Join-Path $TestDrive 'missing-folder/report.html'
        { $streams | Select-Object -First 3 | Export-CallQualityReport -Path $target -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportWriteFailed,CallRecords.Commands.ExportCallQualityReportCommand'
    }

    Context 'Rendered in headless Chromium at <Name> width' -ForEach @(@{ Name = 'desktop'; Width = 1280 }, @{ Name = 'narrow'; Width = 390 }) {
        BeforeAll {
            $chromium | Should -Not -BeNullOrEmpty -Because 'the rendering checks need Debian''s chromium package (.ci/run installs it)'
            $script:screenshot = Join-Path $TestDrive "report-$Width.png"
            Invoke-Chromium "--screenshot=$screenshot" "--window-size=$Width,2000" "file://$pipedPath" | Out-Null

            # A page for the test only: the report in a frame exactly $Width pixels wide (headless windows have a
            # minimum width, frames do not), and a script that measures the laid-out report and writes what it
            # found into this page's DOM for --dump-dom.
            $probePage = Join-Path $TestDrive "probe-$Width.html"
            @"
<!DOCTYPE html><html><body style="margin:0"><iframe id="report" src="file://$pipedPath" style="border:0;width:$($Width)px;height:2000px"></iframe>
<script>
document.getElementById('report').addEventListener('load', function () {
  var doc = this.contentDocument, root = doc.documentElement, width = root.clientWidth, wide = [], blank = 0;
  doc.querySelectorAll('body *').forEach(function (e) { if (e.getBoundingClientRect().right > width + 0.5) { wide.push(e.tagName + (e.id ? '#' + e.id : '')); } });
  doc.querySelectorAll('svg text').forEach(function (t) { var b = t.getBBox(); if (b.width === 0 || b.height === 0) { blank++; } });
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({ scrollWidth: root.scrollWidth, clientWidth: width, overflowing: wide, blankTexts: blank, svgTexts: doc.querySelectorAll('svg text').length });
  document.body.appendChild(out);
});
</script></body></html>
"@ | Set-Content $probePage
            $dom = (Invoke-Chromium '--dump-dom' '--allow-file-access-from-files' '--virtual-time-budget=10000' "--window-size=$($Width + 100),2100" "file://$probePage") -join "`n"
            $script:probe = [regex]::Match($dom, '<pre id="probe">(.*?)</pre>').Groups[1].Value.Replace('&quot;', '"') | ConvertFrom-Json
        }

        It 'Takes a screenshot <Width> pixels wide' {
            Test-Path $screenshot | Should -BeTrue
            $bytes = [System.IO.File]::ReadAllBytes($screenshot)
            # PNG: the IHDR chunk holds the width, big-endian, at offset 16.
            (([int]$bytes[16] -shl 24) -bor ([int]$bytes[17] -shl 16) -bor ([int]$bytes[18] -shl 8) -bor [int]$bytes[19]) | Should -Be $Width
            $bytes.Length | Should -BeGreaterThan 20000
        }

        It 'Does not overflow horizontally' {
            $probe.clientWidth | Should -BeGreaterThan ($Width - 20)
            $probe.scrollWidth | Should -BeLessOrEqual $probe.clientWidth
            $probe.overflowing | Should -BeNullOrEmpty
        }

        It 'Lays out the text of every chart (labels, values, axes)' {
            $probe.svgTexts | Should -BeGreaterThan 50
            $probe.blankTexts | Should -Be 0
        }
    }

    It 'Gives every chart role="img", a title, a description, axes and a text value beside each bar' {
        $svg = @($report.SelectNodes("//*[local-name()='svg']"))
        # Days, four network and client breakdowns, poor reasons, device and network events.
        $svg.Count | Should -Be 7
        foreach ($chart in $svg) {
            $chart.role | Should -Be 'img'
            $chart.SelectSingleNode("*[local-name()='title']").InnerText | Should -Not -BeNullOrEmpty
            $chart.SelectSingleNode("*[local-name()='desc']").InnerText | Should -Not -BeNullOrEmpty
            $chart.SelectNodes(".//*[local-name()='text' and @class='tick']").Count | Should -Be 3
            $chart.SelectSingleNode(".//*[local-name()='text' and @class='axis-title']").InnerText | Should -Not -BeNullOrEmpty
            foreach ($bar in $chart.SelectNodes(".//*[local-name()='g' and @class='bar-row']")) {
                $bar.SelectSingleNode("*[local-name()='text' and @class='value']").InnerText | Should -Match '%|none classified'
            }
        }
        @($report.SelectNodes('//img[not(@alt)]')).Count | Should -Be 0
    }
}
