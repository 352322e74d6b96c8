# The layout docs/architecture.md describes holds: the assembly exports exactly the types it lists, nothing below
# Cmdlets/ reaches back up into the cmdlet layer or PowerShell, and comments point into the repository.
BeforeAll {
    $script:RepoRoot = (Resolve-Path "$PSScriptRoot/..").ProviderPath
    $script:Source = Join-Path $RepoRoot 'src/OpenProspect'
    $script:Doc = Get-Content -Raw (Join-Path $RepoRoot 'docs/architecture.md')
    # Load the built assembly's metadata without loading it into this session.
    $bytes = [IO.File]::ReadAllBytes((Join-Path $RepoRoot 'out/OpenProspect/OpenProspect.dll'))
    $script:Assembly = [Reflection.Assembly]::Load($bytes)
    $script:Manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'OpenProspect.psd1')
}

Describe 'Public types' {
    It 'are exactly the cmdlets and the types docs/architecture.md lists' {
        $listed = [regex]::Matches(($script:Doc -split '## Public types')[1], '`(OpenProspect\.[\w.`]+)`') | ForEach-Object { $_.Groups[1].Value }
        $listed.Count | Should -BeGreaterThan 20
        $exported = @($script:Assembly.GetExportedTypes() | ForEach-Object FullName)
        $cmdlets = @($exported | Where-Object { $_ -like 'OpenProspect.Cmdlets.*Command' })
        $cmdlets.Count | Should -Be $script:Manifest.CmdletsToExport.Count
        $others = @($exported | Where-Object { $_ -notin $cmdlets })
        # Anything public that the document does not list (or listed but gone) fails with its name.
        @($others | Where-Object { $_ -notin $listed }) | Should -BeNullOrEmpty
        @($listed | Where-Object { $_ -notin $others }) | Should -BeNullOrEmpty
    }

    It 'every exported cmdlet is implemented by a public *Command type of its area folder' {
        foreach ($name in $script:Manifest.CmdletsToExport) {
            $type = $script:Assembly.GetExportedTypes() | Where-Object {
                $a = $_.GetCustomAttributes($false) | Where-Object { $_.GetType().Name -eq 'CmdletAttribute' }
                $a -and "$($a.VerbName)-$($a.NounName)" -eq $name
            }
            $type | Should -HaveCount 1 -Because $name
            $type.Namespace | Should -BeLike 'OpenProspect.Cmdlets.*' -Because $name
        }
    }
}

Describe 'Property adapter' {
    It 'OpenProspect.types.ps1xml names ApiObjectAdapter for every concrete model, and nothing else' {
        [xml] $types = Get-Content -Raw (Join-Path $script:Source 'OpenProspect.types.ps1xml')
        $script:Manifest.TypesToProcess | Should -Be 'OpenProspect.types.ps1xml'
        $adapted = @($types.Types.Type | Where-Object { $_.TypeAdapter.TypeName -eq 'OpenProspect.Cmdlets.Output.ApiObjectAdapter' } | ForEach-Object Name)
        $adapted.Count | Should -Be @($types.Types.Type).Count
        $apiObject = $script:Assembly.GetType('OpenProspect.ApiObject')
        $models = @($script:Assembly.GetExportedTypes() | Where-Object { $apiObject.IsAssignableFrom($_) -and -not $_.IsAbstract } | ForEach-Object FullName)
        $models.Count | Should -BeGreaterThan 10
        # A model missing here would hide the fields its model does not know; a name that is not a model is a typo.
        @($models | Where-Object { $_ -notin $adapted }) | Should -BeNullOrEmpty
        @($adapted | Where-Object { $_ -notin $models }) | Should -BeNullOrEmpty
    }
}

Describe 'Layers' {
    It 'nothing in <Folder> uses PowerShell or the cmdlet layer' -ForEach @(
        @{ Folder = 'Api' }, @{ Folder = 'Models' }, @{ Folder = 'Session' }, @{ Folder = 'Sync' }
    ) {
        $files = @(Get-ChildItem (Join-Path $script:Source $Folder) -Recurse -Filter *.cs)
        $files.Count | Should -BeGreaterThan 0
        $offending = $files | Select-String -Pattern 'System\.Management\.Automation|OpenProspect\.Cmdlets' | ForEach-Object { "$($_.Filename):$($_.LineNumber)" }
        $offending | Should -BeNullOrEmpty
    }

    It 'namespaces follow folders (the root namespace for the public models and the session)' {
        $files = @(Get-ChildItem $script:Source -Recurse -Filter *.cs | Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' })
        $files.Count | Should -BeGreaterThan 50
        $wrong = foreach ($f in $files) {
            $relative = [IO.Path]::GetRelativePath($script:Source, $f.DirectoryName) -replace '[\\/]', '.'
            $expected = if ($relative -eq 'Models' -or $f.Name -eq 'OpenProspectSession.cs') { 'OpenProspect' } else { "OpenProspect.$relative" }
            $declared = (Select-String -Path $f.FullName -Pattern '^namespace ([\w.]+);' | Select-Object -First 1).Matches.Groups[1].Value
            if ($declared -ne $expected) { "$($f.Name): $declared (expected $expected)" }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It 'code comments point into the repository, not to a design document it does not have' {
        $hits = Get-ChildItem $script:Source -Recurse -Filter *.cs | Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' } |
            Select-String -Pattern 'DESIGN\s*§' | ForEach-Object { "$($_.Filename):$($_.LineNumber)" }
        $hits | Should -BeNullOrEmpty
    }
}
