# Tab completion of SociTools parameter values, as TabExpansion2 (what the prompt's Tab calls) offers them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools

    # What Tab offers at the end of $Line (or at $Column).
    function Get-Completion([string] $Line, [int] $Column = $Line.Length) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Column).CompletionMatches | ForEach-Object CompletionText)
    }

    $files = New-TestFileSet -Folder app -LargeMiB 11
    $files['app/docs/read me.txt'] = [Text.Encoding]::UTF8.GetBytes('a name with a space')
    $files['etc/os-release'] = [Text.Encoding]::UTF8.GetBytes('ID=test')
    $script:image = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer $files -Architecture riscv64
    $script:built = @(New-SociIndex -Path $image.Path -Platform linux/riscv64)
    $script:ztoc = $built | Where-Object { $_ -is [SociTools.SociZtoc] }
    $script:layer = $image.LayerDigests[0]
    $script:missing = Join-Path $TestDrive 'no-such-layout'
}

Describe '-LayerDigest and -Digest complete from the layout at -Path' {
    It 'offers the layers that have a zTOC, whole' {
        Get-Completion "Get-SociZtoc -Path '$($image.Path)' -LayerDigest " | Should -Be @($layer)
        Get-Completion "Export-SociFile -Path '$($image.Path)' -LayerDigest " | Should -Be @($layer)
    }

    It 'matches what was typed, with or without the sha256: prefix' {
        Get-Completion "Get-SociZtoc -Path '$($image.Path)' -LayerDigest $($layer.Substring(0, 12))" | Should -Be @($layer)
        Get-Completion "Get-SociZtoc -Path '$($image.Path)' -LayerDigest $($layer.Substring(7, 5))" | Should -Be @($layer)
        $other = if ($layer[7] -eq 'f') { 'e' } else { 'f' }
        Get-Completion "Get-SociZtoc -Path '$($image.Path)' -LayerDigest sha256:$other" | Should -BeNullOrEmpty
    }

    It 'offers zTOC digests for Get-SociZtoc -Digest, with the layout given by position' {
        Get-Completion "Get-SociZtoc '$($image.Path)' -Digest " | Should -Be @($ztoc.Digest)
    }

    It 'resolves -Path against the current location' {
        Push-Location (Split-Path $image.Path)
        try { Get-Completion 'Get-SociZtoc -Path ./layout -LayerDigest ' | Should -Be @($layer) }
        finally { Pop-Location }
    }

    It 'offers nothing, quietly, without a layout' {
        Get-Completion "Get-SociZtoc -Path '$missing' -LayerDigest " | Should -BeNullOrEmpty
        Get-Completion 'Get-SociZtoc -LayerDigest ' | Should -BeNullOrEmpty
        $Error.Clear()
        Get-Completion "Get-SociZtoc -Path '$TestDrive' -Digest sha" | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe '-Name completes paths in the zTOC' {
    It 'offers the top folders first, one level at a time like file names' {
        Get-Completion "Export-SociFile -Path '$($image.Path)' -LayerDigest $layer -Name " | Should -Be @('app/', 'etc/')
        Get-Completion "Export-SociFile -Path '$($image.Path)' -Name app/d" | Should -Be @('app/data/', 'app/docs/')
    }

    It 'completes regular files by prefix and keeps a leading slash as typed' {
        Get-Completion "Export-SociFile -Path '$($image.Path)' -Name app/file-1" | Should -Be @('app/file-1.txt')
        Get-Completion "Export-SociFile -Path '$($image.Path)' -Name /etc/os" | Should -Be @('/etc/os-release')
    }

    It 'quotes a name that needs quotes, and keeps the quote the user opened' {
        Get-Completion "Export-SociFile -Path '$($image.Path)' -Name app/docs/" | Should -Be @("'app/docs/read me.txt'")
        Get-Completion "Export-SociFile -Path '$($image.Path)' -Name `"app/docs/r" | Should -Be @('"app/docs/read me.txt"')
        Get-Completion "Export-SociFile -Path '$($image.Path)' -Name 'etc/o" | Should -Be @("'etc/os-release'")
    }

    It 'offers nothing for a layer the layout has no zTOC for' {
        Get-Completion "Export-SociFile -Path '$($image.Path)' -LayerDigest sha256:$('0' * 64) -Name " | Should -BeNullOrEmpty
    }
}

Describe '-Platform and -IndexVersion' {
    It 'offers the platforms of the image in the layout at -Path' {
        Get-Completion "New-SociIndex -Path '$($image.Path)' -Platform " | Should -Be @('linux/riscv64')
        Get-Completion "Get-SociIndex -Path '$($image.Path)' -Platform linux/r" | Should -Be @('linux/riscv64')
    }

    It 'offers the platforms Finch runs when there is no layout to read' {
        Get-Completion 'Get-SociFile -Image 127.0.0.1:5000/app:1.0 -Name x -Platform linux/a' | Should -Contain 'linux/amd64'
        Get-Completion 'Invoke-SociRun -Image app -Platform linux/arm' | Should -Contain 'linux/arm64'
        Get-Completion 'Remove-SociIndex -Image 127.0.0.1:5000/app:1.0 -Platform windows/' | Should -BeNullOrEmpty
    }

    It 'completes -IndexVersion from its enumeration' {
        Get-Completion 'New-SociIndex -Path x -IndexVersion ' | Should -Be @('V1', 'V2')
        Get-Completion 'Push-SociImage -Path x -Destination y -IndexVersion v1' | Should -Be @('V1')
    }
}

Describe 'Push-SociImage -Image completes local Finch images' {
    BeforeEach { $script:savedFinch = $env:SOCITOOLS_FINCH }
    AfterEach { $env:SOCITOOLS_FINCH = $savedFinch }

    It 'offers repository:tag of the images finch image ls lists, skipping untagged ones' {
        $finch = Join-Path $TestDrive 'finch-lists'
        $rows = @(
            '{"Repository":"app","Tag":"1.0","Name":"docker.io/library/app:1.0","Digest":"sha256:' + ('a' * 64) + '","ID":"aaaaaaaaaaaa","Platform":"linux/amd64","Size":"7.8MB","BlobSize":"3.4MB","CreatedAt":"2026-12-01 10:00:00 +0000 UTC"}'
            '{"Repository":"127.0.0.1:5000/tools","Tag":"latest","Name":"127.0.0.1:5000/tools:latest","Digest":"sha256:' + ('b' * 64) + '","ID":"bbbbbbbbbbbb","Platform":"linux/amd64","Size":"1MB","BlobSize":"1MB","CreatedAt":"2026-12-01 10:00:00 +0000 UTC"}'
            '{"Repository":"<none>","Tag":"<none>","Name":"","Digest":"sha256:' + ('c' * 64) + '","ID":"cccccccccccc","Platform":"linux/amd64","Size":"1MB","BlobSize":"1MB","CreatedAt":"2026-12-01 10:00:00 +0000 UTC"}'
        )
        Set-Content -Path $finch -Value (@('#!/bin/sh', 'if [ "$*" = "image ls --format json" ]; then', 'cat <<''EOF''') + $rows + @('EOF', 'exit 0', 'fi', 'exit 1'))
        chmod +x $finch
        $env:SOCITOOLS_FINCH = $finch
        Get-Completion 'Push-SociImage -Destination x -Image ' | Should -Be @('127.0.0.1:5000/tools:latest', 'app:1.0')
        Get-Completion 'Push-SociImage -Destination x -Image ap' | Should -Be @('app:1.0')
    }

    It 'offers nothing when finch is missing' {
        $env:SOCITOOLS_FINCH = Join-Path $TestDrive 'no-finch-here'
        Get-Completion 'Push-SociImage -Destination x -Image ' | Should -BeNullOrEmpty
    }

    It 'gives up within seconds on a finch that does not answer' {
        $finch = Join-Path $TestDrive 'finch-hangs'
        Set-Content -Path $finch -Value "#!/bin/sh`nexec sleep 60"
        chmod +x $finch
        $env:SOCITOOLS_FINCH = $finch
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Get-Completion 'Push-SociImage -Destination x -Image ' | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
    }
}
