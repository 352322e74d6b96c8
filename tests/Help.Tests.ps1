#requires -Version 7.2
# Keeps the help honest: every exported cmdlet must have real MAML help (not PowerShell's fallback), with examples
# and a description for every parameter, and its markdown's SYNTAX section must list exactly the compiled cmdlet's
# parameter sets; the about topics must exist. The MAML comes from docs/en-US via build/New-MamlHelp.ps1, which the
# build runs after publishing to out/ (it takes syntax from Get-Command, so only the markdown can go stale).
param(
    # The defaults are the project's; pass others with New-PesterContainer -Data to try the test on another module.
    [string] $ModuleName = 'OpenProspect',
    [string] $ManifestPath = "$PSScriptRoot/../out/OpenProspect/OpenProspect.psd1",
    [string] $DocsPath = "$PSScriptRoot/../docs/en-US",
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

    # The ## SYNTAX section of a platyPS markdown file: one entry per '### SetName [(Default)]' heading with the
    # fenced syntax line under it and the parameter names that line lists (-Name tokens, not <CommonParameters>).
    function Get-MarkdownSyntax([string] $Path) {
        $text = (Get-Content -Raw -LiteralPath $Path) -replace "`r`n", "`n"
        $section = [regex]::Match($text, '(?ms)^## SYNTAX[ \t]*\n(.*?)(?=^## |\z)').Groups[1].Value
        foreach ($m in [regex]::Matches($section, '(?ms)^### +(\S+)( +\(Default\))?[ \t]*\n+```[^\n]*\n(.*?)^```')) {
            $line = ($m.Groups[3].Value -replace '\s+', ' ').Trim()
            [pscustomobject]@{
                SetName   = $m.Groups[1].Value
                IsDefault = $m.Groups[2].Success
                Line      = $line
                Names     = @([regex]::Matches($line, '(?<=[\s\[])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object)
            }
        }
    }
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

        It 'has a SYNTAX section in its markdown whose every line is a parameter set of the compiled cmdlet' {
            # The generator takes the MAML syntax from Get-Command, so the markdown is the only place it can be stale.
            $mdPath = Join-Path $DocsPath "$Name.md"
            Test-Path -LiteralPath $mdPath | Should -BeTrue -Because "$Name needs $mdPath"
            $blocks = @(Get-MarkdownSyntax $mdPath)
            $blocks.Count | Should -BeGreaterThan 0 -Because "$Name.md needs a '### <set name>' heading and a syntax line per parameter set"
            $sets = @{}
            foreach ($set in $command.ParameterSets) {
                $sets[$set.Name] = @($set.Parameters.Name | Where-Object { $_ -notin $script:commonNames } | Sort-Object) -join ' '
            }
            foreach ($block in $blocks) {
                $block.Line | Should -Match "^$([regex]::Escape($Name))(\s|$)" -Because "the syntax line under '### $($block.SetName)' starts with the cmdlet's name"
                $sets.Keys | Should -Contain $block.SetName -Because "$Name.md has a syntax block '### $($block.SetName)', so the cmdlet needs that parameter set"
                $block.Names -join ' ' | Should -Be $sets[$block.SetName] -Because "the syntax line of set $($block.SetName) in $Name.md lists that set's parameters"
            }
            @($blocks | ForEach-Object SetName | Sort-Object) -join ', ' | Should -Be (@($sets.Keys | Sort-Object) -join ', ') -Because "$Name.md has one syntax block per parameter set"
            $marked = @($blocks | Where-Object IsDefault | ForEach-Object SetName)
            $expectedDefault = if ($command.ParameterSets.Count -gt 1) { @($command.ParameterSets | Where-Object IsDefault | ForEach-Object Name) } else { @() }
            $marked -join ', ' | Should -Be ($expectedDefault -join ', ') -Because "(Default) marks the cmdlet's default parameter set"
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
