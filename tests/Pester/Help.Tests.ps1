# Get-Help for the module: about_SociTools and each cmdlet's help as a user reads it.
# (HelpMetadataTests in the xunit suite compares each help file with the cmdlet's parameters, sets and types.)
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools
    $cmdlets = @(Get-Command -Module SociTools -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/SociToolsTestSupport.psm1') -Force
    Import-SociTools
}

Describe 'about_SociTools' {
    BeforeAll { $script:about = Get-Help about_SociTools | Out-String -Width 120 }

    It 'is found by Get-Help once the module is imported' {
        $about | Should -Match 'TOPIC\s+about_SociTools'
        (Get-Help about_SociTools | Out-String).Trim() | Should -Be (Get-Content -Raw (Join-Path (Split-Path (Get-Module SociTools).Path) 'en-US/about_SociTools.help.txt')).Trim()
    }

    It 'walks through the lazy-loading flow with the cmdlets, in order' {
        $flow = 'New-SociIndex -Path', 'Push-SociImage -Path', 'Get-SociIndex -Image', 'Enable-SociSnapshotter -Default -Restart', 'Invoke-SociRun'
        $positions = $flow | ForEach-Object { $about.IndexOf($_) }
        $positions | Should -Not -Contain -1
        $positions | Should -Be ($positions | Sort-Object)
    }

    It 'explains how to read a failed lazy load, v1 against v2, and which version Finch and Fargate read' {
        $about | Should -Match 'READING A FAILED LAZY LOAD'
        $about | Should -Match 'deferring to container runtime'
        $about | Should -Match 'LayersFetchedInFull'
        $about | Should -Match 'V1 AND V2 INDEXES'
        $about | Should -Match 'com\.amazon\.soci\.index-digest'
        $about | Should -Match 'WHICH VERSION FINCH AND FARGATE READ'
        $about | Should -Match 'v2 on, v1 off'
        $about | Should -Match 'Fargate: reads v2'
    }

    It 'names only SociTools cmdlets that exist' {
        $named = [regex]::Matches($about, '\b(\w+-(?:Soci|Finch)\w+)\b') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $exported = (Get-Command -Module SociTools).Name
        $named | Where-Object { $exported -notcontains $_ } | Should -BeNullOrEmpty
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help -Name $Name -Full
        $script:text = $help | Out-String -Width 200
    }

    It 'has at least two examples, each valid PowerShell that uses the cmdlet' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($example.code, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because "this example must parse: $($example.code)"
        }
        ($examples.code -join "`n") | Should -Match ([regex]::Escape($Name))
    }

    It 'shows INPUTS, OUTPUTS with the types the cmdlet emits, and related links with -Full' {
        $text | Should -Match 'INPUTS'
        $text | Should -Match 'OUTPUTS'
        foreach ($type in (Get-Command $Name).OutputType.Type.FullName) { $text | Should -Match ([regex]::Escape($type)) }
        $text | Should -Match 'RELATED LINKS\s+(.+\s+)*about_SociTools'
    }

    It 'links only to help that exists' {
        foreach ($link in $help.relatedLinks.navigationLink.linkText) {
            { Get-Help -Name $link -ErrorAction Stop } | Should -Not -Throw -Because "$Name links to $link"
        }
    }
}
