<#
.SYNOPSIS
    Writes a small OCI image layout whose layers are gzip tars of the files you give, the same bytes on every run.
.DESCRIPTION
    Each layer is an ordered dictionary of tar entry names to file contents (byte arrays). The tar headers are
    written here (ustar, fixed owner, mode and time) rather than by System.Formats.Tar, so the script runs in
    Windows PowerShell 5.1 as well as PowerShell 7. Returns the digests of what it wrote.
.EXAMPLE
    $layer = [ordered]@{ 'app/hello.txt' = [Text.Encoding]::UTF8.GetBytes('hello') }
    ./New-SampleImageLayout.ps1 -Path ./hello-layout -Layer $layer -Name hello
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [System.Collections.IDictionary[]] $Layer,
    [string] $Name = 'sample',
    [string] $Architecture = 'amd64'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Get-Sha256Digest([byte[]] $Bytes) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { 'sha256:' + ([System.BitConverter]::ToString($sha.ComputeHash($Bytes)) -replace '-', '').ToLowerInvariant() }
    finally { $sha.Dispose() }
}

function Write-Blob([byte[]] $Bytes) {
    $digest = Get-Sha256Digest $Bytes
    [System.IO.File]::WriteAllBytes((Join-Path $blobs $digest.Substring(7)), $Bytes)
    [pscustomobject]@{ Digest = $digest; Size = $Bytes.Length }
}

function Set-HeaderField([byte[]] $Header, [int] $Offset, [string] $Text) {
    $bytes = [System.Text.Encoding]::ASCII.GetBytes($Text)
    [System.Array]::Copy($bytes, 0, $Header, $Offset, $bytes.Length)
}

# A ustar header: name, mode, uid, gid, size, mtime, checksum, type '0', magic "ustar\0" version "00".
function New-TarHeader([string] $EntryName, [long] $Size) {
    if ([System.Text.Encoding]::UTF8.GetByteCount($EntryName) -gt 100) { throw "Tar entry name longer than 100 bytes: $EntryName" }
    $header = New-Object byte[] 512
    $nameBytes = [System.Text.Encoding]::UTF8.GetBytes($EntryName)
    [System.Array]::Copy($nameBytes, 0, $header, 0, $nameBytes.Length)
    Set-HeaderField $header 100 '0000644'
    Set-HeaderField $header 108 '0000000'
    Set-HeaderField $header 116 '0000000'
    Set-HeaderField $header 124 ([System.Convert]::ToString($Size, 8).PadLeft(11, '0'))
    Set-HeaderField $header 136 '14000000000'
    Set-HeaderField $header 148 '        '
    Set-HeaderField $header 156 '0'
    Set-HeaderField $header 257 "ustar`0" 
    Set-HeaderField $header 263 '00'
    # Summed in .NET: a PowerShell loop over 512 bytes per entry makes layers of thousands of files take seconds.
    $sum = [System.Linq.Enumerable]::Sum([int[]] $header)
    Set-HeaderField $header 148 ([System.Convert]::ToString($sum, 8).PadLeft(6, '0') + "`0 ")
    , $header
}

function New-TarBytes([System.Collections.IDictionary] $Files) {
    $tar = New-Object System.IO.MemoryStream
    foreach ($entry in $Files.GetEnumerator()) {
        [byte[]] $content = $entry.Value
        $tar.Write((New-TarHeader $entry.Key $content.Length), 0, 512)
        $tar.Write($content, 0, $content.Length)
        $padding = (512 - $content.Length % 512) % 512
        $tar.Write((New-Object byte[] $padding), 0, $padding)
    }
    $tar.Write((New-Object byte[] 1024), 0, 1024)
    # The comma returns the array whole instead of enumerating its bytes into the pipeline.
    , $tar.ToArray()
}

function ConvertTo-Gzip([byte[]] $Bytes) {
    $compressed = New-Object System.IO.MemoryStream
    $gzip = New-Object System.IO.Compression.GZipStream($compressed, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    $gzip.Write($Bytes, 0, $Bytes.Length)
    $gzip.Dispose()
    , $compressed.ToArray()
}

$blobs = Join-Path (Join-Path $Path 'blobs') 'sha256'
$null = New-Item -ItemType Directory -Force -Path $blobs
$utf8 = New-Object System.Text.UTF8Encoding($false)

$layerDescriptors = @()
$diffIds = @()
foreach ($files in $Layer) {
    $tar = New-TarBytes $files
    $diffIds += Get-Sha256Digest $tar
    $blob = Write-Blob (ConvertTo-Gzip $tar)
    $layerDescriptors += $blob
}
$diffIdList = ($diffIds | ForEach-Object { '"' + $_ + '"' }) -join ','
$config = Write-Blob ($utf8.GetBytes('{"architecture":"' + $Architecture + '","os":"linux","rootfs":{"type":"layers","diff_ids":[' + $diffIdList + ']},"config":{"Cmd":["/bin/sh"]}}'))
$layerList = ($layerDescriptors | ForEach-Object { '{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"' + $_.Digest + '","size":' + $_.Size + '}' }) -join ','
$manifest = Write-Blob ($utf8.GetBytes('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' + $config.Digest + '","size":' + $config.Size + '},"layers":[' + $layerList + ']}'))
[System.IO.File]::WriteAllText((Join-Path $Path 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}', $utf8)
[System.IO.File]::WriteAllText((Join-Path $Path 'index.json'), '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"' + $manifest.Digest + '","size":' + $manifest.Size + ',"annotations":{"org.opencontainers.image.ref.name":"' + $Name + '"},"platform":{"architecture":"' + $Architecture + '","os":"linux"}}]}', $utf8)

[pscustomobject]@{
    Path           = (Resolve-Path $Path).ProviderPath
    ManifestDigest = $manifest.Digest
    LayerDigests   = @($layerDescriptors | ForEach-Object Digest)
}
