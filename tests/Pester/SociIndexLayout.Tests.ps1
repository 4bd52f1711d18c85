# New-SociIndex, Get-SociIndex, Get-SociZtoc and Export-SociFile on local OCI layouts, as a pipeline author uses them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools
    $script:image = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer (New-TestFileSet -LargeMiB 12)
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
}
