# Enable-SociSnapshotter, Disable-SociSnapshotter and Get-FinchConfig on finch.yaml files of the test's own, acting as
# Finch on macOS (SOCITOOLS_FINCH_PLATFORM), where finch.yaml's snapshotters apply.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/FinchDouble.psm1') -Force
    Import-SociTools
    $script:kindBefore = Set-FinchHostKind macOS

    function New-FinchYaml([string] $Text) {
        # A finch.yaml with exactly these bytes, in a folder of its own.
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        $path = Join-Path $folder 'finch.yaml'
        [IO.File]::WriteAllText($path, $Text)
        $path
    }
    function Read-Text([string] $Path) { [IO.File]::ReadAllText($Path) }
}

AfterAll {
    $null = Set-FinchHostKind $kindBefore
}

Describe 'Enable-SociSnapshotter' {
    It 'adds soci to a flow list and changes no other byte, comments included' {
        $path = New-FinchYaml "# mine`ncpus: 4`nsnapshotters: [overlayfs]  # keep`n"

        Enable-SociSnapshotter -ConfigPath $path -WarningAction SilentlyContinue

        Read-Text $path | Should -BeExactly "# mine`ncpus: 4`nsnapshotters: [overlayfs, soci]  # keep`n"
    }

    It 'puts soci first with -Default, keeps CRLF line ends, and keeps the previous file as finch.yaml.bak' {
        $path = New-FinchYaml "snapshotters:`r`n  - overlayfs`r`n"

        $change = Enable-SociSnapshotter -ConfigPath $path -Default -PassThru -WarningAction SilentlyContinue

        Read-Text $path | Should -BeExactly "snapshotters:`r`n  - soci`r`n  - overlayfs`r`n"
        $change.BackupPath | Should -Be "$path.bak"
        Read-Text "$path.bak" | Should -BeExactly "snapshotters:`r`n  - overlayfs`r`n"
        $change.PSObject.TypeNames[0] | Should -Be 'SociTools.FinchSnapshotterChange'
        $change.After | Should -Be @('soci', 'overlayfs')
        $change.DefaultSnapshotter | Should -Be 'soci'
        $change.RestartNeeded | Should -BeTrue
    }

    It 'warns that the VM needs a restart and emits nothing without -PassThru' {
        $path = New-FinchYaml "cpus: 2`n"

        $output = Enable-SociSnapshotter -ConfigPath $path -WarningVariable warnings -WarningAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $warnings.Message | Should -Match 'Stop-FinchVM then Start-FinchVM'
        Read-Text $path | Should -BeExactly "cpus: 2`nsnapshotters:`n  - soci`n"
    }

    It '-WhatIf leaves the file, its time and the backup untouched' {
        $path = New-FinchYaml "snapshotters: [overlayfs]`n"
        $written = (Get-Item $path).LastWriteTimeUtc

        $output = Enable-SociSnapshotter -ConfigPath $path -Default -PassThru -WhatIf

        $output | Should -BeNullOrEmpty
        Read-Text $path | Should -BeExactly "snapshotters: [overlayfs]`n"
        (Get-Item $path).LastWriteTimeUtc | Should -Be $written
        "$path.bak" | Should -Not -Exist
    }

    It 'writes nothing when soci is already listed, and says so' {
        $path = New-FinchYaml "snapshotters: [soci]`n"

        $change = Enable-SociSnapshotter -ConfigPath $path -PassThru

        $change.Changed | Should -BeFalse
        $change.Message | Should -Match 'already lists soci'
        "$path.bak" | Should -Not -Exist
    }

    It 'stops with FinchConfigInvalid naming the line, and leaves broken YAML as it was' {
        $path = New-FinchYaml "cpus: 4`nsnapshotters: [overlayfs`n"

        { Enable-SociSnapshotter -ConfigPath $path -ErrorAction Stop } | Should -Throw -ErrorId 'FinchConfigInvalid,*' -ExpectedMessage '*line 3, column 1*'

        Read-Text $path | Should -BeExactly "cpus: 4`nsnapshotters: [overlayfs`n"
    }
}

Describe 'Disable-SociSnapshotter' {
    It 'removes soci from a block list and changes no other byte' {
        $path = New-FinchYaml "memory: 4GiB # ram`nsnapshotters:`n  - soci`n  - overlayfs`nvmType: vz`n"

        Disable-SociSnapshotter -ConfigPath $path -WarningAction SilentlyContinue

        Read-Text $path | Should -BeExactly "memory: 4GiB # ram`nsnapshotters:`n  - overlayfs`nvmType: vz`n"
    }

    It '-WhatIf leaves the file untouched' {
        $path = New-FinchYaml "snapshotters: [soci, overlayfs]`n"

        Disable-SociSnapshotter -ConfigPath $path -WhatIf

        Read-Text $path | Should -BeExactly "snapshotters: [soci, overlayfs]`n"
        "$path.bak" | Should -Not -Exist
    }
}

Describe 'Get-FinchConfig' {
    It 'reads the snapshotters, the default one and whether soci is enabled, as a SociTools.FinchConfig' {
        $path = New-FinchYaml "cpus: 6`nsnapshotters: [soci, overlayfs]`n"

        $config = Get-FinchConfig -ConfigPath $path

        $config.PSObject.TypeNames[0] | Should -Be 'SociTools.FinchConfig'
        $config.Cpus | Should -Be 6
        $config.Snapshotters | Should -Be @('soci', 'overlayfs')
        $config.DefaultSnapshotter | Should -Be 'soci'
        $config.SociEnabled | Should -BeTrue
    }

    It 'tells what a change to each setting needs' {
        $config = Get-FinchConfig -ConfigPath (New-FinchYaml "snapshotters: [overlayfs]`n")

        $setting = $config.Settings | Where-Object Name -EQ 'snapshotters'
        $setting.PSObject.TypeNames[0] | Should -Be 'SociTools.FinchConfigSetting'
        $setting.TakesEffect | Should -Be 'VmRestart'
        ($config.Settings | Where-Object Name -EQ 'vmType').TakesEffect | Should -Be 'VmRecreate'
    }

    It 'shows the snapshotters in order when printed' {
        $path = New-FinchYaml "snapshotters: [soci, overlayfs]`n"

        $printed = Get-FinchConfig -ConfigPath $path | Out-String -Width 200

        $printed | Should -Match 'soci, overlayfs'
    }

    It 'sees the file Enable-SociSnapshotter wrote when piped its path' {
        $path = New-FinchYaml "cpus: 2`n"

        $config = Enable-SociSnapshotter -ConfigPath $path -PassThru -WarningAction SilentlyContinue | Get-FinchConfig

        $config.SociEnabled | Should -BeTrue
        $config.Cpus | Should -Be 2
    }

    It 'stops with FinchConfigInvalid for broken YAML' {
        $path = New-FinchYaml "snapshotters: [soci`n"

        { Get-FinchConfig -ConfigPath $path -ErrorAction Stop } | Should -Throw -ErrorId 'FinchConfigInvalid,*'
    }
}
