# The module as a package and a neighbour: its manifest, its install from a .nupkg, and its dependencies kept
# apart from another module's (YamlDotNet 11, which powershell-yaml ships) in the same session.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../module/SociTools/SociTools.psd1')
    $script:exportedCmdlets = $manifest.CmdletsToExport
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools
    $script:manifestPath = Get-SociToolsManifestPath
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    # Restored by tests/SociTools.Tests (a PackageDownload item).
    $script:yamlDotNet11 = Join-Path $packages 'yamldotnet/11.2.1/lib/netstandard2.1/YamlDotNet.dll'
    $script:finchYaml = Join-Path $TestDrive 'finch.yaml'
    Set-Content -Path $finchYaml -Value "cpus: 2`nmemory: 4GiB`nsnapshotters:`n  - soci`n  - overlayfs"

    # What a child pwsh reports about the YamlDotNet copies in its process, as JSON on its last line.
    $script:reportYamlDotNet = @'
[pscustomobject]@{
    Snapshotters = @($config.Snapshotters)
    SessionType  = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.Major
    Loaded       = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object {
        '{0} in {1}' -f $_.GetName().Version.Major, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
    } | Sort-Object)
} | ConvertTo-Json -Compress
'@
}

Describe 'SociTools beside another YamlDotNet in one PowerShell 7 session' {
    # Steps run in a fresh pwsh before SociTools reads finch.yaml; {0} is YamlDotNet 11, {1} SociTools, {2} finch.yaml.
    It 'reads finch.yaml with YamlDotNet 11 loaded <When>, and 11 keeps serving the session' -ForEach @(
        @{ When = 'first'; Steps = "Add-Type -Path '{0}'`nImport-Module '{1}'" }
        @{ When = 'after SociTools read finch.yaml'
           Steps = "Import-Module '{1}'`n`$null = Get-FinchConfig -ConfigPath '{2}' -WarningAction SilentlyContinue`nAdd-Type -Path '{0}'" }
    ) {
        $yamlDotNet11 | Should -Exist
        $report = Invoke-FreshPwsh -Command @"
$($Steps -f $yamlDotNet11, $manifestPath, $finchYaml)
`$config = Get-FinchConfig -ConfigPath '$finchYaml' -WarningAction SilentlyContinue
$reportYamlDotNet
"@ | Select-Object -Last 1 | ConvertFrom-Json

        $report.Snapshotters | Should -Be @('soci', 'overlayfs')
        $report.SessionType | Should -Be 11
        $report.Loaded | Should -Be @('11 in Default', '16 in SociTools')
    }
}

Describe 'The module manifest' {
    BeforeAll {
        $script:tested = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
        $script:module = Get-Module SociTools
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $defined = $module.ImplementingAssembly.GetExportedTypes() |
            Where-Object { $_.IsSubclassOf([System.Management.Automation.Cmdlet]) -and -not $_.IsAbstract } |
            ForEach-Object {
                $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                '{0}-{1}' -f $attribute.VerbName, $attribute.NounName
            }
        @($tested.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
        @((Get-Command -Module SociTools).Name | Sort-Object) | Should -Be @($defined | Sort-Object)
        $tested.ExportedFunctions.Count + $tested.ExportedAliases.Count + $tested.ExportedVariables.Count | Should -Be 0
    }

    It 'names a project page and release notes for the gallery' {
        $tested.ProjectUri.Scheme | Should -Be 'https'
        $tested.ReleaseNotes | Should -Not -BeNullOrEmpty
        $tested.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It 'ships every format file it lists' {
        foreach ($format in @($tested.ExportedFormatFiles)) { $format | Should -Exist }
    }

    It 'ships help that Get-Help finds for every cmdlet' {
        Join-Path $tested.ModuleBase 'en-US/SociTools.dll-Help.xml' | Should -Exist
        foreach ($name in $tested.ExportedCmdlets.Keys) {
            (Get-Help $name).Description | Should -Not -BeNullOrEmpty -Because "$name has MAML help"
        }
    }

    # Pester's Mock and any proxy command declare each parameter's type by name; a type PowerShell cannot name
    # (one in the module's private load context) makes the proxy fail when it is bound.
    It 'declares only parameter types a proxy command (Pester''s Mock) can name: <_>' -ForEach $exportedCmdlets {
        $proxy = [System.Management.Automation.ProxyCommand]::Create([System.Management.Automation.CommandMetadata]::new((Get-Command $_)))
        $typeNames = [scriptblock]::Create($proxy).Ast.FindAll({ $args[0] -is [System.Management.Automation.Language.TypeConstraintAst] }, $true) |
            ForEach-Object { $_.TypeName.FullName } | Sort-Object -Unique
        $typeNames | Should -Not -BeNullOrEmpty
        foreach ($typeName in $typeNames) {
            $typeName -as [type] | Should -Not -BeNullOrEmpty -Because "the proxy of $_ declares [$typeName]"
        }
    }
}

Describe 'Installing SociTools like any module' {
    BeforeAll {
        # A home folder in the test drive for the child processes: their CurrentUser module folder, PSResourceGet's
        # repository list and NuGet's settings live there, so nothing is installed or registered for the real user.
        # (Both folders must exist: .NET names no folder for one that is missing, and NuGet then writes to the
        # current directory.)
        $homeFolder = Join-Path $TestDrive 'home'
        $script:userData = New-Item -ItemType Directory -Path (Join-Path $homeFolder '.local/share')
        $userConfig = New-Item -ItemType Directory -Path (Join-Path $homeFolder '.config')
        $script:repository = Join-Path $TestDrive 'repository'
        $script:isolated = @{ HOME = $homeFolder; XDG_DATA_HOME = $userData.FullName; XDG_CONFIG_HOME = $userConfig.FullName }
        $script:layout = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer (New-TestFileSet)
        $build = Join-Path $PSScriptRoot '../../build.ps1'
        $null = Invoke-FreshPwsh -Environment $isolated -Command "& '$build' -Package -NoBuild -PackagePath '$repository'"
    }

    It 'writes a .nupkg that holds the module with its dependencies folder' {
        $package = Get-ChildItem -Path $repository -Filter 'SociTools.*.nupkg'
        $package | Should -HaveCount 1
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try { $entries = $archive.Entries.FullName } finally { $archive.Dispose() }
        $entries | Should -Contain 'SociTools.psd1'
        $entries | Should -Contain 'SociTools.Loader.dll'
        $entries | Should -Contain 'dependencies/SociTools.Core.dll'
    }

    It 'installs from the folder repository with Install-PSResource, imports by name and indexes an image' {
        $null = Invoke-FreshPwsh -Environment $isolated -Command @"
Register-PSResourceRepository -Name SociToolsTest -Uri '$repository' -Trusted
Install-PSResource -Name SociTools -Repository SociToolsTest -Scope CurrentUser -TrustRepository -Quiet
"@
        $report = Invoke-FreshPwsh -Environment $isolated -Command @"
Import-Module SociTools
`$indexed = @(New-SociIndex -Path '$($layout.Path)' -MinLayerSize 0 | Where-Object { `$_.PSObject.Properties['LayerDigest'] })
[pscustomobject]@{ ModuleBase = (Get-Module SociTools).ModuleBase; Layers = @(`$indexed.LayerDigest) } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json

        $report.ModuleBase | Should -BeLike "$($userData.FullName)*"
        $report.Layers | Should -Be $layout.LayerDigests
    }
}
