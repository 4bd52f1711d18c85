# What the Pester files share: the module under test, test images, and a real registry on loopback.
Set-StrictMode -Version Latest

$repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath

function Get-SociToolsManifestPath {
    <# The module under test: $env:SOCITOOLS_TEST_MODULE (set by Invoke-PesterSuite.ps1), else the Release build. #>
    if ($env:SOCITOOLS_TEST_MODULE) { return $env:SOCITOOLS_TEST_MODULE }
    Join-Path $repositoryRoot 'module/SociTools/SociTools.psd1'
}

function Import-SociTools {
    Import-Module (Get-SociToolsManifestPath) -Force -Global -ErrorAction Stop
}

function New-TestFileSet {
    <#
    .SYNOPSIS
        Files for a layer: $Count small text files under $Folder, plus one incompressible file of $LargeMiB MiB
        when asked, so the gzip layer passes the 10 MiB minimum and spans several 4 MiB spans. Same bytes each run.
    #>
    param([string] $Folder = 'app', [int] $Count = 8, [int] $LargeMiB = 0, [int] $Seed = 7)
    $random = New-Object System.Random $Seed
    $files = [ordered]@{}
    for ($i = 0; $i -lt $Count; $i++) {
        $files["$Folder/file-$i.txt"] = [System.Text.Encoding]::UTF8.GetBytes(("file $i of $Folder, seed $Seed`n") * (50 + $i))
    }
    if ($LargeMiB -gt 0) {
        $large = New-Object byte[] ($LargeMiB * 1MB)
        $random.NextBytes($large)
        $files["$Folder/data/large.bin"] = $large
    }
    $files
}

function New-TestImageLayout {
    <#
    .SYNOPSIS
        An OCI layout of gzip layers, one per file set (see New-TestFileSet); returns Path, ManifestDigest, LayerDigests.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [System.Collections.IDictionary[]] $Layer,
        [string] $Name = 'test'
    )
    & (Join-Path $repositoryRoot 'samples/New-SampleImageLayout.ps1') -Path $Path -Layer $Layer -Name $Name
}

function Start-TestRegistry {
    <#
    .SYNOPSIS
        Starts Debian's docker-registry (distribution 2.8) on 127.0.0.1 on a free port, storing under $Folder;
        with -Credential, it asks for that user and password (htpasswd basic auth).
        Returns an object with Host ('127.0.0.1:PORT'), Process and Folder; fails when the registry cannot start.
    #>
    param([Parameter(Mandatory)] [string] $Folder, [pscredential] $Credential)
    $binary = '/usr/bin/docker-registry'
    if (-not (Test-Path $binary)) { throw "$binary is missing: install it with 'apt-get install -y docker-registry' (.ci/run does)." }
    $listener = New-Object System.Net.Sockets.TcpListener([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $null = New-Item -ItemType Directory -Force -Path $Folder
    $config = Join-Path $Folder 'config.yml'
    @(
        'version: 0.1'
        'log:'
        '  level: warn'
        '  accesslog:'
        '    disabled: true'
        'storage:'
        '  filesystem:'
        "    rootdirectory: $(Join-Path $Folder 'data')"
        '  delete:'
        '    enabled: true'
        'http:'
        "  addr: 127.0.0.1:$port"
    ) | Set-Content -Path $config
    if ($Credential) {
        $htpasswd = Join-Path $Folder 'htpasswd'
        & htpasswd -Bbn $Credential.UserName $Credential.GetNetworkCredential().Password | Set-Content -Path $htpasswd
        if ($LASTEXITCODE -ne 0) { throw "htpasswd failed: install it with 'apt-get install -y apache2-utils' (.ci/run does)." }
        @('auth:', '  htpasswd:', '    realm: socitools-test', "    path: $htpasswd") | Add-Content -Path $config
    }
    $process = Start-Process -FilePath $binary -ArgumentList 'serve', $config -PassThru `
        -RedirectStandardOutput (Join-Path $Folder 'out.log') -RedirectStandardError (Join-Path $Folder 'err.log')
    $registry = [pscustomobject]@{ Host = "127.0.0.1:$port"; Process = $process; Folder = $Folder }

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        try {
            $null = Invoke-WebRequest -Uri "http://127.0.0.1:$port/v2/" -UseBasicParsing -TimeoutSec 5
            return $registry
        }
        catch {
            # A registry that asks for credentials answers the ping with 401: it is up.
            $response = $_.Exception.PSObject.Properties['Response']
            if ($response -and $response.Value -and [int]$response.Value.StatusCode -eq 401) { return $registry }
            if ($process.HasExited) { break }
            Start-Sleep -Milliseconds 100
        }
    }
    Stop-TestRegistry $registry
    throw "docker-registry did not start on 127.0.0.1:${port}: $(Get-Content -Raw (Join-Path $Folder 'err.log') -ErrorAction SilentlyContinue)"
}

function Stop-TestRegistry {
    param([Parameter(Mandatory)] $Registry)
    if (-not $Registry.Process.HasExited) {
        $Registry.Process.Kill()
        $null = $Registry.Process.WaitForExit(10000)
    }
}

Export-ModuleMember -Function Get-SociToolsManifestPath, Import-SociTools, New-TestFileSet, New-TestImageLayout, Start-TestRegistry, Stop-TestRegistry
