#requires -Version 7.2
# Keeps the generated help honest: every exported cmdlet must have real MAML help (not PowerShell's fallback),
# with a syntax block per parameter set, examples, and a description for every parameter; the about topics must exist.
# The help comes from docs/en-US via build/New-MamlHelp.ps1, which the build runs after publishing to out/.
param(
    # The defaults are the project's; pass others with New-PesterContainer -Data to try the test on another module.
    [string] $ModuleName = 'OpenProspect',
    [string] $ManifestPath = "$PSScriptRoot/../out/OpenProspect/OpenProspect.psd1",
    [string[]] $AboutTopics = @('about_OpenProspect', 'about_OpenProspect_Authentication', 'about_OpenProspect_Errors', 'about_OpenProspect_Sync', 'about_OpenProspect_Compatibility')
)

BeforeDiscovery {
    # The build imports the freshly built module before running the tests; import it only when run on its own.
    if (-not (Get-Module -Name $ModuleName)) { Import-Module $ManifestPath }
    # The pipeline form matters: (nothing).Name would give @($null), one bogus entry, when the module exports nothing.
    $cmdletCases = @(Get-Command -Module $ModuleName -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $aboutCases = @($AboutTopics | ForEach-Object { @{ Topic = $_ } })
}

BeforeAll {
    if (-not (Get-Module -Name $ModuleName)) { Import-Module $ManifestPath }
    # Documented by about_CommonParameters. WhatIf and Confirm are not in this list: like platyPS, our help documents them.
    $script:commonNames = [System.Management.Automation.Cmdlet]::CommonParameters
}

if ($cmdletCases.Count -eq 0) {
    # An empty -ForEach would silently test nothing (Pester 5) or fail discovery (Pester 6); say what is wrong instead.
    Describe "$ModuleName help" {
        It 'the module exports cmdlets' {
            $false | Should -BeTrue -Because "the module $ModuleName exports no cmdlets, so there is no help to check"
        }
    }
}
else {
    Describe 'Help for <Name>' -ForEach $cmdletCases {
        BeforeAll {
            $help = Get-Help -Name $Name -Full
            $command = Get-Command -Name $Name
            $ownParameters = @($command.Parameters.Keys | Where-Object { $_ -notin $script:commonNames })
        }

        It 'has a synopsis that is not the syntax fallback' {
            $synopsis = ("$($help.Synopsis)" -replace '\s+', ' ').Trim()
            $synopsis | Should -Not -BeNullOrEmpty
            # Without MAML help, Get-Help shows the cmdlet's syntax as its synopsis.
            $syntax = ((Get-Command -Name $Name -Syntax) -replace '\s+', ' ').Trim()
            $synopsis | Should -Not -Be $syntax -Because 'Get-Help falls back to the syntax when no MAML help was found'
            $synopsis | Should -Not -Match "^$([regex]::Escape($Name)) +[-\[]" -Because 'a synopsis is a sentence, not a syntax line'
        }

        It 'has a description' {
            (@($help.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty
        }

        It 'has at least 2 examples, each with code' {
            $examples = @($help.examples.example | Where-Object { $_ })
            $examples.Count | Should -BeGreaterOrEqual 2
            foreach ($example in $examples) {
                "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title.Trim(' -')) needs code"
            }
        }

        It 'describes every parameter' {
            $described = @{}
            foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) {
                $described[$p.name] = (@($p.description | ForEach-Object Text) -join '').Trim()
            }
            $missing = @($ownParameters | Where-Object { -not $described[$_] })
            $missing | Should -BeNullOrEmpty -Because 'each parameter needs a description in the help'
        }

        It 'has one syntax item per parameter set, with that set''s parameters' {
            $items = @($help.syntax.syntaxItem | Where-Object { $_ })
            $items.Count | Should -BeGreaterThan 0
            $items.Count | Should -Be $command.ParameterSets.Count
            # The generator writes the sets in Get-Command's order; a stale help file would list other parameters.
            for ($i = 0; $i -lt $items.Count; $i++) {
                $expected = @($command.ParameterSets[$i].Parameters.Name | Where-Object { $_ -notin $script:commonNames } | Sort-Object)
                $actual = @($items[$i].parameter | Where-Object { $_ } | ForEach-Object name | Sort-Object)
                $actual -join ' ' | Should -Be ($expected -join ' ') -Because "syntax item $($i + 1) is parameter set $($command.ParameterSets[$i].Name)"
            }
        }
    }
}

Describe 'About topics' {
    It '<Topic> is found and has text' -ForEach $aboutCases {
        $text = Get-Help -Name $Topic -ErrorAction Stop | Out-String
        $text.Trim() | Should -Not -BeNullOrEmpty
        $text | Should -Match 'SHORT DESCRIPTION' -Because 'the topic is the converted about markdown'
    }
}
