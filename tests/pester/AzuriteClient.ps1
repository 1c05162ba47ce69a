<#
.SYNOPSIS
    Creates a container in Azurite, lists its blobs or makes a SAS for it, in a pwsh of its own (Start-FreshPwsh), with
    the Azure.Storage.Blobs the built module ships: the test session never loads Azure assemblies itself.
.OUTPUTS
    One line of JSON: for List, the committed blobs (Name, Length); for Sas, the token; for Create, the container URL.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString,
    [Parameter(Mandatory)] [string] $Container,
    [Parameter(Mandatory)] [ValidateSet('Create', 'List', 'Sas')] [string] $Action
)

$ErrorActionPreference = 'Stop'
$dependencies = Join-Path $ModulePath 'Dependencies'
foreach ($name in 'System.Memory.Data', 'System.ClientModel', 'System.IO.Hashing', 'Azure.Core', 'Azure.Storage.Common', 'Azure.Storage.Blobs') {
    Add-Type -Path (Join-Path $dependencies "$name.dll")
}

$client = [Azure.Storage.Blobs.BlobContainerClient]::new($ConnectionString, $Container)
switch ($Action) {
    'Create' {
        $null = $client.Create()
        @{ Url = $client.Uri.AbsoluteUri } | ConvertTo-Json -Compress
    }
    'List' {
        $blobs = foreach ($blob in $client.GetBlobs()) { @{ Name = $blob.Name; Length = $blob.Properties.ContentLength } }
        ConvertTo-Json -Compress -InputObject @($blobs)
    }
    'Sas' {
        $permissions = [Azure.Storage.Sas.BlobContainerSasPermissions]::Create -bor [Azure.Storage.Sas.BlobContainerSasPermissions]::Write
        @{ Token = $client.GenerateSasUri($permissions, [DateTimeOffset]::UtcNow.AddHours(1)).Query } | ConvertTo-Json -Compress
    }
}
