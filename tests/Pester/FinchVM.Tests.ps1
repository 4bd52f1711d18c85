# Get-FinchVM, Start-FinchVM and Stop-FinchVM against the test-double finch (tests/Doubles/finch), which answers
# `finch vm` with Finch 1.18's messages and exit codes and records every call. Acting as Finch on macOS, which has a VM.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/FinchDouble.psm1') -Force
    Import-SociTools
    $script:kindBefore = Set-FinchHostKind macOS

    # A finch double of each test's own, its VM nonexistent until the test says otherwise.
    function New-TestFinch { New-FinchDouble -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))) }
}

AfterAll {
    $null = Set-FinchHostKind $kindBefore
}

Describe 'Get-FinchVM' {
    BeforeEach { $finch = New-TestFinch }

    It 'returns the state as a SociTools.FinchVM from finch vm status' {
        Set-FinchDoubleVmState -Double $finch -State Stopped

        $vm = Get-FinchVM -FinchPath $finch.Executable

        $vm.PSObject.TypeNames[0] | Should -Be 'SociTools.FinchVM'
        $vm.State | Should -Be 'Stopped'
        $vm.Kind | Should -Be 'MacOS'
        $vm.FinchPath | Should -Be $finch.Executable
        $vm.Message | Should -Match 'Start-FinchVM starts it'
        $finch.Calls | Should -Be @('vm status')
    }

    It 'finds finch through SOCITOOLS_FINCH when no -FinchPath is given' {
        $before = $env:SOCITOOLS_FINCH
        try {
            $env:SOCITOOLS_FINCH = $finch.Executable
            (Get-FinchVM).State | Should -Be 'Nonexistent'
        }
        finally { $env:SOCITOOLS_FINCH = $before }
    }

    It 'shows the VM name and state when printed' {
        Set-FinchDoubleVmState -Double $finch -State Running

        Get-FinchVM -FinchPath $finch.Executable | Out-String | Should -Match 'Running'
    }

    It 'stops with FinchNotInstalled when the finch named does not exist' {
        $missing = Join-Path $TestDrive 'no-such/finch'

        { Get-FinchVM -FinchPath $missing -ErrorAction Stop } | Should -Throw -ErrorId 'FinchNotInstalled,*' -ExpectedMessage "*$missing*"
    }

    It 'stops with FinchVmStatusUnknown for a Lima state finch cannot name' {
        Set-FinchDoubleVmState -Double $finch -State Broken

        { Get-FinchVM -FinchPath $finch.Executable -ErrorAction Stop } | Should -Throw -ErrorId 'FinchVmStatusUnknown,*'
    }
}

Describe 'Start-FinchVM' {
    BeforeEach { $finch = New-TestFinch }

    It 'creates and starts a nonexistent VM with finch vm init' {
        $vm = Start-FinchVM -FinchPath $finch.Executable -PassThru

        $vm.State | Should -Be 'Running'
        $vm.Changed | Should -BeTrue
        $vm.Message | Should -Be 'Created and started the Finch virtual machine.'
        $finch.Calls | Should -Contain 'vm init'
        $finch.Calls | Should -Not -Contain 'vm start'
    }

    It 'starts a stopped VM with finch vm start and emits nothing without -PassThru' {
        Set-FinchDoubleVmState -Double $finch -State Stopped

        $output = Start-FinchVM -FinchPath $finch.Executable

        $output | Should -BeNullOrEmpty
        $finch.VmState | Should -Be 'Running'
        $finch.Calls | Should -Contain 'vm start'
    }

    It 'leaves a running VM alone' {
        Set-FinchDoubleVmState -Double $finch -State Running

        $vm = Start-FinchVM -FinchPath $finch.Executable -PassThru

        $vm.Changed | Should -BeFalse
        $finch.Calls | Should -Not -Contain 'vm start'
    }

    It '-WhatIf reads the state but starts nothing' {
        Set-FinchDoubleVmState -Double $finch -State Stopped

        Start-FinchVM -FinchPath $finch.Executable -WhatIf

        $finch.VmState | Should -Be 'Stopped'
        $finch.Calls | Should -Be @('vm status')
    }

    It 'stops with FinchVmFailed and Lima''s log when Lima fails to start the VM' {
        Set-FinchDoubleVmState -Double $finch -State Stopped
        Set-FinchDoubleLimaFailure -Double $finch -Command start -ExitCode 3 -LimaOutput 'level=fatal msg="exiting, status={Running:false}"'

        { Start-FinchVM -FinchPath $finch.Executable -ErrorAction Stop } |
            Should -Throw -ErrorId 'FinchVmFailed,*' -ExpectedMessage "*'finch vm start' failed with exit code 3*"
        $finch.VmState | Should -Be 'Stopped'
    }

    It 'refuses a zero -Timeout with InvalidArgument before finch runs' {
        { Start-FinchVM -FinchPath $finch.Executable -Wait -Timeout 0 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,*'
        $finch.Calls | Should -BeNullOrEmpty
    }
}

Describe 'Stop-FinchVM' {
    BeforeEach { $finch = New-TestFinch }

    It 'stops a running VM and says so with -PassThru' {
        Set-FinchDoubleVmState -Double $finch -State Running

        $vm = Stop-FinchVM -FinchPath $finch.Executable -PassThru -Confirm:$false

        $vm.State | Should -Be 'Stopped'
        $vm.Changed | Should -BeTrue
        $finch.Calls | Should -Contain 'vm stop'
    }

    It 'leaves a VM that does not run alone' {
        Set-FinchDoubleVmState -Double $finch -State Stopped

        Stop-FinchVM -FinchPath $finch.Executable

        $finch.Calls | Should -Be @('vm status')
    }

    It '-Force sends finch''s force flag, even for a state finch cannot name' {
        Set-FinchDoubleVmState -Double $finch -State Broken

        Stop-FinchVM -FinchPath $finch.Executable -Force -Confirm:$false

        $finch.Calls | Should -Contain 'vm stop --force'
        $finch.VmState | Should -Be 'Stopped'
    }

    It '-WhatIf stops nothing' {
        Set-FinchDoubleVmState -Double $finch -State Running

        Stop-FinchVM -FinchPath $finch.Executable -WhatIf

        $finch.VmState | Should -Be 'Running'
        $finch.Calls | Should -Not -Contain 'vm stop'
    }
}
