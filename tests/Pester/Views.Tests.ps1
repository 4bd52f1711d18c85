# What SociTools objects look like at a 120-column prompt: SociTools.Format.ps1xml's tables and lists.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools

    # The lines a user sees, without the blank ones around tables.
    function Get-ShownLine([Parameter(ValueFromPipeline)] $InputObject, [switch] $List) {
        begin { $all = [System.Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end {
            $text = if ($List) { $all | Format-List | Out-String -Width 120 } else { $all | Out-String -Width 120 }
            @($text -split '\r?\n' | Where-Object { $_.Trim() })
        }
    }

    function Get-ShortDigest([string] $Digest) { $Digest.Substring(0, 19) + [char] 0x2026 }

    $script:formatFile = Join-Path (Split-Path (Get-Module SociTools).Path) 'SociTools.Format.ps1xml'
    [xml] $script:formats = Get-Content -Raw $formatFile
    $script:image = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer @(
        (New-TestFileSet -Folder app -LargeMiB 11 -Seed 1),
        (New-TestFileSet -Folder lib -LargeMiB 11 -Seed 2),
        (New-TestFileSet -Folder etc -Count 2))
    $script:built = @(New-SociIndex -Path $image.Path)
}

Describe 'SociTools.Format.ps1xml' {
    It 'is loaded by the manifest (FormatsToProcess)' {
        (Test-ModuleManifest (Get-SociToolsManifestPath)).ExportedFormatFiles | Split-Path -Leaf | Should -Contain 'SociTools.Format.ps1xml'
    }

    It 'gives every type a cmdlet emits, and the objects they hold, a table as its default view' {
        $emitted = @(Get-Command -Module SociTools | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ }) | Sort-Object FullName -Unique
        $emitted.Count | Should -BeGreaterThan 10
        $held = foreach ($type in $emitted) {
            foreach ($property in $type.GetProperties()) {
                $element = $property.PropertyType.GetGenericArguments() | Select-Object -First 1
                if ($element -and $element.Assembly -eq $type.Assembly) { $element }
            }
        }
        foreach ($type in @($emitted) + @($held) | Sort-Object FullName -Unique) {
            $view = @($formats.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -contains $type.FullName })[0]
            $view | Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a view"
            $view.TableControl | Should -Not -BeNullOrEmpty -Because "the first view of $($type.FullName) is its default, and that should be a table"
            $labels = @($view.TableControl.TableHeaders.TableColumnHeader.Label)
            $shown = [Activator]::CreateInstance($type) | Get-ShownLine
            $shown[0] -split '\s+' | Where-Object { $_ } | Should -Be $labels -Because "an empty $($type.FullName) shows its table's header"
        }
    }

    It 'names only properties that the types it selects (or the objects they hold) have' {
        foreach ($view in $formats.Configuration.ViewDefinitions.View) {
            $types = @($view.ViewSelectedBy.TypeName | ForEach-Object { $_ -as [type] })
            $types | Should -Not -Contain $null -Because "view $($view.Name) selects types by their full names"
            $known = foreach ($type in $types) {
                foreach ($property in $type.GetProperties()) {
                    $property.Name
                    $element = $property.PropertyType.GetGenericArguments() | Select-Object -First 1
                    if ($element) { $element.GetProperties().Name }
                }
            }
            $named = @($view.SelectNodes('.//PropertyName').InnerText) +
                @($view.SelectNodes('.//ScriptBlock').InnerText | ForEach-Object { [regex]::Matches($_, '\$_\.(\w+)') | ForEach-Object { $_.Groups[1].Value } })
            foreach ($name in $named | Where-Object { $_ -and $_ -ne 'Count' }) {
                $known | Should -Contain $name -Because "view $($view.Name) shows '$name'"
            }
        }
    }
}

Describe 'Get-SociZtoc at a 120-column prompt' {
    BeforeAll { $script:ztocs = @(Get-SociZtoc -Path $image.Path) }

    It 'prints a table: a header, a rule, then one line per zTOC with its layer, spans, files and size' {
        $ztocs.Count | Should -Be 2
        $lines = $ztocs | Get-ShownLine
        $lines[0] | Should -Match '^Digest\s+Layer\s+LayerSize\s+Spans\s+SpanSize\s+Files\s+Size\s+Index$'
        $lines[1] | Should -Match '^-+(\s+-+)+$'
        $lines.Count | Should -Be (2 + $ztocs.Count)
        foreach ($ztoc in $ztocs) {
            $row = @($lines | Where-Object { $_.StartsWith((Get-ShortDigest $ztoc.Digest)) })
            $row.Count | Should -Be 1
            $row[0] | Should -Match ([regex]::Escape((Get-ShortDigest $ztoc.LayerDigest)) + '\s+11\.0 MiB\s+3\s+4\.0 MiB\s+' + $ztoc.FileCount + '\s+\d+\.\d KiB')
        }
    }

    It 'keeps whole digests in the objects; only the view shortens them' {
        $ztocs.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        $ztocs.LayerDigest | Should -Match '^sha256:[0-9a-f]{64}$'
        ($ztocs | Get-ShownLine) -join "`n" | Should -Not -Match '[0-9a-f]{64}'
    }

    It 'shows every field in full with Format-List' {
        $lines = $ztocs[0] | Get-ShownLine -List
        $lines | Should -Contain "Digest                  : $($ztocs[0].Digest)"
        $lines | Should -Contain "LayerDigest             : $($ztocs[0].LayerDigest)"
        ($lines -join "`n") | Should -Match "CompressedArchiveSize\s+: 11\.0 MiB \($($ztocs[0].CompressedArchiveSize) bytes\)"
    }

    It 'lists a zTOC''s files one line each: type, mode, size, span range and name' {
        $lines = $ztocs[0].Files | Get-ShownLine
        $lines[0] | Should -Match '^Type\s+Mode\s+Size\s+Spans\s+Name$'
        $lines.Count | Should -Be (2 + $ztocs[0].FileCount)
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^reg\s+0644\s+11\.0 MiB\s+0-2 \w+/data/large\.bin$' })
    }
}

Describe 'A zTOC of thousands of files' {
    BeforeAll {
        $files = [ordered]@{}
        for ($i = 0; $i -lt 5844; $i++) { $files["usr/share/doc/package-$($i % 97)/file-$i.txt"] = [Text.Encoding]::UTF8.GetBytes("file $i`n") }
        $large = New-Object byte[] (11MB)
        (New-Object System.Random 5).NextBytes($large)
        $files['opt/data/large.bin'] = $large
        $script:many = New-TestImageLayout -Path (Join-Path $TestDrive 'many') -Layer $files
        $null = New-SociIndex -Path $many.Path
    }

    It 'prints one line per file under one header' {
        $listing = (Get-SociZtoc -Path $many.Path).Files
        $listing.Count | Should -Be 5845
        $lines = $listing | Get-ShownLine
        $lines.Count | Should -Be (2 + 5845)
        @($lines | Where-Object { $_ -match '^Type\s+Mode' }).Count | Should -Be 1
        @($lines | Where-Object { $_ -match '^reg\s+0644\s+\d+ B\s+\d+ usr/share/doc/package-\d+/file-\d+\.txt$' }).Count | Should -Be 5844
    }
}

Describe 'New-SociIndex at the prompt' {
    It 'prints one table of the layers (indexed or why skipped), the zTOCs and the index' {
        $lines = $built | Get-ShownLine
        $lines[0] | Should -Match '^Kind\s+Digest\s+Platform\s+Size\s+Detail$'
        $lines.Count | Should -Be (2 + 3 + 2 + 1)
        $lines | Where-Object { $_ -match '^Layer ' } | Should -HaveCount 3
        $lines | Where-Object { $_ -match '^Layer .* linux/amd64\s+11\.0 MiB indexed: application/vnd\.oci\.image\.layer\.v1\.tar\+gzip$' } | Should -HaveCount 2
        $lines | Where-Object { $_ -match '^Layer .* skipped: size \d+ is less than min-layer-size 10485760$' } | Should -HaveCount 1
        $lines | Where-Object { $_ -match '^Ztoc .*layer sha256:[0-9a-f]{12}\u2026: 3 spans, \d+ files$' } | Should -HaveCount 2
        $index = $built | Where-Object { $_ -is [SociTools.SociIndex] }
        $lines[-1] | Should -Match ('^Index ' + [regex]::Escape((Get-ShortDigest $index.Digest)) + '\s+linux/amd64\s+[\d.]+ K?i?B V2 SOCI index, 2 zTOCs, in ')
    }

    It 'shows an index found by Get-SociIndex as a table row with its version, platform and zTOC count' {
        $index = Get-SociIndex -Path $image.Path
        $lines = $index | Get-ShownLine
        $lines[0] | Should -Match '^Digest\s+Version\s+Platform\s+zTOCs\s+Size\s+FoundBy\s+Location$'
        $lines[2] | Should -Match ('^' + [regex]::Escape((Get-ShortDigest $index.Digest)) + '\s+V2\s+linux/amd64\s+2\s+[\d.]+ K?i?B v2 annotation')
    }
}

Describe 'Export-SociFile at the prompt' {
    It 'shows the file, its size, how much of the layer was read and where it went' {
        $export = Export-SociFile -Path $image.Path -LayerDigest $image.LayerDigests[0] -Name app/file-3.txt -Destination (Join-Path $TestDrive 'file-3.txt')
        $lines = $export | Get-ShownLine
        $lines[0] | Should -Match '^Name\s+Size\s+Read\s+LayerSize\s+Spans\s+Destination$'
        $lines[2] | Should -Match '^app/file-3\.txt\s+1\.1 KiB\s+[\d.]+ [KM]iB\s+11\.0 MiB\s+1 /'
    }
}

Describe 'Push-SociImage at the prompt' {
    BeforeAll { $script:registry = Start-TestRegistry -Folder (Join-Path $TestDrive 'registry') }
    AfterAll { Stop-TestRegistry $registry }

    It 'prints one table of the blobs sent and the tag pushed' {
        $lines = Push-SociImage -Path $image.Path -Destination "$($registry.Host)/views:1.0" | Get-ShownLine
        $lines[0] | Should -Match '^Kind\s+Digest\s+Size\s+Status\s+Detail$'
        $lines | Where-Object { $_ -match '^Layer .* pushed\s+application/vnd\.oci\.image\.layer\.v1\.tar\+gzip$' } | Should -HaveCount 3
        $lines | Where-Object { $_ -match '^Ztoc .* pushed ' } | Should -HaveCount 2
        $lines[-1] | Should -Match ('^Image sha256:[0-9a-f]{12}\u2026\s+tagged\s+' + [regex]::Escape("$($registry.Host)/views:1.0") + ' with a V2 SOCI index; ')
    }
}

Describe 'Finch objects at the prompt' {
    It 'shows finch.yaml settings with list values joined, not as a .NET type name' {
        $config = Join-Path $TestDrive 'finch.yaml'
        Set-Content -Path $config -Value "cpus: 4`nsnapshotters:`n  - soci`n  - overlayfs`n"
        $settings = (Get-FinchConfig -ConfigPath $config -WarningAction SilentlyContinue).Settings
        $text = ($settings | Get-ShownLine) -join "`n"
        $text | Should -Not -Match 'System\.Collections'
        $text | Should -Match '(?m)^snapshotters\s+soci, overlayfs\s+True\s'
        $text | Should -Match '(?m)^cpus\s+4\s+True\s'
    }

    It 'shows a snapshotter change as before and after lists' {
        $config = Join-Path $TestDrive 'enable.yaml'
        Set-Content -Path $config -Value "snapshotters:`n  - overlayfs`n"
        $lines = Enable-SociSnapshotter -ConfigPath $config -Default -PassThru -WarningAction SilentlyContinue | Get-ShownLine
        $lines[0] | Should -Match '^ConfigPath\s+Changed\s+Before\s+After\s+Default\s+Restart$'
        $lines[2] | Should -Match '\s+True\s+overlayfs\s+soci, overlayfs\s+soci\s'
    }

    It 'shows the Finch VM as one row with its state' {
        $finch = Join-Path $TestDrive 'finch'
        Set-Content -Path $finch -Value '#!/bin/sh'
        $lines = Start-FinchVM -FinchPath $finch -PassThru -WarningAction SilentlyContinue | Get-ShownLine
        $lines[0] | Should -Match '^Name\s+State\s+Kind\s+Changed\s+Message$'
        $lines[2] | Should -Match '^finch\s+NotApplicable\s+LinuxNative\s+False\s+Finch on Linux runs without a VM'
    }

    It 'shows a run result as a row saying whether the image was lazily loaded, and the evidence in the list view' {
        $result = [SociTools.SociRunResult]::new()
        $result.Image = '127.0.0.1:5000/app:1.0'
        $result.LazilyLoaded = $true
        $result.Reason = 'layers were mounted by the SOCI snapshotter'
        $result.Evidence = [string[]] @('2 SOCI FUSE mounts were added', 'no layer was fetched in full')
        $result.Elapsed = [TimeSpan]::FromSeconds(12.34)
        $result.NewFuseMounts = 2
        $lines = $result | Get-ShownLine
        $lines[0] | Should -Match '^Image\s+Lazy\s+ExitCode\s+Elapsed\s+Mounts\s+Reason$'
        $lines[2] | Should -Match '^127\.0\.0\.1:5000/app:1\.0\s+yes\s+0\s+12\.3 s\s+2 layers were mounted'
        $list = ($result | Get-ShownLine -List) -join "`n"
        $list | Should -Match 'Evidence\s+: 2 SOCI FUSE mounts were added\s+no layer was fetched in full'
    }
}
