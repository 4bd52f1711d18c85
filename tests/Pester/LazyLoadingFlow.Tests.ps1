# The Finch guide's flow end to end, as a user runs it: Enable-SociSnapshotter, Start-FinchVM, Push-SociImage to a
# registry, Invoke-SociRun. The registry is a real docker-registry on loopback; finch is the test double
# (tests/Doubles/finch), whose `vm start` writes Lima's override.yaml from finch.yaml as finch does, so the run's
# preflight sees what the earlier steps did. Each test walks the flow with its own finch.yaml, VM and image.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/FinchDouble.psm1') -Force
    Import-SociTools
    $script:kindBefore = Set-FinchHostKind macOS
    $script:registry = Start-TestRegistry -Folder (Join-Path $TestDrive 'registry')

    function New-UserSetup([int] $Seed) {
        # A user's machine before the guide: finch.yaml without soci, the VM stopped, an image built locally.
        $folder = Join-Path $TestDrive "user-$Seed"
        $null = New-Item -ItemType Directory -Path $folder
        $config = Join-Path $folder 'finch.yaml'
        [IO.File]::WriteAllText($config, "cpus: 4`nmemory: 8GiB`nsnapshotters:`n  - overlayfs`n")
        [pscustomobject]@{
            ConfigPath = $config
            Finch      = New-FinchDouble -Path (Join-Path $folder 'finch') -VmState Stopped -ConfigPath $config
            Layout     = New-TestImageLayout -Path (Join-Path $folder 'layout') -Layer (New-TestFileSet -Count 4), (New-TestFileSet -LargeMiB 12 -Seed $Seed)
            Image      = "$($registry.Host)/flow/app-$Seed`:1.0"
        }
    }
}

AfterAll {
    if ($registry) { Stop-TestRegistry $registry }
    $null = Set-FinchHostKind $kindBefore
}

Describe 'The lazy-loading flow of the Finch guide' {
    It 'enables soci, starts the VM, pushes the image with its index and runs it lazily' {
        $user = New-UserSetup -Seed 31

        $enabled = Enable-SociSnapshotter -ConfigPath $user.ConfigPath -Default -PassThru -WarningAction SilentlyContinue
        $vm = Start-FinchVM -FinchPath $user.Finch.Executable -PassThru
        $pushed = Push-SociImage -Path $user.Layout.Path -Destination $user.Image | Where-Object { $_ -is [SociTools.SociPushResult] }
        Set-FinchDoubleRun -Double $user.Finch -Progress LazyPull -Image $user.Image -Stdout 'app started' -FuseMountsAfter 1
        $run = Invoke-SociRun $user.Image -FinchPath $user.Finch.Executable -ConfigPath $user.ConfigPath -WarningVariable warnings 6>$null

        $enabled.After | Should -Be @('soci', 'overlayfs')
        [IO.File]::ReadAllText($user.ConfigPath) | Should -BeExactly "cpus: 4`nmemory: 8GiB`nsnapshotters:`n  - soci`n  - overlayfs`n"
        $vm.State | Should -Be 'Running'
        $pushed.IndexVersion | Should -Be 'V2'
        $pushed.IndexBuilt | Should -BeTrue
        (Get-SociIndex -Image $user.Image).Digest | Should -Be $pushed.IndexDigests[0]

        $warnings | Should -BeNullOrEmpty
        $run.LazilyLoaded | Should -BeTrue
        $run.Evidence | Should -Contain 'The pull progress shows no layer fetched in full.'
        $run.Evidence | Should -Contain '1 SOCI FUSE mount(s) (fuse.rawBridge) after the run, 0 before it.'
        $run.ExitCode | Should -Be 0
        $run.Preflight.Check | Should -Be @('SnapshotterConfigured', 'VmStartedWithSoci', 'VmRunning', 'ImageNotLocal', 'SociIndexFound', 'SociIndexV2', 'LayersIndexed')
        @($run.Preflight | Where-Object Outcome -NE 'Passed') | Should -BeNullOrEmpty
        $user.Finch.Calls | Should -Contain 'vm start'
        $user.Finch.Calls[-1] | Should -Be "run --snapshotter soci $($user.Image)"
    }

    It 'falls back to a full pull for an image pushed without an index, and says why' {
        $user = New-UserSetup -Seed 32

        Enable-SociSnapshotter -ConfigPath $user.ConfigPath -Default -WarningAction SilentlyContinue
        Start-FinchVM -FinchPath $user.Finch.Executable
        Copy-TestImageWithSkopeo -Path $user.Layout.Path -Destination $user.Image
        Set-FinchDoubleRun -Double $user.Finch -Progress FullPull -Image $user.Image -Stdout 'app started'
        $run = Invoke-SociRun $user.Image -FinchPath $user.Finch.Executable -ConfigPath $user.ConfigPath -WarningVariable warnings -WarningAction SilentlyContinue 6>$null

        Get-SociIndex -Image $user.Image -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $warnings.Message | Should -Match 'No SOCI index was found'
        $run.LazilyLoaded | Should -BeFalse
        $run.Reason | Should -Match 'deferred to the container runtime'
        $run.LayersFetchedInFull | Should -HaveCount 2
        $run.Evidence | Should -Contain "The pull progress shows 2 layer(s) fetched in full: $($run.LayersFetchedInFull -join ', ')."
        $run.ExitCode | Should -Be 0
        ($run.Preflight | Where-Object Outcome -EQ 'Failed').Check | Should -Be 'SociIndexFound'
    }

    It 'without the restart, the run is warned that the VM still runs without soci' {
        $user = New-UserSetup -Seed 33
        Start-FinchVM -FinchPath $user.Finch.Executable

        Enable-SociSnapshotter -ConfigPath $user.ConfigPath -Default -WarningAction SilentlyContinue
        $null = Push-SociImage -Path $user.Layout.Path -Destination $user.Image
        Set-FinchDoubleRun -Double $user.Finch -Progress FullPull -Image $user.Image
        $run = Invoke-SociRun $user.Image -FinchPath $user.Finch.Executable -ConfigPath $user.ConfigPath -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Message | Should -Match 'but the running VM was started without it'
        ($run.Preflight | Where-Object Outcome -EQ 'Failed').Check | Should -Be 'VmStartedWithSoci'
        $run.LazilyLoaded | Should -BeFalse
    }
}
