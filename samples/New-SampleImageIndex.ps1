<#
.SYNOPSIS
    Makes a small OCI image with one large gzip layer, builds its SOCI index, and reads one file back through it.
.DESCRIPTION
    The main job of SociTools, end to end, with nothing but PowerShell 7 (or the bundled script host):
    1. writes an OCI image layout whose single layer (about 24 MiB of varied files) is a gzip tar,
    2. New-SociIndex builds the zTOC and a v2 SOCI index into the layout,
    3. Get-SociZtoc lists what the zTOC holds,
    4. Export-SociFile extracts one file by its zTOC and checks it against the original.
.PARAMETER Path
    Where to write the layout; a new temporary folder by default.
#>
param([string] $Path = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "socitools-sample-" + [guid]::NewGuid().ToString('n').Substring(0, 8)))

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Only the engine's own commands are used, so the script also runs in tools/SociTools.Host.
function Say([string] $Text) { $Host.UI.WriteLine($Text) }

function Get-Sha256Digest([byte[]] $Bytes) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { 'sha256:' + ([System.BitConverter]::ToString($sha.ComputeHash($Bytes)) -replace '-', '').ToLowerInvariant() }
    finally { $sha.Dispose() }
}

function Write-Blob([string] $Layout, [byte[]] $Bytes) {
    $digest = Get-Sha256Digest $Bytes
    [System.IO.File]::WriteAllBytes([System.IO.Path]::Combine($Layout, 'blobs', 'sha256', $digest.Substring(7)), $Bytes)
    @{ digest = $digest; size = $Bytes.Length }
}

# Varied content: text that compresses well, random bytes that do not, and one file larger than a span.
function New-LayerBytes {
    $random = [System.Random]::new(20261124)
    $tarStream = [System.IO.MemoryStream]::new()
    $writer = [System.Formats.Tar.TarWriter]::new($tarStream, [System.Formats.Tar.TarEntryFormat]::Pax, $true)
    $directory = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::Directory, 'app/')
    $writer.WriteEntry($directory)
    for ($i = 0; $i -lt 64; $i++) {
        $line = ("line {0} of file {1}: lazy loading starts containers before their images are downloaded`n" -f $random.Next(), $i)
        $text = [System.Text.Encoding]::UTF8.GetBytes($line * 400)
        $entry = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, "app/docs/note-$i.txt")
        $entry.DataStream = [System.IO.MemoryStream]::new($text)
        $writer.WriteEntry($entry)
    }
    $noise = [byte[]]::new(12MB)
    $random.NextBytes($noise)
    $big = [System.Formats.Tar.PaxTarEntry]::new([System.Formats.Tar.TarEntryType]::RegularFile, 'app/data/model.bin')
    $big.DataStream = [System.IO.MemoryStream]::new($noise)
    $writer.WriteEntry($big)
    $writer.Dispose()

    $gzipped = [System.IO.MemoryStream]::new()
    $gzip = [System.IO.Compression.GZipStream]::new($gzipped, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    $tarStream.Position = 0
    $tarStream.CopyTo($gzip)
    $gzip.Dispose()
    @{ Tar = $tarStream.ToArray(); Gzip = $gzipped.ToArray(); Model = $noise }
}

Say "Writing an OCI image layout to $Path"
[void][System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($Path, 'blobs', 'sha256'))
$layer = New-LayerBytes
$layerBlob = Write-Blob $Path $layer.Gzip
$diffId = Get-Sha256Digest $layer.Tar
$config = [System.Text.Encoding]::UTF8.GetBytes('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["' + $diffId + '"]},"config":{"Cmd":["/bin/sh"]}}')
$configBlob = Write-Blob $Path $config
$manifest = [System.Text.Encoding]::UTF8.GetBytes('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' + $configBlob.digest + '","size":' + $configBlob.size + '},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"' + $layerBlob.digest + '","size":' + $layerBlob.size + '}]}')
$manifestBlob = Write-Blob $Path $manifest
[System.IO.File]::WriteAllText([System.IO.Path]::Combine($Path, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
[System.IO.File]::WriteAllText([System.IO.Path]::Combine($Path, 'index.json'), '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"' + $manifestBlob.digest + '","size":' + $manifestBlob.size + ',"annotations":{"org.opencontainers.image.ref.name":"sample"},"platform":{"architecture":"amd64","os":"linux"}}]}')

Say "Building the SOCI index (v2)"
$results = New-SociIndex -Path $Path -Platform linux/amd64
$results

Say "The zTOC of the layer"
$ztoc = Get-SociZtoc -Path $Path -LayerDigest $layerBlob.digest
$ztoc
Say ("{0} files in {1} spans" -f $ztoc.Files.Count, $ztoc.SpanCount)

Say "Extracting app/data/model.bin through the zTOC"
$destination = [System.IO.Path]::Combine($Path, 'model.bin')
$export = Export-SociFile -Path $Path -LayerDigest $layerBlob.digest -Name 'app/data/model.bin' -Destination $destination
$export
$same = [System.Linq.Enumerable]::SequenceEqual([byte[]][System.IO.File]::ReadAllBytes($destination), [byte[]]$layer.Model)
if (-not $same) { throw 'The extracted file differs from the original.' }
Say "Extracted file is byte-identical to the original; read $($export.CompressedBytesRead) of $($layerBlob.size) compressed bytes."

Say "Extracting one small file: only the span that holds it is decoded"
$note = Export-SociFile -Path $Path -LayerDigest $layerBlob.digest -Name 'app/docs/note-5.txt' -Destination ([System.IO.Path]::Combine($Path, 'note-5.txt'))
Say ("app/docs/note-5.txt: {0} bytes, read {1} of {2} compressed bytes ({3} span)" -f $note.Size, $note.CompressedBytesRead, $note.LayerSize, $note.SpansRead)
