# Packaging: the built module published to a local repository installs with Install-PSResource and works in a
# fresh pwsh against the emulator. HOME points at a temporary folder, so the repository registration and the
# installed copy never touch the real user profile.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator
    $script:TempHome = New-TestFolder 'package'
}

AfterAll {
    Remove-TestFolder $script:TempHome
    Stop-TestEmulator
}

Describe 'Install-PSResource from a local repository' {
    It 'publishes, installs, imports by name in a fresh pwsh and tests a key' {
        $pwsh = Join-Path $PSHOME pwsh
        $moduleFolder = Split-Path $script:ModuleManifest
        $savedHome = $env:HOME
        $env:HOME = $script:TempHome
        # Publish-PSResource may write a NuGet config relative to the working folder: keep it in the scratch folder.
        Push-Location $script:TempHome
        try {
            $install = & $pwsh -NoProfile -NonInteractive -Command {
                param($ModuleFolder)
                $ErrorActionPreference = 'Stop'
                $repo = Join-Path $env:HOME 'repo'
                New-Item -ItemType Directory -Path $repo | Out-Null
                Register-PSResourceRepository -Name OpenProspectTest -Uri $repo -Trusted
                Publish-PSResource -Path $ModuleFolder -Repository OpenProspectTest
                Install-PSResource -Name OpenProspect -Repository OpenProspectTest -Scope CurrentUser -TrustRepository
                (Get-ChildItem $repo -Filter *.nupkg).Name
                (Get-Module -ListAvailable OpenProspect).ModuleBase
            } -args $moduleFolder
            $use = & $pwsh -NoProfile -NonInteractive -Command {
                param($Uri, $Key)
                $ErrorActionPreference = 'Stop'
                Import-Module OpenProspect          # by name: found where Install-PSResource put it
                (Get-Module OpenProspect).ModuleBase
                $r = Test-OpenProspectKey -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -BaseUri $Uri -Preset CrmSync
                "$($r.Valid)|$($r.MissingScopes.Count)"
                (Get-Help Test-OpenProspectKey).Synopsis
            } -args $script:BaseUri, (Get-TestKey 'read-only')   # holds every read scope, so no preset version misses one
        }
        finally { $env:HOME = $savedHome; Pop-Location }

        $version = (Import-PowerShellDataFile $script:ModuleManifest).ModuleVersion
        $install[0] | Should -Be "OpenProspect.$version.nupkg"
        $install[1] | Should -BeLike "$($script:TempHome)*"
        $use[0] | Should -BeLike "$($script:TempHome)*"
        $use[1] | Should -Be 'True|0'
        $use[2] | Should -Not -BeNullOrEmpty
        $use[2] | Should -Not -BeLike 'Test-OpenProspectKey*'
    }

    It 'the manifest carries what a gallery page needs' {
        $m = Test-ModuleManifest $script:ModuleManifest
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.LicenseUri | Should -Not -BeNullOrEmpty
        $m.ReleaseNotes | Should -Not -BeNullOrEmpty
        $m.Tags | Should -Contain 'OpenProspect'
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $m.ExportedCmdlets.Count | Should -Be (Get-Command -Module OpenProspect -CommandType Cmdlet).Count
    }
}
