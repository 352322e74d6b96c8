#requires -Version 7.2
<#
.SYNOPSIS
    Generates the module's MAML help file and about_*.help.txt topics from the platyPS-schema markdown in docs/.
.DESCRIPTION
    platyPS cannot be installed on the build machines, so this script does the part of its job the build needs.
    Text (synopsis, descriptions, examples, notes, links) comes from the markdown; everything the cmdlet itself
    knows (syntax, types, mandatory, position, pipeline input, aliases, ValidateSet values) comes from Get-Command,
    so the help can never disagree with the compiled cmdlet. The ## SYNTAX blocks of the markdown are ignored here
    (tests/Help.Tests.ps1 checks them against the cmdlets). A missing synopsis, description, example or parameter
    description fails the run (exit 1), naming each cmdlet and what it lacks.
    Run it in a fresh pwsh: importing a binary module loads its assembly for the rest of the process.
#>
param(
    [Parameter(Mandatory)][string] $ModuleManifest,
    [Parameter(Mandatory)][string] $DocsPath,
    [Parameter(Mandatory)][string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
# Common parameters never get their own help entries; WhatIf/Confirm do (platyPS documents them too).
$CommonNames = [System.Management.Automation.Cmdlet]::CommonParameters
$ShouldProcessNames = @('WhatIf', 'Confirm')

# Markdown reading -------------------------------------------------------------------------------------

# Reads a platyPS/about markdown file into a flat list of sections @{ Level; Title; Blocks }.
# Blocks are @{ Kind = 'para'|'code'; Text; IsList = $false|'bullet'|'ordered' }. Headings inside code fences are not headings.
function Read-MarkdownSections([string] $Path) {
    $lines = [System.IO.File]::ReadAllLines($Path)
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        # YAML front matter: nothing in it is used, but it must be closed or the file is malformed.
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i] -ne '---') { $i++ }
        if ($i -ge $lines.Count) { throw "${Path}: YAML front matter is not closed with '---'." }
        $i++
    }
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Level = 0; Title = ''; Blocks = [System.Collections.Generic.List[object]]::new() }
    $sections.Add($current)
    $para = $null
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*(```|~~~)') {
            $fence = $Matches[1]; $start = $i + 1; $code = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch "^\s*$fence\s*$"; $i++) { $code.Add($lines[$i]) }
            if ($i -ge $lines.Count) { throw "${Path}: code fence opened on line $start is never closed." }
            $current.Blocks.Add([pscustomobject]@{ Kind = 'code'; Text = ($code -join "`n"); IsList = $false }); $para = $null
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            $current = [pscustomobject]@{ Level = $Matches[1].Length; Title = $Matches[2]; Blocks = [System.Collections.Generic.List[object]]::new() }
            $sections.Add($current); $para = $null
        }
        elseif ($line -match '^\s*$') { $para = $null }
        elseif ($null -eq $para -and $line -match '^(    |\t)') {
            # Indented code block (used by the about topics); consecutive indented lines, blank lines inside kept.
            $code = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $lines.Count -and ($lines[$i] -match '^(    |\t)' -or
                    ($lines[$i] -match '^\s*$' -and $i + 1 -lt $lines.Count -and $lines[$i + 1] -match '^(    |\t)'))) {
                $code.Add(($lines[$i] -replace '^(    |\t)', '')); $i++
            }
            $i--
            $current.Blocks.Add([pscustomobject]@{ Kind = 'code'; Text = ($code -join "`n"); IsList = $false })
        }
        elseif ($line -match '^\s*([-*+]|\d+\.)\s+') {
            # Each list item is its own paragraph so that Get-Help and the text topics keep one line per item.
            $kind = if ($Matches[1] -match '\d') { 'ordered' } else { 'bullet' }
            $para = [pscustomobject]@{ Kind = 'para'; Text = $line.Trim(); IsList = $kind }; $current.Blocks.Add($para)
        }
        elseif ($null -ne $para) { $para.Text += ' ' + $line.Trim() }
        else { $para = [pscustomobject]@{ Kind = 'para'; Text = $line.Trim(); IsList = $false }; $current.Blocks.Add($para) }
    }
    return $sections
}

# Removes inline markdown that would show up literally in Get-Help: links, bold, code spans, escapes.
function ConvertTo-PlainText([string] $Text) {
    $t = $Text -replace '!?\[([^\]]*)\]\([^)]*\)', '$1'        # [text](target) -> text
    $t = $t -replace '<(https?://[^>\s]+)>', '$1'               # <http://x> autolinks
    $t = $t -replace '(\*\*|__)(.+?)\1', '$2'                    # bold
    $t = $t -replace '`+([^`]*?)`+', '$1'                       # code spans
    return ($t -replace '\\([\\`*_{}\[\]()#+\-.!<>])', '$1')      # backslash escapes
}

# The sections below the level-2 heading $Title, up to the next level-1/2 heading.
function Get-SubSections($Sections, [string] $Title) {
    $start = -1
    for ($k = 0; $k -lt $Sections.Count; $k++) { if ($Sections[$k].Level -eq 2 -and $Sections[$k].Title -eq $Title) { $start = $k; break } }
    if ($start -lt 0) { return , @() }
    $result = @(); for ($k = $start + 1; $k -lt $Sections.Count -and $Sections[$k].Level -gt 2; $k++) { $result += $Sections[$k] }
    return , $result
}
function Get-SectionBlocks($Sections, [string] $Title) {
    return , @($Sections | Where-Object { $_.Level -eq 2 -and $_.Title -eq $Title } | Select-Object -First 1 | ForEach-Object { $_.Blocks })
}
# Paragraphs of a prose section. A code block in it (rare outside EXAMPLES) is kept verbatim as its own paragraph
# rather than lost; not indented, because Get-Help strips the first line's indent and the lines would no longer align.
function Get-Paragraphs($Blocks) {
    return , @($Blocks | ForEach-Object { if ($_.Kind -eq 'para') { ConvertTo-PlainText $_.Text } else { $_.Text } })
}

# MAML writing -----------------------------------------------------------------------------------------

# What the help of each cmdlet lacks; any gap fails the build once every cmdlet has been looked at, so one run
# names them all.
$HelpGaps = [System.Collections.Generic.List[string]]::new()
function Add-HelpGap([string] $Cmdlet, [string] $What) { $HelpGaps.Add("${Cmdlet}: $What") }

function Write-El($W, [string] $Prefix, [string] $Name, [string] $Text) {
    $W.WriteStartElement($Prefix, $Name, $Ns[$Prefix]); $W.WriteString($Text); $W.WriteEndElement()
}
function Write-Description($W, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', 'description', $Ns.maml)
    foreach ($p in $Paragraphs) { Write-El $W 'maml' 'para' $p }
    $W.WriteEndElement()
}
# Short names as Get-Command shows them: Nullable<Int32> reads Int32, arrays keep [].
function Get-TypeDisplayName([type] $Type) {
    $u = [Nullable]::GetUnderlyingType($Type); if ($u) { $Type = $u }
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) { return ($Type.Name -replace '`\d+$') + '[' + ((@($Type.GetGenericArguments() | ForEach-Object { Get-TypeDisplayName $_ })) -join ',') + ']' }
    return $Type.Name
}
function Get-PipelineText([bool] $ByValue, [bool] $ByName) {
    $kinds = @(); if ($ByValue) { $kinds += 'ByValue' }; if ($ByName) { $kinds += 'ByPropertyName' }
    if ($kinds) { return "True ($($kinds -join ', '))" } else { return 'False' }
}
function Get-ValidValues($Info) {
    $set = $Info.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return , @($set.ValidValues) }
    $t = [Nullable]::GetUnderlyingType($Info.ParameterType) ?? $Info.ParameterType
    if ($t.IsEnum) { return , @([Enum]::GetNames($t)) }      # Get-Command shows enum values the same way
    return , @()
}

# One <command:parameter>. $P is @{ Name; Type; Required; Position; Pipeline; Globbing; Aliases; Values; Description; Default }.
function Write-Parameter($W, $P, [bool] $InSyntax) {
    $isSwitch = $P.Type -eq [System.Management.Automation.SwitchParameter]
    $W.WriteStartElement('command', 'parameter', $Ns.command)
    $W.WriteAttributeString('required', $P.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $P.Type.IsArray.ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $P.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $P.Pipeline)
    $W.WriteAttributeString('position', $P.Position)
    $W.WriteAttributeString('aliases', $(if ($P.Aliases) { $P.Aliases -join ', ' } else { 'none' }))
    Write-El $W 'maml' 'name' $P.Name
    if (-not $InSyntax) { Write-Description $W $P.Description }
    if ($P.Values.Count -gt 0) {
        $W.WriteStartElement('command', 'parameterValueGroup', $Ns.command)
        foreach ($v in $P.Values) {
            $W.WriteStartElement('command', 'parameterValue', $Ns.command)
            $W.WriteAttributeString('required', 'false'); $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    # In the syntax a switch has no value (Get-Help then prints [-Name]); in the parameter list it shows its type.
    if (-not ($isSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $Ns.command)
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', $P.Type.IsArray.ToString().ToLowerInvariant())
        $W.WriteString((Get-TypeDisplayName $P.Type)); $W.WriteEndElement()
    }
    $typeName = ([Nullable]::GetUnderlyingType($P.Type) ?? $P.Type).ToString()    # FullName of a generic is assembly-qualified
    $W.WriteStartElement('dev', 'type', $Ns.dev); Write-El $W 'maml' 'name' $typeName; $W.WriteEndElement()
    Write-El $W 'dev' 'defaultValue' $P.Default
    $W.WriteEndElement()
}

# Parameter facts of one parameter set, in the order Get-Command's syntax uses:
# positional by position, then named mandatory, then named optional, WhatIf/Confirm last.
function Get-SetParameters($Set) {
    $ps = @($Set.Parameters | Where-Object { $_.Name -notin $CommonNames })
    $order = { if ($_.Name -in $ShouldProcessNames) { 3 } elseif ($_.Position -ge 0) { 0 } elseif ($_.IsMandatory) { 1 } else { 2 } }
    $ps = $ps | Sort-Object -Stable -Property $order, @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { 0 } } }
    foreach ($p in $ps) {
        [pscustomobject]@{ Name = $p.Name; Type = $p.ParameterType; Required = $p.IsMandatory
            Position = $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' })
            Pipeline = Get-PipelineText $p.ValueFromPipeline $p.ValueFromPipelineByPropertyName
            Globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            Aliases = @($p.Aliases); Values = (Get-ValidValues $p); Description = @(); Default = '' }
    }
}

# Parameter facts merged over all sets, for the PARAMETERS section. A parameter is shown as required only when it
# is mandatory in every set it belongs to; pipeline input is the union, position the first positional one.
function Get-MergedParameters($Command, $DocParams) {
    $all = @($Command.ParameterSets | ForEach-Object { Get-SetParameters $_ })
    $allNames = @($all | ForEach-Object Name | Select-Object -Unique)   # member access would fail on an empty list under StrictMode
    $names = @($DocParams.Keys | Where-Object { $_ -in $allNames }) + @($allNames | Where-Object { $_ -notin $DocParams.Keys })
    foreach ($n in $names) {
        $entries = @($all | Where-Object Name -eq $n); $m = $entries[0].psobject.Copy()
        $m.Required = -not ($entries | Where-Object { -not $_.Required })
        $m.Position = ($entries | Where-Object Position -ne 'named' | Select-Object -First 1)?.Position ?? 'named'
        $m.Pipeline = Get-PipelineText ([bool]($entries.Pipeline -match 'ByValue')) ([bool]($entries.Pipeline -match 'ByPropertyName'))
        if ($DocParams.Contains($n)) { $m.Description = $DocParams[$n].Description; $m.Default = $DocParams[$n].Default }
        $m
    }
}

# The ### -Name sections: description paragraphs, and the default value from the yaml block (metadata has none).
function Get-DocParameters($Sections) {
    $map = [ordered]@{}
    foreach ($s in (Get-SubSections $Sections 'PARAMETERS')) {
        if ($s.Title -notmatch '^-(\S+)') { continue }
        $name = $Matches[1]
        $yaml = $s.Blocks | Where-Object { $_.Kind -eq 'code' -and $_.Text -match '(?m)^(Type|Parameter Sets):' } | Select-Object -First 1
        $default = if ($yaml -and $yaml.Text -match '(?m)^Default value:[ \t]*(.*)$') { $Matches[1].Trim() } else { '' }
        $prose = @($s.Blocks | Where-Object { -not [object]::ReferenceEquals($_, $yaml) })    # the yaml block is metadata
        $map[$name] = @{ Description = (Get-Paragraphs $prose); Default = $default }
    }
    return $map
}

function Write-TypeList($W, [string] $Outer, [string] $Inner, $Sections) {
    $W.WriteStartElement('command', $Outer, $Ns.command)
    foreach ($s in $Sections) {
        $W.WriteStartElement('command', $Inner, $Ns.command)
        $W.WriteStartElement('dev', 'type', $Ns.dev); Write-El $W 'maml' 'name' (ConvertTo-PlainText $s.Title); $W.WriteEndElement()
        Write-Description $W (Get-Paragraphs $s.Blocks)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Examples($W, $Sections) {
    $W.WriteStartElement('command', 'examples', $Ns.command)
    foreach ($s in $Sections) {
        $W.WriteStartElement('command', 'example', $Ns.command)
        Write-El $W 'maml' 'title' "-------------------------- $(ConvertTo-PlainText $s.Title) --------------------------"
        Write-El $W 'dev' 'code' ((@($s.Blocks | Where-Object Kind -eq 'code').Text) -join "`n`n")
        $W.WriteStartElement('dev', 'remarks', $Ns.dev)
        foreach ($p in (Get-Paragraphs @($s.Blocks | Where-Object Kind -eq 'para'))) { Write-El $W 'maml' 'para' $p }
        $W.WriteEndElement(); $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-RelatedLinks($W, $Blocks) {
    $W.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($b in ($Blocks | Where-Object Kind -eq 'para')) {
        foreach ($m in [regex]::Matches($b.Text, '\[([^\]]+)\]\(([^)]*)\)|^[-*]?\s*(.+)$')) {
            $text = if ($m.Groups[1].Success) { $m.Groups[1].Value } else { $m.Groups[3].Value.Trim() }
            # Relative links (other .md files) mean nothing to Get-Help; only web addresses are kept as URIs.
            $uri = if ($m.Groups[2].Value -match '^https?://') { $m.Groups[2].Value } else { '' }
            $W.WriteStartElement('maml', 'navigationLink', $Ns.maml)
            Write-El $W 'maml' 'linkText' $text; Write-El $W 'maml' 'uri' $uri; $W.WriteEndElement()
        }
    }
    $W.WriteEndElement()
}

function Write-CommandHelp($W, $Command, $Sections) {
    $file = "$($Command.Name).md"
    $synopsis = Get-Paragraphs (Get-SectionBlocks $Sections 'SYNOPSIS')
    $description = Get-Paragraphs (Get-SectionBlocks $Sections 'DESCRIPTION')
    $examples = Get-SubSections $Sections 'EXAMPLES'
    $docParams = Get-DocParameters $Sections
    $name = $Command.Name
    if (-not ($synopsis -join '').Trim()) { Add-HelpGap $name "has no synopsis (## SYNOPSIS in $file is empty)" }
    if (-not ($description -join '').Trim()) { Add-HelpGap $name "has no description (## DESCRIPTION in $file is empty)" }
    if ($examples.Count -lt 2) { Add-HelpGap $name "has $($examples.Count) example(s) in $file; at least 2 are needed" }
    foreach ($e in $examples) {
        if (-not @($e.Blocks | Where-Object Kind -eq 'code').Count) { Add-HelpGap $name "example '$($e.Title)' in $file has no code block" }
    }
    $real = @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonNames })
    foreach ($n in $real) {
        if (-not $docParams.Contains($n)) { Add-HelpGap $name "parameter -$n has no '### -$n' section in $file" }
        elseif (-not ($docParams[$n].Description -join '').Trim()) { Add-HelpGap $name "parameter -$n has no description in $file" }
    }
    foreach ($n in $docParams.Keys) { if (-not $Command.Parameters.ContainsKey($n)) { Add-HelpGap $name "$file documents -$n, which the cmdlet does not have" } }

    $W.WriteStartElement('command', 'command', $Ns.command)
    $W.WriteStartElement('command', 'details', $Ns.command)
    Write-El $W 'command' 'name' $Command.Name
    Write-Description $W $synopsis
    Write-El $W 'command' 'verb' $Command.Verb
    Write-El $W 'command' 'noun' $Command.Noun
    $W.WriteEndElement()
    Write-Description $W $description
    $W.WriteStartElement('command', 'syntax', $Ns.command)
    foreach ($set in $Command.ParameterSets) {
        $W.WriteStartElement('command', 'syntaxItem', $Ns.command)
        Write-El $W 'maml' 'name' $Command.Name
        foreach ($p in (Get-SetParameters $set)) { Write-Parameter $W $p $true }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
    $W.WriteStartElement('command', 'parameters', $Ns.command)
    foreach ($p in (Get-MergedParameters $Command $docParams)) { Write-Parameter $W $p $false }
    $W.WriteEndElement()
    Write-TypeList $W 'inputTypes' 'inputType' (Get-SubSections $Sections 'INPUTS')
    Write-TypeList $W 'returnValues' 'returnValue' (Get-SubSections $Sections 'OUTPUTS')
    $notes = Get-Paragraphs (Get-SectionBlocks $Sections 'NOTES')
    if ($notes.Count) {   # an empty alertSet would still print a NOTES heading
        $W.WriteStartElement('maml', 'alertSet', $Ns.maml); $W.WriteStartElement('maml', 'alert', $Ns.maml)
        foreach ($p in $notes) { Write-El $W 'maml' 'para' $p }
        $W.WriteEndElement(); $W.WriteEndElement()
    }
    Write-Examples $W $examples
    Write-RelatedLinks $W (Get-SectionBlocks $Sections 'RELATED LINKS')
    $W.WriteEndElement()
}

# about topics -----------------------------------------------------------------------------------------

# Greedy word wrap at $Width columns; $Hang indents the lines after the first (list items).
function Format-Wrapped([string] $Text, [int] $Indent, [int] $Width = 80, [int] $Hang = 0) {
    $lines = [System.Collections.Generic.List[string]]::new(); $line = ''
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        $pad = if ($lines.Count -eq 0) { $Indent } else { $Indent + $Hang }
        if ($line -and ($pad + $line.Length + 1 + $word.Length) -gt $Width) { $lines.Add((' ' * $pad) + $line); $line = $word }
        elseif ($line) { $line += " $word" } else { $line = $word }
    }
    if ($line) { $lines.Add((' ' * $(if ($lines.Count -eq 0) { $Indent } else { $Indent + $Hang })) + $line) }
    return $lines
}

# about topic layout: TOPIC / SHORT DESCRIPTION / LONG DESCRIPTION in capitals at column 0, text at 4, code at 8.
function ConvertTo-AboutText($Sections) {
    $out = [System.Collections.Generic.List[string]]::new()
    foreach ($s in $Sections) {
        if ($s.Level -eq 1 -and $out.Count -eq 0 -and $s.Title -like 'about_*') { $out.Add('TOPIC'); $out.Add("    $($s.Title)") }
        elseif ($s.Level -in 1, 2) { if ($out.Count) { $out.Add('') }; $out.Add((ConvertTo-PlainText $s.Title).ToUpperInvariant()) }
        elseif ($s.Level -ge 3) {
            $t = ConvertTo-PlainText $s.Title
            $out.Add(''); $out.Add("    $t"); $out.Add('    ' + ('-' * $t.Length))
        }
        $prev = $null
        foreach ($b in $s.Blocks) {
            # Blank line between blocks, except between items of one list, which stay together.
            if (($prev -or $s.Level -ge 3) -and -not ($b.IsList -and $prev -and $b.IsList -eq $prev.IsList)) { $out.Add('') }; $prev = $b
            if ($b.Kind -eq 'code') { foreach ($l in ($b.Text -split "`n")) { $out.Add($(if ($l.Trim()) { '        ' + $l.TrimEnd() } else { '' })) } }
            else { foreach ($l in (Format-Wrapped (ConvertTo-PlainText $b.Text) 4 80 $(if ($b.IsList) { 2 } else { 0 }))) { $out.Add($l) } }
        }
    }
    return ($out -join "`n") + "`n"
}

# main -------------------------------------------------------------------------------------------------

$partial = $null
try {
    # Relative to the caller's location: Import-Module would look 'out/X/X.psd1' up in PSModulePath, and .NET's
    # current directory need not be PowerShell's.
    $ModuleManifest, $DocsPath, $OutputPath = @($ModuleManifest, $DocsPath, $OutputPath) |
        ForEach-Object { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($_) }
    $module = Import-Module $ModuleManifest -PassThru -Force
    $commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
    $outDir = Split-Path -Parent ([System.IO.Path]::GetFullPath($OutputPath))
    $null = New-Item -ItemType Directory -Path $outDir -Force

    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true; $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    # Write to a temporary file first, so that a parse error never leaves a half-written help file behind.
    $target = [System.IO.Path]::GetFullPath($OutputPath); $partial = "$target.partial"
    $writer = [System.Xml.XmlWriter]::Create($partial, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', $Ns.msh)
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($p in 'maml', 'command', 'dev') { $writer.WriteAttributeString('xmlns', $p, $null, $Ns[$p]) }
        $documented = 0
        foreach ($cmd in $commands) {
            $md = Join-Path $DocsPath "$($cmd.Name).md"
            if (-not (Test-Path -LiteralPath $md)) { Add-HelpGap $cmd.Name "has no help: no markdown file $md"; continue }
            Write-CommandHelp $writer $cmd (Read-MarkdownSections $md); $documented++
        }
        $writer.WriteEndElement(); $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
    if ($HelpGaps.Count) {
        Remove-Item -LiteralPath $partial -Force
        [Console]::Error.WriteLine("New-MamlHelp: the help is incomplete, so the build stops ($($HelpGaps.Count) gap(s) in $DocsPath):")
        foreach ($gap in $HelpGaps) { [Console]::Error.WriteLine("  $gap") }
        exit 1
    }
    Move-Item -LiteralPath $partial -Destination $target -Force
    Write-Host "Wrote $OutputPath ($documented of $($commands.Count) cmdlets documented)"

    foreach ($about in (Get-ChildItem -Path $DocsPath -Filter 'about_*.md' -File)) {
        $aboutTarget = Join-Path $outDir ($about.BaseName + '.help.txt')
        [System.IO.File]::WriteAllText($aboutTarget, (ConvertTo-AboutText (Read-MarkdownSections $about.FullName)), [System.Text.UTF8Encoding]::new($false))
        Write-Host "Wrote $aboutTarget"
    }
}
catch {
    # Only unreadable input and unwritable output get here; documentation gaps are reported above.
    if ($partial -and (Test-Path -LiteralPath $partial)) { Remove-Item -LiteralPath $partial -Force }
    [Console]::Error.WriteLine("New-MamlHelp: $($_.Exception.Message)`n$($_.ScriptStackTrace)")
    exit 1
}
