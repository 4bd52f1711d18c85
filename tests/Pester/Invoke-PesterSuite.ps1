<#
.SYNOPSIS
    Runs every tests/Pester/*.Tests.ps1 against the built module with Pester 5.7.1 from the NuGet cache.
.DESCRIPTION
    Pester comes from the NuGet package restored by tests/SociTools.Tests (a PackageDownload item), so the
    suite needs nothing from the PowerShell Gallery. Prints one "pester: N passed, N failed, N skipped" line,
    optionally writes the counts as JSON for .ci/run, and exits 1 when a test failed or a container did not run.
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../module/SociTools/SociTools.psd1'),
    [string] $CountsFile,
    [string[]] $Path = @($PSScriptRoot),
    [string[]] $FullName
)
$ErrorActionPreference = 'Stop'

function Find-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $listed = dotnet nuget locals global-packages --list 2>$null
    if ($LASTEXITCODE -eq 0 -and "$listed" -match 'global-packages:\s*(.+)$') { return $Matches[1].Trim() }
    Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

$pester = Join-Path (Find-NuGetPackagesFolder) 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) {
    throw "Pester 5.7.1 is not in the NuGet cache ($pester): run 'dotnet restore SociTools.sln' first."
}
Import-Module $pester -Force

$env:SOCITOOLS_TEST_MODULE = (Resolve-Path $ModuleManifest).ProviderPath
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
if ($FullName) { $configuration.Filter.FullName = $FullName }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount + $result.NotRunCount
"pester: $($result.PassedCount) passed, $failed failed, $skipped skipped"
if ($CountsFile) {
    @{ passed = $result.PassedCount; failed = $failed; skipped = $skipped } | ConvertTo-Json | Set-Content -Path $CountsFile
}
if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
