# Push-SociImage, New-SociIndex -Image, Get-SociIndex -Image, Get-SociFile and Remove-SociIndex against a real
# docker-registry on loopback, as a pipeline author uses them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools
    $script:registry = Start-TestRegistry -Folder (Join-Path $TestDrive 'registry')
    $script:layout = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer (New-TestFileSet -Folder app), (New-TestFileSet -Folder lib -Seed 3)

    # A fresh copy of the small two-layer image, so no test depends on what another did to a layout.
    function Copy-TestLayout([string] $Name) {
        $copy = Join-Path $TestDrive $Name
        Copy-Item -Path $layout.Path -Destination $copy -Recurse
        $copy
    }
    function Get-Verbose([object[]] $Records) {
        $Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
    }
}

AfterAll {
    Stop-TestRegistry $registry
}

Describe 'Push-SociImage' {
    It 'New-SociIndex -Path | Push-SociImage pushes the layout once: every object binds, the repeats are skipped' {
        $destination = "$($registry.Host)/piped:1"
        $records = New-SociIndex -Path (Copy-TestLayout 'piped') -MinLayerSize 0 |
            Push-SociImage -Destination $destination -ErrorVariable failures -Verbose 4>&1

        $failures | Should -BeNullOrEmpty
        $results = @($records | Where-Object { $_ -is [SociTools.SociPushResult] })
        $results.Count | Should -Be 1
        $results[0].PSObject.TypeNames[0] | Should -Be 'SociTools.SociPushResult'
        $results[0].IndexBuilt | Should -BeFalse
        Get-Verbose $records | Should -BeLike '*was already pushed by this call; this pipeline object names it again and is skipped*'
        (Get-SociIndex -Image $destination).Digest | Should -Be $results[0].IndexDigests[0]
    }

    It '-WhatIf pushes nothing' {
        $destination = "$($registry.Host)/whatif:1"
        Push-SociImage -Path (Copy-TestLayout 'whatif') -Destination $destination -MinLayerSize 0 -WhatIf | Should -BeNullOrEmpty
        { Get-SociIndex -Image $destination -ErrorAction Stop } | Should -Throw -ErrorId 'RegistryNotFound,*'
    }

    It 'a destination without a tag stops the call whatever -ErrorAction says' {
        $destination = "$($registry.Host)/notag@sha256:$('a' * 64)"
        { Push-SociImage -Path $layout.Path -Destination $destination -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'DestinationNeedsTag,*'
    }

    It 'a missing path is reported and the layout piped after it is still pushed' {
        $paths = (Join-Path $TestDrive 'no-layout'), (Copy-TestLayout 'after-bad')
        $results = $paths | ForEach-Object { [pscustomobject]@{ Path = $_ } } |
            Push-SociImage -Destination "$($registry.Host)/after-bad:1" -MinLayerSize 0 -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.FullyQualifiedErrorId | Should -Be 'PathNotFound,SociTools.Commands.PushSociImageCommand'
        @($results | Where-Object { $_ -is [SociTools.SociPushResult] }).Count | Should -Be 1
    }
}

Describe 'New-SociIndex -Image and Get-SociIndex -Image' {
    BeforeAll {
        # An image with no index yet, copied in by skopeo.
        $script:plain = "$($registry.Host)/plain:1"
        & skopeo copy --quiet --dest-tls-verify=false "oci:$($layout.Path)" "docker://$plain"
        if ($LASTEXITCODE -ne 0) { throw "skopeo copy to $plain failed" }
        $script:built = New-SociIndex -Image $plain -Push -MinLayerSize 0 | Where-Object { $_ -is [SociTools.SociIndex] }
    }

    It 'indexes an image already in the registry and pushes the index beside it' {
        $built.PSObject.TypeNames[0] | Should -Be 'SociTools.SociIndex'
        $built.ImageManifestDigest | Should -Be $layout.ManifestDigest
        $built.LayoutPath | Should -BeNullOrEmpty
    }

    It 'Get-SociIndex -Image finds it, naming the SOCI-enabled manifest apart from the original' {
        $found = Get-SociIndex -Image $plain

        $found.PSObject.TypeNames[0] | Should -Be 'SociTools.SociIndex'
        $found.Digest | Should -Be $built.Digest
        $found.Image | Should -Be $plain
        $found.SociEnabledManifestDigest | Should -Be $built.SociEnabledManifestDigest
        $found.ImageManifestDigest | Should -BeNullOrEmpty
        $found.FoundBy | Should -Be 'v2 annotation'
    }

    It 'says in -Verbose which platform it chose and which registry requests it made' {
        $verbose = Get-Verbose (Get-SociIndex -Image $plain -Verbose 4>&1)
        $verbose | Should -BeLike '*Platform linux/amd64 (manifest sha256:*) chosen by default*1 SOCI index(es) found*'
        $verbose | Should -BeLike "*Registry request: HEAD http://$($registry.Host)/v2/plain/manifests/1 -> 200*"
        $verbose | Should -BeLike '*Found V2 SOCI index sha256:* by the v2 annotation*'
    }

    It 'without -Push or -OutputPath stops the call whatever -ErrorAction says' {
        { New-SociIndex -Image $plain -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'IndexDestinationMissing,*'
    }

    It 'an image that is not there is a non-terminating RegistryNotFound' {
        $missing = "$($registry.Host)/never-pushed:1"
        { New-SociIndex -Image $missing -Push -ErrorAction SilentlyContinue } | Should -Not -Throw
        New-SociIndex -Image $missing -Push -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        { New-SociIndex -Image $missing -Push -ErrorAction Stop } | Should -Throw -ErrorId 'RegistryNotFound,*'
    }
}

Describe 'Get-SociFile' {
    BeforeAll {
        $script:image = "$($registry.Host)/files:1"
        $null = Push-SociImage -Path (Copy-TestLayout 'files') -Destination $image -MinLayerSize 0
    }

    It 'reads one file by range requests' {
        $destination = Join-Path $TestDrive 'file-2.txt'
        $export = Get-SociFile -Image $image -Name app/file-2.txt -Destination $destination

        $export.PSObject.TypeNames[0] | Should -Be 'SociTools.SociFileExport'
        [System.IO.File]::ReadAllBytes($destination) | Should -Be (New-TestFileSet -Folder app)['app/file-2.txt']
    }

    It '-WhatIf writes nothing' {
        $destination = Join-Path $TestDrive 'whatif-file.txt'
        Get-SociFile -Image $image -Name app/file-2.txt -Destination $destination -WhatIf | Should -BeNullOrEmpty
        Test-Path $destination | Should -BeFalse
    }

    It 'a name that is not in the image is a non-terminating FileNotInZtoc' {
        $destination = Join-Path $TestDrive 'absent.txt'
        Get-SociFile -Image $image -Name app/absent.txt -Destination $destination -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures.FullyQualifiedErrorId | Should -Be 'FileNotInZtoc,SociTools.Commands.GetSociFileCommand'
        { Get-SociFile -Image $image -Name app/absent.txt -Destination $destination -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotInZtoc,*'
        Test-Path $destination | Should -BeFalse
    }
}

Describe 'Remove-SociIndex' {
    It 'Get-SociIndex -Image | Remove-SociIndex -WhatIf removes nothing' {
        $image = "$($registry.Host)/keep:1"
        $null = Push-SociImage -Path (Copy-TestLayout 'keep') -Destination $image -MinLayerSize 0

        Get-SociIndex -Image $image | Remove-SociIndex -WhatIf | Should -BeNullOrEmpty

        Get-SociIndex -Image $image | Should -Not -BeNullOrEmpty
    }

    It 'Get-SociIndex -Image | Remove-SociIndex deletes the index it was given' {
        $image = "$($registry.Host)/remove:1"
        $null = Push-SociImage -Path (Copy-TestLayout 'remove') -Destination $image -MinLayerSize 0
        $index = Get-SociIndex -Image $image

        $removed = $index | Remove-SociIndex -Confirm:$false -WarningAction SilentlyContinue

        $removed.Digest | Should -Be $index.Digest
        $removed.PSObject.TypeNames[0] | Should -Be 'SociTools.SociIndex'
        Get-SociIndex -Image $image -WarningAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Credentials' {
    BeforeAll {
        $script:secret = 'Pester-s3cret-' + [guid]::NewGuid().ToString('N')
        $script:credential = [pscredential]::new('pester', (ConvertTo-SecureString $secret -AsPlainText -Force))
        $script:locked = Start-TestRegistry -Folder (Join-Path $TestDrive 'locked') -Credential $credential
    }

    AfterAll {
        Stop-TestRegistry $locked
    }

    It '-Verbose and -Debug never show the password, nor does the error of a wrong one' {
        $destination = "$($locked.Host)/private:1"
        $wrong = [pscredential]::new('pester', (ConvertTo-SecureString "$secret-wrong" -AsPlainText -Force))

        $pushed = Push-SociImage -Path (Copy-TestLayout 'private') -Destination $destination -MinLayerSize 0 -Credential $credential -Verbose -Debug *>&1 | Out-String
        $found = Get-SociIndex -Image $destination -Credential $credential -Verbose -Debug *>&1 | Out-String
        $refused = Get-SociIndex -Image $destination -Credential $wrong -Verbose -Debug -ErrorAction SilentlyContinue -ErrorVariable failures *>&1 | Out-String

        $pushed | Should -BeLike '*Registry request: PUT*'
        $found | Should -BeLike '*SOCI index*'
        $failures.FullyQualifiedErrorId | Should -Be 'RegistryUnauthorized,SociTools.Commands.GetSociIndexCommand'
        "$pushed $found $refused $($failures | Out-String) $($failures.Exception | Out-String)" | Should -Not -BeLike "*$secret*"
    }
}
