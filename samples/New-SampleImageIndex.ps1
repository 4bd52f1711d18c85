<#
.SYNOPSIS
    Makes a small OCI image with one large gzip layer, builds its SOCI index, and reads one file back through it.
.DESCRIPTION
    The main job of SociTools, end to end:
    1. New-SampleImageLayout.ps1 writes an OCI image layout whose single layer (about 24 MiB of varied files)
       is a gzip tar; the image digest is the same on every run,
    2. New-SociIndex builds the zTOC and a v2 SOCI index into the layout,
    3. Get-SociZtoc lists what the zTOC holds,
    4. Export-SociFile extracts files through the zTOC and checks them against the originals.
    The layout is removed at the end unless -Path names where to keep it.
.PARAMETER Path
    Where to write the layout and keep it; a temporary folder, removed at the end, by default.
.EXAMPLE
    ./samples/New-SampleImageIndex.ps1
.EXAMPLE
    ./samples/New-SampleImageIndex.ps1 -Path ./sample-layout    # keeps the layout to explore
#>
[CmdletBinding()]
param([string] $Path)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if (-not (Get-Module SociTools)) { Import-Module (Join-Path $PSScriptRoot '../module/SociTools/SociTools.psd1') }

$keep = [bool] $Path
if (-not $keep) { $Path = Join-Path ([System.IO.Path]::GetTempPath()) ('socitools-sample-' + [guid]::NewGuid().ToString('n').Substring(0, 8)) }

# Varied content: text that compresses well, random bytes that do not, and one file larger than a span.
$random = New-Object System.Random 20261124
$files = [ordered]@{}
for ($i = 0; $i -lt 64; $i++) {
    $line = "line {0} of file {1}: lazy loading starts containers before their images are downloaded`n" -f $random.Next(), $i
    $files["app/docs/note-$i.txt"] = [System.Text.Encoding]::UTF8.GetBytes($line * 400)
}
$model = New-Object byte[] 12MB
$random.NextBytes($model)
$files['app/data/model.bin'] = $model

try {
    Write-Host "Writing an OCI image layout to $Path"
    $image = & (Join-Path $PSScriptRoot 'New-SampleImageLayout.ps1') -Path $Path -Layer $files -Name sample
    Write-Host "Image manifest $($image.ManifestDigest)"

    Write-Host "`nBuilding the SOCI index (v2)"
    New-SociIndex -Path $Path -Platform linux/amd64 | Format-Table | Out-Host

    Write-Host 'The zTOC of the layer'
    $ztoc = Get-SociZtoc -Path $Path -LayerDigest $image.LayerDigests[0]
    $ztoc | Format-List | Out-Host
    $ztoc.Files | Select-Object -First 5 | Format-Table | Out-Host

    Write-Host 'Extracting app/data/model.bin through the zTOC'
    $destination = Join-Path $Path 'model.bin'
    $export = Export-SociFile -Path $Path -LayerDigest $image.LayerDigests[0] -Name 'app/data/model.bin' -Destination $destination
    $export | Format-Table | Out-Host
    $extracted = [System.IO.File]::ReadAllBytes($destination)
    if (-not [System.Linq.Enumerable]::SequenceEqual($extracted, $model)) { throw 'The extracted file differs from the original.' }
    Write-Host "Byte-identical to the original; read $($export.CompressedBytesRead) of $($export.LayerSize) compressed bytes."

    Write-Host "`nExtracting one small file: only the span that holds it is decoded"
    $note = Export-SociFile -Path $Path -LayerDigest $image.LayerDigests[0] -Name 'app/docs/note-5.txt' -Destination (Join-Path $Path 'note-5.txt')
    Write-Host ('app/docs/note-5.txt: {0} bytes, read {1} of {2} compressed bytes ({3} span)' -f $note.Size, $note.CompressedBytesRead, $note.LayerSize, $note.SpansRead)
}
finally {
    if (-not $keep -and (Test-Path $Path)) { Remove-Item -Recurse -Force $Path }
}
