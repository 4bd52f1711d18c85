# The test-double finch for Pester: the same bash sources as the xunit FinchDouble (tests/Doubles/finch), laid out
# like a Finch install so the cmdlets find Lima's files under it. It answers `vm status|init|start|stop|remove` with
# Finch 1.18's documented messages and exit codes, records every call, and plays prepared run/pull/images output.
Set-StrictMode -Version Latest

$doubleSources = (Resolve-Path (Join-Path $PSScriptRoot '../../Doubles/finch')).ProviderPath

function Copy-DoubleSource([string] $Source, [string] $Destination, [switch] $Executable) {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $Destination)
    Copy-Item -LiteralPath (Join-Path $doubleSources $Source) -Destination $Destination
    if ($Executable) { & chmod +x $Destination }
}

function New-FinchDouble {
    <#
    .SYNOPSIS
        Lays out the finch double under $Path (a new folder) and returns Root, Executable (pass it as -FinchPath),
        StateFolder and ScenarioFolder, with Calls (each recorded call as one command line) and VmState read live.
    .PARAMETER VmState
        Running, Stopped, Nonexistent, or a Lima state finch does not name (for example Broken).
    .PARAMETER ConfigPath
        The finch.yaml this Finch reads: `vm init`/`vm start` write Lima's override.yaml from its snapshotters, as finch
        does. With -VmState Running the VM is started once with it (that call is not recorded).
    .PARAMETER Platform
        macOS (default) or Windows; Windows adds finch's WSL warning to `vm init`.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $VmState = 'Nonexistent',
        [string] $ConfigPath,
        [ValidateSet('macOS', 'Windows')] [string] $Platform = 'macOS'
    )
    if (Test-Path $Path) { throw "New-FinchDouble lays out a new folder; '$Path' already exists." }
    $root = (New-Item -ItemType Directory -Path $Path).FullName
    foreach ($folder in 'state', 'calls', 'handlers', 'scenario') { $null = New-Item -ItemType Directory -Path (Join-Path $root $folder) }
    Copy-DoubleSource 'lib.sh' (Join-Path $root 'lib.sh')
    Copy-DoubleSource 'finch' (Join-Path $root 'bin/finch') -Executable
    foreach ($command in 'run', 'pull') { Copy-DoubleSource 'run/prepared-output.sh' (Join-Path $root "handlers/$command") }
    foreach ($command in 'images', 'image') { Copy-DoubleSource 'run/image-list.sh' (Join-Path $root "handlers/$command") }
    Copy-DoubleSource 'run/limactl' (Join-Path $root 'lima/bin/limactl') -Executable

    $state = Join-Path $root 'state'
    Set-Content -LiteralPath (Join-Path $state 'platform') -Value $Platform -NoNewline
    if ($ConfigPath) { Set-Content -LiteralPath (Join-Path $state 'config') -Value (Resolve-Path $ConfigPath).ProviderPath -NoNewline }
    $double = [pscustomobject]@{
        PSTypeName     = 'SociTools.Tests.FinchDouble'
        Root           = $root
        Executable     = Join-Path $root 'bin/finch'
        StateFolder    = $state
        ScenarioFolder = Join-Path $root 'scenario'
    }
    $double | Add-Member -MemberType ScriptProperty -Name Calls -Value { Get-FinchDoubleCall -Double $this }
    $double | Add-Member -MemberType ScriptProperty -Name VmState -Value {
        $file = Join-Path $this.StateFolder 'vm'
        if (Test-Path $file) { Get-Content -LiteralPath $file -Raw } else { 'Nonexistent' }
    }
    if ($VmState -eq 'Running' -and $ConfigPath) {
        Set-FinchDoubleVmState -Double $double -State Stopped
        $null = & $double.Executable vm start 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The finch double did not start: exit code $LASTEXITCODE." }
        Get-ChildItem -LiteralPath (Join-Path $root 'calls') | Remove-Item
    }
    Set-FinchDoubleVmState -Double $double -State $VmState
    $double
}

function Set-FinchHostKind {
    <#
    .SYNOPSIS
        Makes the Finch cmdlets act as Finch on this kind of host (SOCITOOLS_FINCH_PLATFORM: macOS, Windows, Linux;
        $null for the real one) and returns the previous value, for AfterAll to put back.
    #>
    param([AllowNull()] [string] $Kind)
    $before = $env:SOCITOOLS_FINCH_PLATFORM
    $env:SOCITOOLS_FINCH_PLATFORM = $Kind
    $before
}

function Set-FinchDoubleVmState {
    param([Parameter(Mandatory)] $Double, [Parameter(Mandatory)] [string] $State)
    Set-Content -LiteralPath (Join-Path $Double.StateFolder 'vm') -Value $State -NoNewline
}

function Set-FinchDoubleLimaFailure {
    <# Makes `finch vm <Command>` fail in Lima, as finch reports it: ERRO with limactl's output, then its exit code. #>
    param(
        [Parameter(Mandatory)] $Double,
        [Parameter(Mandatory)] [ValidateSet('init', 'start', 'stop', 'remove')] [string] $Command,
        [Parameter(Mandatory)] [int] $ExitCode,
        [Parameter(Mandatory)] [string] $LimaOutput
    )
    [IO.File]::WriteAllText((Join-Path $Double.StateFolder "fail-$Command"), "$ExitCode`n$LimaOutput")
}

function Get-FinchDoubleCall {
    <# Every call the double received, oldest first, as its arguments joined by single spaces. #>
    param([Parameter(Mandatory)] $Double)
    Get-ChildItem -LiteralPath (Join-Path $Double.Root 'calls') -File |
        Sort-Object -Property Name -Culture ([cultureinfo]::InvariantCulture) -CaseSensitive |
        ForEach-Object { ([IO.File]::ReadAllText($_.FullName) -split "`0" | Select-Object -SkipLast 1) -join ' ' }
}

function Set-FinchDoubleRun {
    <#
    .SYNOPSIS
        What the double's `finch run` (or `finch pull`) prints and how it ends. -Progress LazyPull or FullPull puts
        nerdctl's redirected pull progress for -Image on stderr (tests/Doubles/finch/run/*.stderr, shared with xunit):
        a lazy pull shows no layer rows, a full pull shows two layers fetched whole. -FuseMountsAfter is how many SOCI
        FUSE mounts limactl lists once the command has run; -FuseMountsBefore how many it lists before. -Stdout and
        -Stderr are more lines to print (the container's output, finch's log lines).
    #>
    param(
        [Parameter(Mandatory)] $Double,
        [ValidateSet('run', 'pull')] [string] $Command = 'run',
        [ValidateSet('None', 'LazyPull', 'FullPull')] [string] $Progress = 'None',
        [string] $Image,
        [string] $Stdout = '',
        [string] $Stderr = '',
        [int] $ExitCode = 0,
        [int] $FuseMountsAfter = 0,
        [int] $FuseMountsBefore = 0
    )
    $text = ''
    if ($Progress -ne 'None') {
        if (-not $Image) { throw "-Progress $Progress needs the -Image the progress shows." }
        $file = @{ LazyPull = 'lazy-pull.stderr'; FullPull = 'full-pull.stderr' }[$Progress]
        # The texts are written for '{image}', its row padded to 78 columns like every other row.
        $text = [IO.File]::ReadAllText((Join-Path $doubleSources "run/$file")).Replace('{image}:'.PadRight(78), "${Image}:".PadRight(78))
    }
    $scenario = $Double.ScenarioFolder
    [IO.File]::WriteAllText((Join-Path $scenario "$Command.stderr"), $text + $(if ($Stderr) { "$Stderr`n" } else { '' }))
    [IO.File]::WriteAllText((Join-Path $scenario "$Command.stdout"), $(if ($Stdout) { "$Stdout`n" } else { '' }))
    [IO.File]::WriteAllText((Join-Path $scenario "$Command.exit"), "$ExitCode")
    [IO.File]::WriteAllText((Join-Path $scenario 'mounts.after-run'), "$FuseMountsAfter")
    [IO.File]::WriteAllText((Join-Path $scenario 'mounts'), "$FuseMountsBefore")
}

Export-ModuleMember -Function Set-FinchHostKind, New-FinchDouble, Set-FinchDoubleVmState, Set-FinchDoubleLimaFailure, Get-FinchDoubleCall, Set-FinchDoubleRun
