# How to test your own scripts that call SociTools: mock the SociTools cmdlet inside your module with
# Mock -ModuleName, assert the call with Should -Invoke, and let SociTools' error ids through. The last test runs the
# same function against a real registry, so the mocked result has the shape the real one has.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools  # in your own tests: Import-Module SociTools
    Import-Module (Join-Path $PSScriptRoot 'Examples/DeployApp.psm1') -Force
}

Describe 'Publish-AppImage with Push-SociImage mocked' {
    It 'pushes the layout to the app repository and returns the index digest' {
        Mock -CommandName Push-SociImage -ModuleName DeployApp -MockWith {
            [SociTools.SociPushResult]@{ Destination = $Destination; IndexVersion = 'V2'; IndexDigests = [string[]]@("sha256:$('a' * 64)") }
        }

        $digest = Publish-AppImage -Layout ./app-layout -Registry 127.0.0.1:5000 -Tag 1.0

        $digest | Should -Be "sha256:$('a' * 64)"
        Should -Invoke -CommandName Push-SociImage -ModuleName DeployApp -Times 1 -Exactly -ParameterFilter {
            $Path -eq './app-layout' -and $Destination -eq '127.0.0.1:5000/app:1.0'
        }
    }

    It 'stops with SociTools'' error id when the registry refuses the push' {
        Mock -CommandName Push-SociImage -ModuleName DeployApp -MockWith {
            throw [System.Management.Automation.ErrorRecord]::new(
                [System.Exception]::new('127.0.0.1:5000 refused the credentials (401).'), 'RegistryUnauthorized,SociTools.Commands.PushSociImageCommand',
                [System.Management.Automation.ErrorCategory]::AuthenticationError, $Destination)
        }

        { Publish-AppImage -Layout ./app-layout -Registry 127.0.0.1:5000 } | Should -Throw -ErrorId 'RegistryUnauthorized,*'
    }
}

Describe 'Publish-AppImage against a real registry' {
    BeforeAll {
        $registry = Start-TestRegistry -Folder (Join-Path $TestDrive 'registry')
    }
    AfterAll {
        if ($registry) { Stop-TestRegistry $registry }
    }

    It 'returns the digest of the index Get-SociIndex finds for the pushed image' {
        $layout = New-TestImageLayout -Path (Join-Path $TestDrive 'layout') -Layer (New-TestFileSet -LargeMiB 12 -Seed 51)

        $digest = Publish-AppImage -Layout $layout.Path -Registry $registry.Host -Tag 1.0

        $digest | Should -Match '^sha256:[0-9a-f]{64}$'
        (Get-SociIndex -Image "$($registry.Host)/app:1.0").Digest | Should -Be $digest
    }
}
