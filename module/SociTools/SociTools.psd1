@{
    RootModule           = 'SociTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c3c1e-5b0e-4a57-9d1e-2f4f2d8a6b11'
    Author               = 'SociTools'
    CompanyName          = 'SociTools'
    Copyright            = '(c) SociTools contributors. Apache-2.0.'
    Description          = 'Seekable OCI (SOCI) lazy loading for Finch users: build SOCI indexes byte-compatible with soci-snapshotter, push images with them to OCI registries such as Amazon ECR, and inspect indexes, zTOCs and single files.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @(
        'New-SociIndex', 'Get-SociIndex', 'Remove-SociIndex', 'Push-SociImage',
        'Get-SociZtoc', 'Export-SociFile', 'Get-SociFile',
        'Get-FinchVM', 'Start-FinchVM', 'Stop-FinchVM',
        'Invoke-SociRun', 'Enable-SociSnapshotter', 'Disable-SociSnapshotter', 'Get-FinchConfig'
    )
    FormatsToProcess     = @('SociTools.Format.ps1xml')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('SOCI', 'Finch', 'OCI', 'Containers', 'LazyLoading', 'ECR')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
        }
    }
}
