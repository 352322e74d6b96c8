#requires -Version 7.2
# Keeps the generated help honest: every exported cmdlet must have real MAML help (not PowerShell's fallback),
# with a syntax block per parameter set, examples, and a description for every parameter; the about topics must exist.
# The help comes from docs/en-US via build/New-MamlHelp.ps1, which the build runs after publishing to out/.

BeforeDiscovery {
    Import-Module "$PSScriptRoot/../out/OpenProspect/OpenProspect.psd1" -Force
    # The pipeline form matters: (nothing).Name would give @($null), one bogus entry, when the module exports nothing.
    $cmdletNames = @(Get-Command -Module OpenProspect -CommandType Cmdlet | ForEach-Object Name)
    $cmdletCases = @($cmdletNames | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module "$PSScriptRoot/../out/OpenProspect/OpenProspect.psd1" -Force
    # Common parameters are documented by about_CommonParameters; WhatIf/Confirm may be documented but need not be.
    $script:notRequired = @([System.Management.Automation.Cmdlet]::CommonParameters) + @('WhatIf', 'Confirm')
}

if ($cmdletNames.Count -eq 0) {
    # Pester 6 rejects an empty -ForEach at discovery; report the real problem instead.
    Describe 'OpenProspect help' {
        It 'the module exports cmdlets' {
            $false | Should -BeTrue -Because 'the module OpenProspect exports no cmdlets, so there is no help to check'
        }
    }
}
else {
    Describe 'Help for <Name>' -ForEach $cmdletCases {
        BeforeAll {
            $help = Get-Help -Name $Name -Full
            $command = Get-Command -Name $Name
        }

        It 'has a synopsis that is not the generated fallback' {
            $synopsis = "$($help.Synopsis)".Trim()
            $synopsis | Should -Not -BeNullOrEmpty
            # Without MAML, Get-Help puts the syntax in the synopsis: "Name [-Optional ...]" or "Name -Mandatory ...".
            $synopsis.StartsWith("$Name [") | Should -BeFalse -Because 'Get-Help shows the syntax as synopsis when no MAML help was found'
            $synopsis.StartsWith("$Name -") | Should -BeFalse -Because 'Get-Help shows the syntax as synopsis when no MAML help was found'
        }

        It 'has a description' {
            (@($help.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty
        }

        It 'has at least 2 examples, each with code' {
            $examples = @($help.examples.example)
            $examples.Count | Should -BeGreaterOrEqual 2
            foreach ($example in $examples) {
                "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            }
        }

        It 'describes every parameter' {
            $documented = @{}
            foreach ($p in @($help.parameters.parameter)) {
                if ($p) { $documented[$p.name] = (@($p.description | ForEach-Object Text) -join '').Trim() }
            }
            $missing = @($command.Parameters.Keys | Where-Object { $_ -notin $script:notRequired -and -not $documented[$_] })
            $missing | Should -BeNullOrEmpty -Because 'each parameter needs a description in the help'
        }

        It 'has one syntax item per parameter set' {
            $items = @($help.syntax.syntaxItem)
            $items.Count | Should -BeGreaterThan 0
            $items.Count | Should -Be $command.ParameterSets.Count
        }
    }
}

Describe 'About topics' {
    It '<Topic> is found and has text' -ForEach @(
        @{ Topic = 'about_OpenProspect' }
        @{ Topic = 'about_OpenProspect_Authentication' }
    ) {
        $text = Get-Help -Name $Topic -ErrorAction Stop | Out-String
        $text.Length | Should -BeGreaterThan 500
    }
}
