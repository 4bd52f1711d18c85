<#
.SYNOPSIS
    Builds the SociTools module into module/SociTools, and optionally runs the tests or the sample.
.EXAMPLE
    ./build.ps1                 # build the module
.EXAMPLE
    ./build.ps1 -Test           # build and run every test
.EXAMPLE
    ./build.ps1 -Sample         # build, import the module and run samples/New-SampleImageIndex.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [switch] $Test,
    [switch] $Sample
)
$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    dotnet build src/SociTools/SociTools.csproj -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }
    $manifest = Join-Path $PSScriptRoot 'module/SociTools/SociTools.psd1'
    Write-Host "Module assembled: $manifest"

    if ($Test) {
        dotnet test SociTools.sln -c $Configuration
        if ($LASTEXITCODE -ne 0) { throw "tests failed with exit code $LASTEXITCODE" }
    }
    if ($Sample) {
        # A fresh process, so the module imported is the one just built.
        pwsh -NoProfile -Command "Import-Module '$manifest'; & '$PSScriptRoot/samples/New-SampleImageIndex.ps1'"
        if ($LASTEXITCODE -ne 0) { throw "the sample failed with exit code $LASTEXITCODE" }
    }
}
finally {
    Pop-Location
}
