# New-SociIndex, Get-SociIndex, Get-SociZtoc and Export-SociFile on local OCI layouts, as a pipeline author uses them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools
    $script:image = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer (New-TestFileSet -LargeMiB 12)

    # Two small layers, indexed whatever their size; each test gets its own copy so none depends on another.
    function New-SmallLayout([string] $Name) {
        New-TestImageLayout -Path (Join-Path $TestDrive $Name) -Layer (New-TestFileSet -Folder app), (New-TestFileSet -Folder lib -Seed 3)
    }
    function Get-LayoutFingerprint([string] $Path) {
        Get-ChildItem -Path $Path -Recurse -File | Sort-Object FullName | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" }
    }
}

Describe 'New-SociIndex on an OCI layout' {
    It 'indexes the one large layer and writes a v2 index into the layout' {
        $results = New-SociIndex -Path $image.Path
        $layers = @($results | Where-Object { $_.PSObject.Properties['LayerDigest'] })
        $layers.LayerDigest | Should -Contain $image.LayerDigests[0]
    }

    It 'builds the same image digest on every run' {
        $again = New-TestImageLayout -Path (Join-Path $TestDrive 'again') -Layer (New-TestFileSet -LargeMiB 12)
        $again.ManifestDigest | Should -Be $image.ManifestDigest
    }

    It 'fails with PathNotFound for a missing layout' {
        { New-SociIndex -Path (Join-Path $TestDrive 'missing') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,*'
    }

    It 'emits SociLayer, SociZtoc and SociIndex objects' {
        $layout = New-SmallLayout 'types'
        $results = New-SociIndex -Path $layout.Path -MinLayerSize 0
        $results.ForEach({ $_.PSObject.TypeNames[0] }) | Select-Object -Unique | Should -Be 'SociTools.SociLayer', 'SociTools.SociZtoc', 'SociTools.SociIndex'
    }

    It 'names the original manifest ImageManifestDigest and the annotated one SociEnabledManifestDigest, here and in Get-SociIndex' {
        $layout = New-SmallLayout 'names'
        $built = New-SociIndex -Path $layout.Path -MinLayerSize 0 | Where-Object { $_ -is [SociTools.SociIndex] }
        $found = Get-SociIndex -Path $layout.Path

        $built.ImageManifestDigest | Should -Be $layout.ManifestDigest
        $built.SociEnabledManifestDigest | Should -Not -Be $layout.ManifestDigest
        $found.Digest | Should -Be $built.Digest
        $found.SociEnabledManifestDigest | Should -Be $built.SociEnabledManifestDigest
        $found.ImageManifestDigest | Should -BeNullOrEmpty
    }

    It 'says in -Verbose what it opened, which platform it chose, which layers it indexed or skipped and why, and which blobs it wrote' {
        # A 168-byte layer under -MinLayerSize and a 2,196-byte one over it.
        $layout = New-TestImageLayout -Path (Join-Path $TestDrive 'verbose') -Layer (New-TestFileSet -Folder app -Count 2), (New-TestFileSet -Folder lib -Count 60)
        $verbose = New-SociIndex -Path $layout.Path -MinLayerSize 1000 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String

        $verbose | Should -BeLike "*Opened the OCI layout $($layout.Path)*"
        $verbose | Should -BeLike '*Platform chosen by the default*linux/amd64*'
        $verbose | Should -BeLike "*Layer $($layout.LayerDigests[0]) (168 bytes) not indexed: *"
        $verbose | Should -BeLike "*Layer $($layout.LayerDigests[1]) (2196 bytes) indexed: zTOC sha256:*"
        $verbose | Should -BeLike '*Wrote zTOC sha256:*'
        $verbose | Should -BeLike '*Wrote image index sha256:*'
    }

    It 'with -WhatIf changes no file of the layout' {
        $layout = New-SmallLayout 'whatif'
        $before = Get-LayoutFingerprint $layout.Path

        New-SociIndex -Path $layout.Path -MinLayerSize 0 -WhatIf | Should -BeNullOrEmpty

        Get-LayoutFingerprint $layout.Path | Should -Be $before
    }
}

Describe 'Errors the PowerShell way' {
    It 'Get-SociZtoc -ErrorAction SilentlyContinue on a missing path prints nothing and does not throw' {
        $missing = Join-Path $TestDrive 'nowhere'
        { Get-SociZtoc -Path $missing -ErrorAction SilentlyContinue } | Should -Not -Throw
        Get-SociZtoc -Path $missing -ErrorAction SilentlyContinue *>&1 | Should -BeNullOrEmpty
        # Pester runs tests with $ErrorActionPreference = 'Stop'; a user's prompt has 'Continue'.
        $ErrorActionPreference = 'Continue'
        Get-SociZtoc -Path $missing 2>$null | Should -BeNullOrEmpty
    }

    It 'a missing path is a non-terminating PathNotFound error that -ErrorVariable collects and -ErrorAction Stop throws' {
        $missing = Join-Path $TestDrive 'nowhere'
        Get-SociZtoc -Path $missing -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SociTools.Commands.GetSociZtocCommand'
        $failures[0].TargetObject | Should -Be $missing
        { Get-SociZtoc -Path $missing -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,*'
    }

    It '-ErrorAction Ignore leaves $Error untouched' {
        $before = $Error.Count
        Get-SociIndex -Path (Join-Path $TestDrive 'nowhere') -ErrorAction Ignore
        $Error.Count | Should -Be $before
    }

    It 'a bad path piped to New-SociIndex is reported and the good one after it is still indexed' {
        $good = New-SmallLayout 'good'
        $bad = Join-Path $TestDrive 'bad'

        $results = $bad, $good.Path | New-SociIndex -MinLayerSize 0 -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.FullyQualifiedErrorId | Should -Be 'PathNotFound,SociTools.Commands.NewSociIndexCommand'
        $failures[0].TargetObject | Should -Be $bad
        ($results | Where-Object { $_ -is [SociTools.SociIndex] }).LayoutPath | Should -Be $good.Path
    }

    It 'an invalid -Platform stops the whole call before any item, whatever -ErrorAction says' {
        $layout = New-SmallLayout 'platform'
        $before = Get-LayoutFingerprint $layout.Path
        { New-SociIndex -Path $layout.Path -Platform 'not a platform' -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'InvalidArgument,*'
        Get-LayoutFingerprint $layout.Path | Should -Be $before
    }

    It 'a zTOC that is not in the layout is ZtocNotFound' {
        $layout = New-SmallLayout 'noztoc'
        $null = New-SociIndex -Path $layout.Path -MinLayerSize 0
        { Get-SociZtoc -Path $layout.Path -LayerDigest ('sha256:' + 'e' * 64) -ErrorAction Stop } | Should -Throw -ErrorId 'ZtocNotFound,*'
    }
}

Describe 'Pipelines between the layout cmdlets' {
    BeforeAll {
        $script:indexed = New-SmallLayout 'piped'
        $script:built = New-SociIndex -Path $indexed.Path -MinLayerSize 0
    }

    It 'Get-SociIndex -Path | Get-SociZtoc gives the zTOCs of that index' {
        $ztocs = Get-SociIndex -Path $indexed.Path | Get-SociZtoc

        $ztocs | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique | Should -Be 'SociTools.SociZtocInfo'
        $ztocs.LayerDigest | Sort-Object | Should -Be ($indexed.LayerDigests | Sort-Object)
        $ztocs.IndexDigest | Select-Object -Unique | Should -Be ($built | Where-Object { $_ -is [SociTools.SociIndex] }).Digest
    }

    It 'the zTOC objects New-SociIndex emits pipe to Get-SociZtoc one for one' {
        $ztocs = $built | Where-Object { $_ -is [SociTools.SociZtoc] } | Get-SociZtoc
        $ztocs.Digest | Should -Be ($built | Where-Object { $_ -is [SociTools.SociZtoc] }).Digest
    }

    It 'Get-SociZtoc | ForEach-Object Files | Export-SociFile writes each file, which carries its layer and layout' {
        $destination = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'exported')
        $files = Get-SociZtoc -Path $indexed.Path -LayerDigest $indexed.LayerDigests[0] | ForEach-Object Files | Where-Object Type -eq 'reg'
        $files[0].LayerDigest | Should -Be $indexed.LayerDigests[0]
        $files[0].LayoutPath | Should -Be $indexed.Path

        $exports = $files | Export-SociFile -Destination $destination

        $exports | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique | Should -Be 'SociTools.SociFileExport'
        $exports.Count | Should -Be 8
        $expected = (New-TestFileSet -Folder app)['app/file-3.txt']
        [System.IO.File]::ReadAllBytes((Join-Path $destination 'file-3.txt')) | Should -Be $expected
    }

    It 'a name that is not in the layer is reported and the entries after it are still exported' {
        $destination = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'mixed')
        $files = Get-SociZtoc -Path $indexed.Path -LayerDigest $indexed.LayerDigests[1] | ForEach-Object Files
        $missing = [pscustomobject]@{ Name = 'lib/not-there.txt'; LayerDigest = $indexed.LayerDigests[1]; LayoutPath = $indexed.Path }

        $exports = @($missing) + $files | Export-SociFile -Destination $destination -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.FullyQualifiedErrorId | Should -Be 'FileNotInZtoc,SociTools.Commands.ExportSociFileCommand'
        $exports.Count | Should -Be 8
    }

    It 'Export-SociFile -WhatIf writes nothing' {
        $destination = Join-Path $TestDrive 'whatif.txt'
        $file = Get-SociZtoc -Path $indexed.Path -LayerDigest $indexed.LayerDigests[0] | ForEach-Object Files | Where-Object Type -eq 'reg' | Select-Object -First 1

        $file | Export-SociFile -Destination $destination -WhatIf | Should -BeNullOrEmpty

        Test-Path $destination | Should -BeFalse
    }

    It 'Get-SociZtoc and Export-SociFile say in -Verbose what they read and wrote' {
        $destination = Join-Path $TestDrive 'verbose.txt'
        $ztocVerbose = Get-SociZtoc -Path $indexed.Path -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $exportVerbose = Export-SociFile -Path $indexed.Path -LayerDigest $indexed.LayerDigests[0] -Name app/file-1.txt -Destination $destination -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String

        $ztocVerbose | Should -BeLike '*lists 1 SOCI index(es)*'
        $ztocVerbose | Should -BeLike "*Read zTOC sha256:* for layer $($indexed.LayerDigests[0])*"
        $exportVerbose | Should -BeLike "*Layer $($indexed.LayerDigests[0]) has zTOC sha256:*"
        $exportVerbose | Should -BeLike "*Wrote 'app/file-1.txt' (* bytes) to $destination*span(s)*"
    }
}
