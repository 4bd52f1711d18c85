# Invoke-SociRun against the test-double finch (tests/Doubles/finch), with its images in a real docker-registry on
# loopback: one pushed by Push-SociImage with its SOCI index, one pushed by skopeo without. The double prints the
# pull progress finch prints for a lazy or a full pull and limactl lists the SOCI FUSE mounts the test prepares.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/FinchDouble.psm1') -Force
    Import-SociTools
    $script:kindBefore = Set-FinchHostKind macOS

    $script:registry = Start-TestRegistry -Folder (Join-Path $TestDrive 'registry')
    $indexedLayout = New-TestImageLayout -Path (Join-Path $TestDrive 'indexed') -Layer (New-TestFileSet -LargeMiB 12 -Seed 21)
    $script:indexed = "$($registry.Host)/run/indexed:1"
    $null = Push-SociImage -Path $indexedLayout.Path -Destination $indexed
    $plainLayout = New-TestImageLayout -Path (Join-Path $TestDrive 'plain') -Layer (New-TestFileSet -LargeMiB 12 -Seed 22)
    $script:plain = "$($registry.Host)/run/plain:1"
    Copy-TestImageWithSkopeo -Path $plainLayout.Path -Destination $plain

    function New-RunningFinch([string] $Snapshotters = '[soci]') {
        # A finch.yaml with these snapshotters and a double whose running VM finch started with it.
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        $config = Join-Path $folder 'finch.yaml'
        [IO.File]::WriteAllText($config, "snapshotters: $Snapshotters`n")
        $finch = New-FinchDouble -Path (Join-Path $folder 'finch') -VmState Running -ConfigPath $config
        $finch | Add-Member -NotePropertyName ConfigPath -NotePropertyValue $config -PassThru
    }
}

AfterAll {
    if ($registry) { Stop-TestRegistry $registry }
    $null = Set-FinchHostKind $kindBefore
}

Describe 'Invoke-SociRun of an image with a SOCI index' {
    BeforeEach {
        $finch = New-RunningFinch
        Set-FinchDoubleRun -Double $finch -Progress LazyPull -Image $indexed -Stdout 'hello from the container' -FuseMountsAfter 1
    }

    It 'passes every preflight check, runs with the SOCI snapshotter and reports a lazy load with its evidence' {
        $run = Invoke-SociRun $indexed -FinchPath $finch.Executable -ConfigPath $finch.ConfigPath -WarningVariable warnings

        $warnings | Should -BeNullOrEmpty
        $run.PSObject.TypeNames[0] | Should -Be 'SociTools.SociRunResult'
        $run.LazilyLoaded | Should -BeTrue
        $run.Reason | Should -Match 'added 1 SOCI FUSE mount\(s\): the layers are lazily loaded'
        $run.Evidence | Should -Contain 'The pull progress shows no layer fetched in full.'
        $run.NewFuseMounts | Should -Be 1
        $run.LayersFetchedInFull | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        @($run.Preflight | Where-Object Outcome -NE 'Passed') | Should -BeNullOrEmpty
        $finch.Calls[-1] | Should -Be "run --snapshotter soci $indexed"
    }

    It 'shows the container''s output on the information stream, not in the output' {
        $output = Invoke-SociRun $indexed echo hello -FinchPath $finch.Executable -ConfigPath $finch.ConfigPath -InformationVariable info 6>$null

        @($output).Count | Should -Be 1
        ($info | Where-Object { $_.Tags -contains 'ContainerOutput' }).MessageData.Message | Should -Be 'hello from the container'
        $finch.Calls[-1] | Should -Be "run --snapshotter soci $indexed echo hello"
    }

    It 'reports the container''s exit code and warns about it' {
        Set-FinchDoubleRun -Double $finch -Progress LazyPull -Image $indexed -ExitCode 3 -FuseMountsAfter 1

        $run = Invoke-SociRun $indexed -FinchPath $finch.Executable -ConfigPath $finch.ConfigPath -WarningVariable warnings -WarningAction SilentlyContinue

        $run.ExitCode | Should -Be 3
        $warnings.Message | Should -Contain 'The container exited with code 3.'
    }

    It 'warns that the VM must be restarted when it was started before soci was enabled' {
        $finch = New-RunningFinch -Snapshotters '[overlayfs]'
        [IO.File]::WriteAllText($finch.ConfigPath, "snapshotters: [soci]`n")
        Set-FinchDoubleRun -Double $finch -Progress FullPull -Image $indexed

        $run = Invoke-SociRun $indexed -FinchPath $finch.Executable -ConfigPath $finch.ConfigPath -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Message | Should -Match 'VmStartedWithSoci'
        ($run.Preflight | Where-Object Check -EQ 'VmStartedWithSoci').Outcome | Should -Be 'Failed'
        $run.LazilyLoaded | Should -BeFalse
    }

    It '-WhatIf checks what lazy loading needs but runs nothing' {
        $output = Invoke-SociRun $indexed -FinchPath $finch.Executable -ConfigPath $finch.ConfigPath -WhatIf

        $output | Should -BeNullOrEmpty
        $finch.Calls | Should -Contain 'vm status'
        $finch.Calls | Where-Object { $_ -like 'run *' } | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-SociRun of an image without a SOCI index' {
    It 'warns with the fix, runs anyway and reports the full pull as the fallback' {
        $finch = New-RunningFinch
        Set-FinchDoubleRun -Double $finch -Progress FullPull -Image $plain -Stdout 'ran'

        $run = Invoke-SociRun $plain -FinchPath $finch.Executable -ConfigPath $finch.ConfigPath -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Message | Should -Match '\(SociIndexFound\).*Push-SociImage'
        $run.LazilyLoaded | Should -BeFalse
        $run.Reason | Should -Match 'deferred to the container runtime'
        $run.LayersFetchedInFull | Should -HaveCount 2
        $run.NewFuseMounts | Should -Be 0
        $run.ExitCode | Should -Be 0
        ($run.Preflight | Where-Object Check -EQ 'SociIndexFound').Outcome | Should -Be 'Failed'
    }
}

Describe 'Invoke-SociRun errors' {
    It 'stops with FinchCommandFailed and finch''s own message when finch fails' {
        $finch = New-RunningFinch
        Set-FinchDoubleRun -Double $finch -ExitCode 1 -Stderr 'time="2026-12-02T21:00:00Z" level=fatal msg="failed to resolve reference \"127.0.0.1:1/nope:1\": connection refused"'

        { Invoke-SociRun 127.0.0.1:1/nope:1 -FinchPath $finch.Executable -SkipPreflight -ErrorAction Stop } |
            Should -Throw -ErrorId 'FinchCommandFailed,*' -ExpectedMessage '*connection refused*'
    }

    It 'stops with FinchNotInstalled when the finch named does not exist' {
        { Invoke-SociRun $indexed -FinchPath (Join-Path $TestDrive 'missing/finch') -ErrorAction Stop } | Should -Throw -ErrorId 'FinchNotInstalled,*'
    }
}
