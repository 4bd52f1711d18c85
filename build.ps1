<#
.SYNOPSIS
    Builds the SociTools module into module/SociTools, and optionally runs the tests or the sample.
.DESCRIPTION
    Runs in PowerShell 7 and in Windows PowerShell 5.1. The sample and the Pester tests run in a fresh
    PowerShell 7: pwsh from PATH, else the one pinned in .config/dotnet-tools.json (dotnet pwsh).
.EXAMPLE
    ./build.ps1                 # build the module (Release)
.EXAMPLE
    ./build.ps1 -Sample         # build, then run samples/New-SampleImageIndex.ps1 in a fresh pwsh
.EXAMPLE
    ./build.ps1 -Package        # build, then write SociTools.<version>.nupkg to artifacts/packages with Publish-PSResource
.EXAMPLE
    ./build.ps1 -Test           # build, then run the xunit and Pester tests (.ci/run also installs the peers and runs the Mono tests)
#>
[CmdletBinding()]
param(
    [switch] $Test,
    [switch] $Sample,
    # Writes the module as a .nupkg into -PackagePath, a folder any PSResourceGet can register as a repository.
    [switch] $Package,
    [string] $PackagePath = (Join-Path $PSScriptRoot 'artifacts/packages'),
    # Packages (or tests) the module already in module/SociTools instead of building it first.
    [switch] $NoBuild
)
$ErrorActionPreference = 'Stop'

function Invoke-Native([scriptblock] $Command, [string] $What) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

# The pwsh to run scripts in: the user's own, else the pinned dotnet tool.
function Invoke-Pwsh([string[]] $Arguments) {
    if (Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue) {
        Invoke-Native { pwsh @Arguments } 'pwsh'
    }
    else {
        Invoke-Native { dotnet tool restore } 'dotnet tool restore'
        Invoke-Native { dotnet pwsh @Arguments } 'dotnet pwsh'
    }
}

# Publish-PSResource publishes to a registered repository only: a temporary one names the folder, and goes.
function Publish-ModulePackage([string] $ModuleFolder, [string] $Destination) {
    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Publish-PSResource is missing: -Package needs Microsoft.PowerShell.PSResourceGet (built into PowerShell 7.4+).'
    }
    $null = New-Item -ItemType Directory -Force -Path $Destination
    $version = (Import-PowerShellDataFile (Join-Path $ModuleFolder 'SociTools.psd1')).ModuleVersion
    Remove-Item -Path (Join-Path $Destination "SociTools.$version.nupkg") -ErrorAction SilentlyContinue
    $repository = 'SociToolsBuild-' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $Destination).ProviderPath -Trusted
    try {
        Publish-PSResource -Path $ModuleFolder -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Join-Path $Destination "SociTools.$version.nupkg"
}

Push-Location $PSScriptRoot
try {
    if (-not $NoBuild) {
        Invoke-Native { dotnet build src/SociTools/SociTools.csproj -c Release } 'dotnet build'
    }
    $manifest = Join-Path $PSScriptRoot 'module/SociTools/SociTools.psd1'
    Write-Host "Module assembled: $manifest"

    if ($Package) {
        $written = Publish-ModulePackage -ModuleFolder (Split-Path $manifest) -Destination $PackagePath
        Write-Host "Package written: $written"
    }

    if ($Sample) {
        Invoke-Pwsh @('-NoProfile', '-Command', "Import-Module '$manifest'; & '$PSScriptRoot/samples/New-SampleImageIndex.ps1'")
    }
    if ($Test) {
        Invoke-Native { dotnet test SociTools.sln -c Release } 'the xunit tests'
        Invoke-Pwsh @('-NoProfile', '-File', (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1'))
    }
}
finally {
    Pop-Location
}
