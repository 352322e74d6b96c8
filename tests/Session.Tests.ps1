# Session and key cmdlets against the emulator: key sources and their order, bad keys, scope checks,
# the https rule, secret hygiene, and the not-connected error.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator
    $script:Fakes = Join-Path $PSScriptRoot 'fakes'
    $script:SavedModulePath = $env:PSModulePath
    $env:PSModulePath = $script:Fakes + [IO.Path]::PathSeparator + $env:PSModulePath

    function Clear-KeyEnvironment {
        foreach ($name in 'OPENPROSPECT_API_KEY', 'OPENPROSPECT_SECRET_NAME', 'OPENPROSPECT_VAULT', 'OPENPROSPECT_BASE_URI') {
            Remove-Item "Env:$name" -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    Clear-KeyEnvironment
    $env:PSModulePath = $script:SavedModulePath
    Stop-TestEmulator
}

Describe 'Connect-OpenProspect key sources' {
    BeforeEach { Clear-KeyEnvironment; $env:OPENPROSPECT_BASE_URI = $script:BaseUri }

    It '-ApiKey connects, validates and stores the key''s scopes' {
        $s = Connect-OpenProspect -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'crm-sync')) -PassThru
        $s.KeySource | Should -Be 'ApiKey'
        $s.IsDefault | Should -BeTrue
        $s.Scopes | Sort-Object | Should -Be ($script:Keys['crm-sync'].scopes | Sort-Object)
        $s.BaseUri.AbsoluteUri | Should -Be "$($script:BaseUri)/"
        (Get-OpenProspectSession).KeyHint | Should -Be $s.KeyHint
    }

    It '-Credential uses the password as the key' {
        $cred = [pscredential]::new('ignored', (ConvertTo-TestSecureString (Get-TestKey 'blacklist-management')))
        $s = Connect-OpenProspect -Credential $cred -PassThru
        $s.KeySource | Should -Be 'Credential'
        $s.Scopes | Should -Contain 'blacklists:write'
    }

    It '-SecretName reads the key through Get-Secret (SecretManagement)' {
        Import-Module Microsoft.PowerShell.SecretManagement -Force
        Set-Secret -Name OpenProspectApiKey -Secret (Get-TestKey 'enrichment-orders') -Vault Work
        $s = Connect-OpenProspect -SecretName OpenProspectApiKey -Vault Work -PassThru
        $s.KeySource | Should -Be 'SecretManagement'
        $s.SecretName | Should -Be 'OpenProspectApiKey'
        $s.SecretVault | Should -Be 'Work'
        $s.Scopes | Should -Contain 'orders:write'
    }

    It 'a PSCredential secret works too' {
        Set-Secret -Name OpCred -Secret ([pscredential]::new('x', (ConvertTo-TestSecureString (Get-TestKey 'crm-sync'))))
        (Connect-OpenProspect -SecretName OpCred -PassThru).Scopes | Should -Contain 'companies:read'
    }

    It 'a missing secret is a clear SecretNotFound error' {
        { Connect-OpenProspect -SecretName DoesNotExist -Vault Work } | Should -Throw -ErrorId 'SecretNotFound,*'
        $err = $null
        try { Connect-OpenProspect -SecretName DoesNotExist -Vault Work } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*secret 'DoesNotExist' in vault 'Work' was not found*"
    }

    It 'without SecretManagement, -SecretName says how to install it' {
        # A fresh process whose module path has no SecretManagement at all.
        $script = {
            param($Manifest, $Uri)
            $env:PSModulePath = ($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -notlike '*fakes*' }) -join [IO.Path]::PathSeparator
            Import-Module $Manifest
            try { Connect-OpenProspect -SecretName Any -BaseUri $Uri; 'connected' }
            catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.ErrorDetails.RecommendedAction }
        }
        $out = & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command $script -args $script:ModuleManifest, $script:BaseUri
        $out[0] | Should -Be 'SecretManagementMissing,OpenProspect.Cmdlets.Session.ConnectOpenProspectCommand'
        [string]$out[1] | Should -Be 'NotInstalled'
        $out[2] | Should -BeLike '*Install-PSResource Microsoft.PowerShell.SecretManagement*'
    }

    It 'no key parameter reads OPENPROSPECT_API_KEY' {
        $env:OPENPROSPECT_API_KEY = Get-TestKey 'crm-sync'
        $s = Connect-OpenProspect -PassThru
        $s.KeySource | Should -Be 'Environment'
        $s.Scopes | Should -Contain 'prospects:read'
    }

    It 'no key parameter and no key variable reads OPENPROSPECT_SECRET_NAME and OPENPROSPECT_VAULT' {
        Set-Secret -Name FromEnv -Secret (Get-TestKey 'blacklist-management') -Vault Ops
        $env:OPENPROSPECT_SECRET_NAME = 'FromEnv'
        $env:OPENPROSPECT_VAULT = 'Ops'
        $s = Connect-OpenProspect -PassThru
        $s.KeySource | Should -Be 'SecretManagement'
        $s.SecretName | Should -Be 'FromEnv'
        $s.Scopes | Should -Contain 'blacklists:read'
    }

    It 'OPENPROSPECT_API_KEY wins over OPENPROSPECT_SECRET_NAME' {
        Set-Secret -Name FromEnv -Secret (Get-TestKey 'blacklist-management') -Vault Ops
        $env:OPENPROSPECT_SECRET_NAME = 'FromEnv'
        $env:OPENPROSPECT_API_KEY = Get-TestKey 'crm-sync'
        (Connect-OpenProspect -PassThru).KeySource | Should -Be 'Environment'
    }

    It 'an explicit key parameter wins over the environment' {
        $env:OPENPROSPECT_API_KEY = Get-TestKey 'crm-sync'
        $s = Connect-OpenProspect -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'enrichment-orders')) -PassThru
        $s.KeySource | Should -Be 'ApiKey'
        $s.Scopes | Should -Contain 'orders:read'
    }

    It 'with no key anywhere the error names every source' {
        { Connect-OpenProspect } | Should -Throw -ErrorId 'ApiKeyNotFound,*'
        try { Connect-OpenProspect } catch { $_.Exception.Message | Should -BeLike '*OPENPROSPECT_API_KEY*OPENPROSPECT_SECRET_NAME*' }
    }

    It 'OPENPROSPECT_BASE_URI is used when -BaseUri is not given' {
        (Connect-OpenProspect -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'crm-sync')) -PassThru).BaseUri.Port |
            Should -Be ([uri]$script:BaseUri).Port
    }
}

Describe 'Bad keys' {
    BeforeAll { Clear-KeyEnvironment }
    BeforeEach { Clear-TestRequest }

    It 'rejects <Case> before sending anything' -ForEach @(
        @{ Case = 'an empty key'; Key = ''; Text = '*empty*' }
        @{ Case = 'a whitespace key'; Key = '   '; Text = '*white space*' }
        @{ Case = 'a key with a line break inside'; Key = "KEY`n"; Text = '*lnc_live_*' }
        @{ Case = 'a key with the wrong prefix'; Key = 'sk_live_abcdefghijklmnopqrstuvwxyz123456'; Text = "*lnc_live_*" }
    ) {
        # White space around a key is trimmed (Crm.Tests.ps1); inside it, the key is still refused.
        $plain = if ($Key -eq "KEY`n") { (Get-TestKey 'full-access').Insert(12, "`n") } else { $Key }
        $err = $null
        try { Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString $plain) } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidApiKey,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike $Text
        Get-TestRequest | Should -HaveCount 0
    }

    It 'maps a <Name> key to UNAUTHORIZED / AuthenticationError' -ForEach @(
        @{ Name = 'revoked'; Reason = '*revoked*' }
        @{ Name = 'expired'; Reason = '*expired*' }
    ) {
        $err = $null
        try { Connect-TestSession $Name } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'UNAUTHORIZED,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.StatusCode | Should -Be 401
        $err.Exception.Message | Should -BeLike $Reason
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Connect-OpenProspect*'
        (Get-TestRequest).path | Should -Be '/api/v1/auth/validate'
    }

    It 'an unknown but well-formed key is UNAUTHORIZED and does not become the default session' {
        Get-OpenProspectSession | Disconnect-OpenProspect
        { Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString 'lnc_live_ThisKeyDoesNotExist0000000000000') } |
            Should -Throw -ErrorId 'UNAUTHORIZED,*'
        Get-OpenProspectSession | Should -BeNullOrEmpty
    }
}

Describe 'Base URI rules' {
    It 'refuses http:// to a host that is not this machine' {
        $err = $null
        try { Connect-OpenProspect -BaseUri 'http://api.openprospect.io' -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureBaseUri,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'refuses a base URI that is not absolute http(s)' {
        { Connect-OpenProspect -BaseUri 'ftp://example.com' -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) } |
            Should -Throw -ErrorId 'InvalidBaseUri,*'
    }

    It 'accepts a base given as .../api/v1 as older docs write it' {
        $s = Connect-OpenProspect -BaseUri "$($script:BaseUri)/api/v1" -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) -PassThru
        $s.BaseUri.AbsolutePath | Should -Be '/'
        $s.Scopes | Should -Contain 'orders:read'
    }
}

Describe 'Scopes' {
    It 'a missing scope fails before any request, naming the scope' {
        Connect-TestSession 'crm-sync'
        Clear-TestRequest
        $err = $null
        try { Get-OPBlacklist } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AUTHORIZATION_ERROR,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -BeLike '*blacklists:read*'
        $err.TargetObject | Should -Be @('blacklists:read')   # raised by the module: no HTTP answer to quote
        $err.Exception | Should -BeOfType ([System.UnauthorizedAccessException])
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*blacklists:read*'
        Get-TestRequest | Should -HaveCount 0
    }

    It 'a 403 from the server maps to AUTHORIZATION_ERROR with the server''s details' {
        Connect-TestSession 'no-scope' -SkipValidation    # scopes unknown, so the server decides
        Clear-TestRequest
        $err = $null
        try { Get-OPBlacklist -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AUTHORIZATION_ERROR,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.StatusCode | Should -Be 403
        $err.Exception.Details.required_scopes | Should -Contain 'blacklists:read'
        @($err.Exception.Details.user_scopes) | Should -HaveCount 0
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*blacklists:read*'
        (Get-TestRequest | Where-Object status -EQ 403) | Should -HaveCount 1
    }
}

Describe 'Test-OpenProspectKey' {
    BeforeAll {
        # Holds every read scope, so it has the CrmSync preset whichever scopes the module's preset names.
        $script:AllReads = Connect-TestSession 'read-only' -PassThru
        Connect-TestSession 'crm-sync'
    }

    It 'reports no missing scope for a preset the key has' {
        $r = Test-OpenProspectKey -Preset CrmSync -Session $script:AllReads
        $r.Valid | Should -BeTrue
        $r.MissingScopes | Should -HaveCount 0
        $r.RequiredScopes | Sort-Object | Should -Be @('companies:read', 'prospects:read')
    }

    It 'names the missing scopes for -RequiredScope and -Preset together' {
        $r = Test-OpenProspectKey -RequiredScope 'companies:read' -Preset BlacklistManagement
        $r.MissingScopes | Sort-Object | Should -Be @('blacklists:read', 'blacklists:write')
        Test-OpenProspectKey -Preset BlacklistManagement -Quiet | Should -BeFalse
        Test-OpenProspectKey -Preset CrmSync -Quiet -Session $script:AllReads | Should -BeTrue
    }

    It 'tests a key given directly without touching the default session' {
        $before = Get-OpenProspectSession
        $r = Test-OpenProspectKey -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'revoked')) -BaseUri $script:BaseUri
        $r.Valid | Should -BeFalse
        $r.Reason | Should -BeLike '*revoked*'
        (Get-OpenProspectSession).KeyHint | Should -Be $before.KeyHint
    }

    It 'reports a malformed key as not valid without a request' {
        Clear-TestRequest
        $r = Test-OpenProspectKey -ApiKey (ConvertTo-TestSecureString 'not-a-key') -BaseUri $script:BaseUri
        $r.Valid | Should -BeFalse
        $r.Reason | Should -BeLike '*format*'
        Get-TestRequest | Should -HaveCount 0
    }
}

Describe 'Disconnect-OpenProspect' {
    It 'leaves every API cmdlet with a terminating not-connected error' {
        $s = Connect-TestSession 'full-access' -PassThru
        Disconnect-OpenProspect
        Get-OpenProspectSession | Should -BeNullOrEmpty
        { Get-OPBlacklist } | Should -Throw -ErrorId 'NotConnected,*'
        { Test-OpenProspectKey } | Should -Throw -ErrorId 'NotConnected,*'
        { Get-OPBlacklist -Session $s } | Should -Throw -ErrorId 'NotConnected,*'
        $s.IsConnected | Should -BeFalse
    }

    It 'keeps other sessions usable: -Session picks the account' {
        $a = Connect-TestSession 'crm-sync' -PassThru
        $b = Connect-TestSession 'blacklist-management' -PassThru
        (Get-OpenProspectSession).KeyHint | Should -Be $b.KeyHint
        { Get-OPBlacklist -Session $a } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
        { Get-OPBlacklist -Session $b -First 1 } | Should -Not -Throw
    }
}

Describe 'Secret hygiene' {
    It 'the key appears in no stream, error, transcript, session or formatted output' {
        $key = Get-TestKey 'full-access'
        $revoked = Get-TestKey 'revoked'
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "op-transcript-$([guid]::NewGuid()).txt"
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
        $null = Start-Transcript -Path $transcript
        try {
            $all = & {
                $s = Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString $key) -PassThru -Verbose -Debug
                $s
                $s | Format-List * -Force | Out-String
                $s | ConvertTo-Json -Depth 4
                Get-OPBlacklist -Verbose -Debug
                Test-OpenProspectKey -Verbose -Debug
                try { Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString $revoked) -Verbose -Debug } catch { $_ }
                Get-OPBlacklist -Id 00000000-0000-4000-8000-000000000000 -Verbose -Debug -ErrorAction Continue
            } *>&1
        }
        finally {
            $null = Stop-Transcript
            $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
        }
        $text = ($all | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $_.ToString(); $_.Exception.Message; $_.ErrorDetails; $_.TargetObject; $_.Exception | Format-List * -Force | Out-String
                }
                else { $_ | Out-String }
            }) -join "`n"
        $text | Should -BeLike '*Authorization: Bearer `[redacted`]*'    # the debug stream did show the headers
        $text | Should -BeLike '*lnc_test_*'                              # hints are there, so the search is meaningful
        foreach ($secret in $key, $revoked, $key.Substring(9), $revoked.Substring(9)) {
            $text.Contains($secret) | Should -BeFalse
            (Get-Content $transcript -Raw).Contains($secret) | Should -BeFalse
        }
        Remove-Item $transcript
    }
}
