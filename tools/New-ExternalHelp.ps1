<#
.SYNOPSIS
    Writes the module's MAML help (en-US/CallRecords.dll-Help.xml) from docs/en-US/<Verb-Noun>.psd1.
.DESCRIPTION
    Each source file holds the prose: Synopsis, Description, one description per parameter, Examples
    (Title, Code, Remarks), Notes and Links. Syntax, parameter types, positions, aliases and pipeline
    input come from the built cmdlets themselves, so the help cannot drift from the code. The build fails
    when a cmdlet has no source, a parameter has no description, or there are fewer than two examples.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SourcePath
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
$SourcePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SourcePath)
Set-StrictMode -Version Latest

$module = Import-Module (Join-Path $ModulePath 'CallRecords.psd1') -PassThru -Force
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$target = Join-Path $ModulePath 'en-US/CallRecords.dll-Help.xml'
$writer = [System.Xml.XmlWriter]::Create($target, $settings)

function Write-Paragraphs([string] $text) {
    foreach ($paragraph in ($text.Trim() -split '\r?\n\s*\r?\n')) {
        $writer.WriteElementString('para', $maml, ($paragraph -replace '\s*\r?\n\s*', ' ').Trim())
    }
}

function Get-PipelineInput($parameter) {
    $byValue = $parameter.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipeline }
    $byName = $parameter.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipelineByPropertyName }
    $kinds = @(if ($byValue) { 'ByValue' }; if ($byName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($parameter, $setParameter, [string] $description) {
    $type = $parameter.ParameterType
    $typeName = if ($type -eq [System.Management.Automation.SwitchParameter]) { 'SwitchParameter' } else { $type.Name }
    $position = if ($setParameter -and $setParameter.Position -ge 0) { "$($setParameter.Position)" } else { 'named' }
    $writer.WriteStartElement('command', 'parameter', $command)
    $writer.WriteAttributeString('required', "$([bool]($setParameter -and $setParameter.IsMandatory))".ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant())
    $writer.WriteAttributeString('globbing', 'false')
    $writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $parameter))
    $writer.WriteAttributeString('position', $position)
    $writer.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $writer.WriteElementString('name', $maml, $parameter.Name)
    $writer.WriteStartElement('description', $maml); Write-Paragraphs $description; $writer.WriteEndElement()
    if ($typeName -ne 'SwitchParameter') {
        $writer.WriteStartElement('parameterValue', $command)
        $writer.WriteAttributeString('required', 'true')
        $writer.WriteString($typeName)
        $writer.WriteEndElement()
    }
    $writer.WriteStartElement('type', $dev); $writer.WriteElementString('name', $maml, $type.FullName); $writer.WriteEndElement()
    $writer.WriteEndElement()
}

$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

foreach ($cmdlet in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $sourceFile = Join-Path $SourcePath "$($cmdlet.Name).psd1"
    if (-not (Test-Path $sourceFile)) { $problems.Add("$($cmdlet.Name): no help source $sourceFile"); continue }
    $help = Import-PowerShellDataFile $sourceFile
    foreach ($key in 'Synopsis', 'Description', 'Parameters', 'Examples') {
        if (-not $help.ContainsKey($key) -or -not $help[$key]) { $problems.Add("$($cmdlet.Name): help has no $key") }
    }
    if (@($help.Examples).Count -lt 2) { $problems.Add("$($cmdlet.Name): help has fewer than two examples") }
    $parameters = @($cmdlet.Parameters.Values | Where-Object { $_.Name -notin $common })
    foreach ($parameter in $parameters) {
        if (-not $help.Parameters.ContainsKey($parameter.Name)) { $problems.Add("$($cmdlet.Name): parameter $($parameter.Name) has no description") }
    }
    foreach ($described in $help.Parameters.Keys) {
        if ($described -notin $parameters.Name) { $problems.Add("$($cmdlet.Name): help describes $described, which the cmdlet does not have") }
    }

    $writer.WriteStartElement('command', 'command', $command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $writer.WriteStartElement('details', $command)
    $writer.WriteElementString('name', $command, $cmdlet.Name)
    $writer.WriteElementString('verb', $command, $cmdlet.Verb)
    $writer.WriteElementString('noun', $command, $cmdlet.Noun)
    $writer.WriteStartElement('description', $maml); Write-Paragraphs $help.Synopsis; $writer.WriteEndElement()
    $writer.WriteEndElement()
    $writer.WriteStartElement('description', $maml); Write-Paragraphs $help.Description; $writer.WriteEndElement()

    $writer.WriteStartElement('syntax', $command)
    foreach ($set in $cmdlet.ParameterSets) {
        $writer.WriteStartElement('syntaxItem', $command)
        $writer.WriteElementString('name', $maml, $cmdlet.Name)
        foreach ($setParameter in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            Write-Parameter $cmdlet.Parameters[$setParameter.Name] $setParameter $help.Parameters[$setParameter.Name]
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('parameters', $command)
    foreach ($parameter in $parameters) {
        $firstSet = $cmdlet.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -eq $parameter.Name | Select-Object -First 1
        Write-Parameter $parameter $firstSet $help.Parameters[$parameter.Name]
    }
    $writer.WriteEndElement()

    $inputs = @($parameters | Where-Object { (Get-PipelineInput $_) -ne 'False' })
    $writer.WriteStartElement('inputTypes', $command)
    foreach ($parameter in $inputs) {
        $writer.WriteStartElement('inputType', $command)
        $writer.WriteStartElement('type', $dev); $writer.WriteElementString('name', $maml, $parameter.ParameterType.FullName); $writer.WriteEndElement()
        $writer.WriteStartElement('description', $maml); Write-Paragraphs "-$($parameter.Name), $(Get-PipelineInput $parameter)."; $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('returnValues', $command)
    foreach ($outputType in $cmdlet.OutputType) {
        $writer.WriteStartElement('returnValue', $command)
        $writer.WriteStartElement('type', $dev); $writer.WriteElementString('name', $maml, $outputType.Name); $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    if ($help.ContainsKey('Notes')) {
        $writer.WriteStartElement('alertSet', $maml); $writer.WriteStartElement('alert', $maml); Write-Paragraphs $help.Notes; $writer.WriteEndElement(); $writer.WriteEndElement()
    }

    $writer.WriteStartElement('examples', $command)
    $number = 0
    foreach ($example in $help.Examples) {
        $number++
        $writer.WriteStartElement('example', $command)
        $writer.WriteElementString('title', $maml, "-------------------------- Example $($number): $($example.Title) --------------------------")
        $writer.WriteElementString('code', $dev, $example.Code.Trim())
        $writer.WriteStartElement('remarks', $dev); Write-Paragraphs $example.Remarks; $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('relatedLinks', $command)
    foreach ($link in @($help['Links'])) {
        if (-not $link) { continue }
        $writer.WriteStartElement('navigationLink', $maml)
        $writer.WriteElementString('linkText', $maml, $link)
        $writer.WriteElementString('uri', $maml, $(if ($link -match '^https?://') { $link } else { '' }))
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "help: $_" }
    throw "Help is incomplete: $($problems.Count) problem(s)."
}
Write-Host "Help: $target"
