# Secret hygiene: every exported cmdlet, run with -Verbose -Debug under Start-Transcript, must leave the API key
# out of the transcript, every stream, every error record and every emitted object.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--companies', '50', '--order-seconds', '0.3', '--profile-seconds', '0.3'
    $script:Key = Get-TestKey 'full-access'
    $script:Secret = ConvertTo-TestSecureString $script:Key
    # The fake vault modules are found for this suite only; AfterAll puts the path back for the suites after it.
    $script:SavedModulePath = $env:PSModulePath
    $env:PSModulePath = (Join-Path $PSScriptRoot 'fakes') + [IO.Path]::PathSeparator + $env:PSModulePath
}

AfterAll {
    $env:PSModulePath = $script:SavedModulePath
    Stop-TestEmulator
}

Describe 'The API key never leaks' {
    It 'appears in no output of any exported cmdlet' {
        # The transcript and state files may hold the key when the test fails: the folder goes in any case.
        $w = New-TestFolder 'hygiene'
        try {
            $s = $script:Secret; $u = $script:BaseUri; $ps = $script:ProspectSearchId
            $profileId = ((Invoke-RestMethod "$u/_emulator/profiles") | ForEach-Object { $_ })[0].profile_id
            # One call per exported cmdlet (some are meant to fail: their errors are searched too).
            $calls = [ordered]@{
                'Connect-OpenProspect'        = { Connect-OpenProspect -BaseUri $u -ApiKey $s -PassThru }
                'Get-OpenProspectSession'     = { Get-OpenProspectSession; Get-OpenProspectSession | Format-List * -Force | Out-String }
                'Test-OpenProspectKey'        = { Test-OpenProspectKey -Preset FullAccess; Test-OpenProspectKey -ApiKey $s -BaseUri $u }
                'New-OPBlacklist'             = { $script:bl = New-OPBlacklist -Name 'Hygiene'; $script:bl }
                'Get-OPBlacklist'             = { Get-OPBlacklist; Get-OPBlacklist -Id ([guid]::NewGuid()) }
                'Set-OPBlacklist'             = { Set-OPBlacklist -Id $script:bl.Id -Description 'checked' -PassThru }
                'Add-OPBlacklistEntry'        = { 1..3 | ForEach-Object { [pscustomobject]@{ Company = "H$_"; Website = "h$_.example" } } | Add-OPBlacklistEntry -BlacklistId $script:bl.Id }
                'Get-OPBlacklistEntry'        = { Get-OPBlacklistEntry -BlacklistId $script:bl.Id }
                'Remove-OPBlacklistEntry'     = { Get-OPBlacklistEntry -BlacklistId $script:bl.Id -First 1 | Remove-OPBlacklistEntry -Confirm:$false }
                'Set-OPBlacklistAssignment'   = { Set-OPBlacklistAssignment -ProspectSearchId $ps -BlacklistId $script:bl.Id -PassThru -Confirm:$false }
                'Get-OPBlacklistAssignment'   = { Get-OPBlacklistAssignment -ProspectSearchId $ps }
                'Add-OPBlacklistAssignment'   = { $script:bl | Add-OPBlacklistAssignment -ProspectSearchId $ps -PassThru -Confirm:$false }
                'Remove-OPBlacklistAssignment' = { $script:bl | Remove-OPBlacklistAssignment -ProspectSearchId $ps -PassThru -Confirm:$false }
                'Remove-OPBlacklist'          = { Remove-OPBlacklist -Id $script:bl.Id -Confirm:$false }
                'New-OPSearchProfile'         = { New-OPSearchProfile -ProfileName 'Hygiene' -IdealCustomerProfile 'x' -Wait -PollIntervalSec 0.1 }
                'Get-OPSearchProfileCreation' = { Get-OPSearchProfileCreation -Id ([guid]::NewGuid()) }
                'New-OPOrder'                 = { $script:order = [pscustomobject]@{ CompanyName = 'Hygiene GmbH' } | New-OPOrder -ProfileId $profileId -Confirm:$false; $script:order }
                'Wait-OPOrder'                = { $script:order | Wait-OPOrder -PollIntervalSec 0.1 }
                'Get-OPOrder'                 = { Get-OPOrder -First 3 }
                'Get-OPOrderResult'           = { $script:order | Get-OPOrderResult }
                'Get-OPProspectSearch'        = { Get-OPProspectSearch; Get-OPProspectSearch -Id $ps }
                'Set-OPProspectSearch'        = { Set-OPProspectSearch -Id $ps -SearchKeyword 'x' -Confirm:$false }
                'Get-OPCompany'               = { $script:co = Get-OPCompany -ProspectSearchId $ps -First 2; $script:co }
                'Get-OPCompanyJob'            = { $script:co | Get-OPCompanyJob; $script:co[0] | Get-OPCompanyJob -Summary }
                'Get-OPCompanyTechnology'     = { $script:co | Get-OPCompanyTechnology; $script:co[0] | Get-OPCompanyTechnology -Summary }
                'Get-OPProspect'              = { $script:co[0] | Get-OPProspect }
                'Get-OPDelivery'              = { Get-OPDelivery -ProspectSearchId $ps -First 5 }
                'Sync-OPDelivery'             = { Sync-OPDelivery -ProspectSearchId $ps -StatePath "$w/state.json" | Select-Object -First 3 }
                'Complete-OPDeliverySync'     = { Sync-OPDelivery -ProspectSearchId $ps -StatePath "$w/pending.json" -NoCommit -OutFile "$w/pending.jsonl"; Complete-OPDeliverySync -StatePath "$w/pending.json" }
                'Invoke-OPApiRequest'         = { Invoke-OPApiRequest GET blacklists -All; Invoke-OPApiRequest POST blacklists -Body @{ name = 'Raw hygiene' } -Confirm:$false; Invoke-OPApiRequest GET "blacklists/$([guid]::NewGuid())" -Raw }
                'Test-OPApiContract'          = { Test-OPApiContract | Format-List * | Out-String }
                'Disconnect-OpenProspect'     = { Disconnect-OpenProspect; Get-OPBlacklist }
            }
            $exported = (Get-Command -Module OpenProspect -CommandType Cmdlet).Name
            $exported | Where-Object { $_ -notin $calls.Keys } | Should -BeNullOrEmpty -Because 'every exported cmdlet must be exercised here'

            $transcript = Join-Path $w 'transcript.txt'
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $ProgressPreference = 'SilentlyContinue'
            $null = Start-Transcript -Path $transcript
            try {
                $captured = foreach ($name in $calls.Keys) {
                    try { & $calls[$name] *>&1 } catch { $_ }
                }
            }
            finally {
                $null = Stop-Transcript
                $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
            }

            $text = ($captured | ForEach-Object {
                    if ($_ -is [System.Management.Automation.ErrorRecord]) {
                        $_.ToString(); $_.ErrorDetails; $_.TargetObject | Out-String; $_.Exception | Format-List * -Force | Out-String
                        $_.Exception.InnerException | Format-List * -Force | Out-String
                    }
                    elseif ($_ -is [string]) { $_ }
                    else { $_ | Format-List * -Force | Out-String; $_ | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue }
                }) -join "`n"
            $text.Length | Should -BeGreaterThan 10000 -Because 'the cmdlets produced output to search'
            $text | Should -BeLike '*Authorization: Bearer `[redacted`]*'
            $text | Should -BeLike '*Not connected to OpenProspect*'
            $body = (Get-Content $transcript -Raw)
            foreach ($secret in $script:Key, $script:Key.Substring(9)) {
                $text.Contains($secret) | Should -BeFalse
                $body.Contains($secret) | Should -BeFalse
            }
        }
        finally { Remove-TestFolder $w }
    }
}
