# Safe where the docs are silent: a write whose answer is lost is looked up, never sent twice; an answer the
# module does not understand is an error or a warning, never zero rows; times without a zone are UTC; validation
# errors say what is wrong; local checks are the documented ones; routes that may be gone are told apart from
# unknown ids; the presets are the authentication page's.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--order-seconds', '0.3'
    Connect-TestSession
    $script:ProfileId = ((Invoke-RestMethod "$($script:BaseUri)/_emulator/profiles") | ForEach-Object { $_ } |
            Where-Object organization -EQ $script:Keys['full-access'].organization)[0].profile_id
    function Get-OrderPost { @(Get-TestWrite | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/orders' }) }
}

AfterAll {
    Clear-TestFault
    Stop-TestEmulator
}

Describe 'A write whose answer is lost is never sent twice' {
    BeforeEach { Clear-TestRequest }
    AfterEach { Clear-TestFault }

    It 'New-OPOrder whose answer is cut off after the order was placed returns that one order, with a warning' {
        $before = @(Get-OPOrder).Count
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'truncated'; count = 1 }
        $o = [pscustomobject]@{ CompanyName = 'Once only GmbH' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Exactly once' -WarningVariable w 3>$null
        Get-OrderPost | Should -HaveCount 1
        $after = @(Get-OPOrder)
        $after.Count | Should -Be ($before + 1)
        $placed = @($after | Where-Object Title -EQ 'Exactly once')
        $placed | Should -HaveCount 1
        $o.Id | Should -Be $placed[0].Id
        $w | Should -HaveCount 1
        $w[0].Message | Should -BeLike '*POST /api/v1/orders was lost*was found*Nothing was sent twice*'
    }

    It 'a 503 on POST /orders is not repeated; with no order found it stops with ORDER_OUTCOME_UNKNOWN and a command to check' {
        $before = @(Get-OPOrder).Count
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'status'; status = 503; count = 1 }
        $err = $null
        try { [pscustomobject]@{ CompanyName = 'Maybe GmbH' } | New-OPOrder -ProfileId $script:ProfileId -Title "Maybe it's there" }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ORDER_OUTCOME_UNKNOWN,*'
        $err.TargetObject | Should -Be "Maybe it's there"
        $err.Exception.Message | Should -BeLike '*may or may not have been created*503*No matching order*'
        $err.Exception.InnerException.StatusCode | Should -Be 503
        Get-OrderPost | Should -HaveCount 1
        @(Get-OPOrder).Count | Should -Be $before
        # The command the message shows runs as printed and finds nothing, because nothing was placed.
        $check = ($err.Exception.Message -split 'Check before you create it again: ')[1]
        $check | Should -BeLike "Get-OPOrder | Where-Object *'Maybe it''s there'*"
        @(Invoke-Expression $check) | Should -HaveCount 0
    }

    It 'two matching orders in the window make the outcome unknown instead of guessing' {
        $null = [pscustomobject]@{ CompanyName = 'Twin AG' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Twin'
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'truncated'; count = 1 }
        { [pscustomobject]@{ CompanyName = 'Twin AG' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Twin' } |
            Should -Throw -ErrorId 'ORDER_OUTCOME_UNKNOWN,*' -ExpectedMessage '*2 matching orders*'
        @(Get-OPOrder | Where-Object Title -EQ 'Twin') | Should -HaveCount 2
        Get-OrderPost | Should -HaveCount 2
    }

    It 'a 429 on POST /orders is retried: the server did not act on it' {
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'status'; status = 429; retry_after = 1; count = 1 }
        $o = [pscustomobject]@{ CompanyName = 'Patient GmbH' } | New-OPOrder -ProfileId $script:ProfileId -Title 'After 429'
        $o.Id | Should -Not -BeNullOrEmpty
        Get-OrderPost | Should -HaveCount 2
        @(Get-OPOrder | Where-Object Title -EQ 'After 429') | Should -HaveCount 1
    }

    It 'New-OPBlacklist whose answer is lost returns the blacklist found by name' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'POST'; mode = 'lost'; count = 1 }
        $bl = New-OPBlacklist -Name 'Lost and found' -WarningVariable w 3>$null
        @(Get-TestWrite | Where-Object path -EQ '/api/v1/blacklists') | Should -HaveCount 1
        $all = @(Get-OPBlacklist | Where-Object Name -EQ 'Lost and found')
        $all | Should -HaveCount 1
        $bl.Id | Should -Be $all[0].Id
        $w[0].Message | Should -BeLike '*blacklist*was found*'
    }

    It 'New-OPBlacklist with a 500 and no blacklist of that name stops with BLACKLIST_OUTCOME_UNKNOWN' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'POST'; mode = 'status'; status = 500; count = 1 }
        { New-OPBlacklist -Name 'Never made' } | Should -Throw -ErrorId 'BLACKLIST_OUTCOME_UNKNOWN,*' -ExpectedMessage "*Get-OPBlacklist | Where-Object*'Never made'*"
        @(Get-TestWrite | Where-Object path -EQ '/api/v1/blacklists') | Should -HaveCount 1
        @(Get-OPBlacklist | Where-Object Name -EQ 'Never made') | Should -HaveCount 0
    }

    It 'GETs are still retried after a 503' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'status'; status = 503; count = 1 }
        $null = Get-OPBlacklist -ErrorAction Stop
        @(Get-TestRequest | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/api/v1/blacklists' }) | Should -HaveCount 2
    }

    It 'a creation answer without an id is never polled as an empty id' {
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'body'; status = 201; body = '{"status":"RECEIVED"}'; count = 1 }
        $err = $null
        try { [pscustomobject]@{ CompanyName = 'No id GmbH' } | New-OPOrder -ProfileId $script:ProfileId -Title 'No id' -Wait -PollIntervalSec 0.2 }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ORDER_OUTCOME_UNKNOWN,*'
        $err.Exception.InnerException.Code | Should -Be 'INVALID_RESPONSE'
        $err.Exception.InnerException.Message | Should -BeLike '*has no id*'
        @(Get-TestRequest | Where-Object { $_.path -like '/api/v1/orders/*' }) | Should -HaveCount 0

        Set-TestFault @{ path_prefix = '/api/v1/search-profile-creations'; method = 'POST'; mode = 'body'; status = 201; body = '{"status":"PENDING"}'; count = 1 }
        $p = New-OPSearchProfile -ProfileName 'No id' -IdealCustomerProfile 'x' -Wait -ErrorVariable e -ErrorAction SilentlyContinue
        $p | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'INVALID_RESPONSE,*'
        @(Get-TestRequest | Where-Object { $_.method -eq 'GET' -and $_.path -like '/api/v1/search-profile-creations*' }) | Should -HaveCount 0
    }
}

Describe 'An answer the module does not understand is never silent' {
    BeforeEach { Clear-TestRequest }
    AfterEach { Clear-TestFault }

    It 'a list under an unknown key is read, with one warning per session naming the key' {
        $session = Connect-TestSession -PassThru
        $body = '{"data":[{"id":"11111111-2222-4333-8444-555555555555","order_type":"ENRICHMENT","status":"COMPLETED","title":"Elsewhere"}],"total":1}'
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'GET'; mode = 'body'; status = 200; body = $body; count = 2 }
        $first = @(Get-OPOrder -Session $session -WarningVariable w1 3>$null)
        $second = @(Get-OPOrder -Session $session -WarningVariable w2 3>$null)
        $first | Should -HaveCount 1
        $first[0].Title | Should -Be 'Elsewhere'
        $second | Should -HaveCount 1
        $w1 | Should -HaveCount 1
        $w1[0].Message | Should -BeLike "*under 'data'*"
        $w2 | Should -HaveCount 0
    }

    It 'a page with no array is INVALID_RESPONSE naming the keys it saw and the request, and is not retried' {
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'GET'; mode = 'body'; status = 200; body = '{"total":3,"note":"moved"}'; count = 1 }
        $got = @(Get-OPOrder -ErrorVariable e -ErrorAction SilentlyContinue)
        $got | Should -HaveCount 0
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'INVALID_RESPONSE,*'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $e[0].Exception.Message | Should -BeLike '*GET /api/v1/orders?limit=100&offset=0*no array*(top-level keys: total, note)*'
        @(Get-TestRequest | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/api/v1/orders' }) | Should -HaveCount 1
    }

    It 'a page with several arrays and none under a known key is INVALID_RESPONSE naming them' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 200; body = '{"a":[1],"b":[2]}'; count = 1 }
        Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'INVALID_RESPONSE,*'
        $e[0].Exception.Message | Should -BeLike '*several keys hold arrays (a, b)*'
    }

    It 'the results of a completed order under an unknown key are printed, never nothing' {
        $o = [pscustomobject]@{ CompanyName = 'Results GmbH'; ExternalId = 'R-1' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Results' -Wait -PollIntervalSec 0.2
        $o.Status | Should -Be 'COMPLETED'
        $body = '{"results":[{"id":"22222222-2222-4333-8444-555555555555","name":"Results GmbH","source_id":"R-1"}],"total":1,"limit":100,"offset":0}'
        Set-TestFault @{ path_prefix = "/api/v1/orders/$($o.Id)/results"; method = 'GET'; mode = 'body'; status = 200; body = $body; count = 1 }
        $r = @($o | Get-OPOrderResult -WarningVariable w 3>$null)
        $r | Should -HaveCount 1
        $r[0].SourceId | Should -Be 'R-1'
        $w[0].Message | Should -BeLike "*under 'results'*"
    }
}

Describe 'Times without a zone are UTC whatever the machine zone' {
    It 'an order time without a zone keeps its clock time at offset 0 under TZ=America/New_York' {
        $body = '{"id":"33333333-2222-4333-8444-555555555555","order_type":"ENRICHMENT","status":"RECEIVED","created_at":"2026-11-30T12:00:00.123456"}'
        Set-TestFault @{ path_prefix = '/api/v1/orders/33333333-2222-4333-8444-555555555555'; method = 'GET'; mode = 'body'; status = 200; body = $body; count = 1 }
        $script = {
            param($Manifest, $Uri, $Key)
            Import-Module $Manifest
            Connect-OpenProspect -BaseUri $Uri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -SkipValidation
            $o = Get-OPOrder -Id '33333333-2222-4333-8444-555555555555'
            '{0}|{1}|{2}' -f $o.CreatedAt.Offset.TotalMinutes, $o.CreatedAt.UtcDateTime.ToString('HH:mm:ss'), [TimeZoneInfo]::Local.BaseUtcOffset.TotalHours
        }
        $env:TZ = 'America/New_York'
        try { $out = & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command $script -args $script:ModuleManifest, $script:BaseUri, (Get-TestKey 'full-access') }
        finally { Remove-Item Env:TZ }
        Clear-TestFault
        $out | Should -Be '0|12:00:00|-5'
    }
}

Describe 'Validation errors say what is wrong in the message' {
    AfterEach { Clear-TestFault }

    It 'names the field, the rule and the value the server refused' {
        Get-OPCompany -ProspectSearchId 'DACH' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'VALIDATION_ERROR,*'
        $e[0].Exception.Message | Should -BeLike '*prospect_search_id: must be a UUID, provided "DACH"*'
    }

    It 'names the first five fields and counts the rest' {
        $problems = 1..7 | ForEach-Object { @{ field = "f$_"; error = 'is wrong'; provided = $_ } }
        $body = @{ code = 'VALIDATION_ERROR'; message = 'Invalid input.'; details = @{ validation_errors = $problems } } | ConvertTo-Json -Depth 5
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 422; body = $body; count = 1 }
        Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].Exception.Message | Should -Be 'Invalid input: f1: is wrong, provided 1; f2: is wrong, provided 2; f3: is wrong, provided 3; f4: is wrong, provided 4; f5: is wrong, provided 5; and 2 more'
    }

    It 'reads a framework-style detail list too' {
        $body = '{"detail":[{"loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500"}]}'
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 422; body = $body; count = 1 }
        Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'HTTP_422,*'
        $e[0].Exception.Message | Should -BeLike '*limit: Input should be less than or equal to 100, provided "500"*'
    }
}

Describe 'No client-side rule that the docs do not make' {
    BeforeEach { Clear-TestRequest }

    It 'an order feature the module does not know is sent; the server decides' {
        $null = [pscustomobject]@{ CompanyName = 'Feature AG' } | New-OPOrder -ProfileId $script:ProfileId -Feature 'COMPANY_DATA', 'FUTURE_FEATURE' -ErrorVariable e -ErrorAction SilentlyContinue
        Get-OrderPost | Should -HaveCount 1
        # The emulator plays strict about features; its refusal names the field and the value that was sent.
        $e[0].FullyQualifiedErrorId | Should -BeLike 'VALIDATION_ERROR,*'
        $e[0].Exception.Message | Should -BeLike '*features*FUTURE_FEATURE*'
    }

    It 'countries and languages in any spelling are sent as given' {
        $null = New-OPSearchProfile -ProfileName 'Spelled out' -IdealCustomerProfile 'x' -TargetCountry 'Germany' -OutputLanguage 'german' -ErrorVariable e -ErrorAction SilentlyContinue
        @($e | Where-Object FullyQualifiedErrorId -Like 'ParameterArgumentValidationError*') | Should -HaveCount 0
        @(Get-TestWrite | Where-Object path -EQ '/api/v1/search-profile-creations') | Should -HaveCount 1
    }

    It 'Get-OPProspect without a filter is sent as it is' {
        $null = Get-OPProspect -First 1 -ErrorAction SilentlyContinue
        @(Get-TestRequest | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/api/v1/prospects' }) | Should -HaveCount 1
    }

    It 'the completion still offers the features the docs show' {
        $r = TabExpansion2 -inputScript 'New-OPOrder -Feature ' -cursorColumn 'New-OPOrder -Feature '.Length
        $r.CompletionMatches.CompletionText | Should -Contain 'CONTACTS'
    }
}

Describe 'Routes that may be gone are told apart from unknown ids' {
    BeforeEach { Clear-TestRequest }
    AfterEach { Clear-TestFault }

    It 'Get-OPProspectSearch -Id reads the list when GET /prospect-searches/{id} is gone' {
        Set-TestFault @{ path_prefix = "/api/v1/prospect-searches/$($script:ProspectSearchId)"; method = 'GET'; mode = 'body'; status = 404; body = '{"detail":"Not Found"}' }
        $s = Get-OPProspectSearch -Id $script:ProspectSearchId -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [OpenProspect.ProspectSearch] }
        $s.Id | Should -Be $script:ProspectSearchId
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -BeLike '*not offered by this API*list instead*'
        @(Get-TestRequest | Where-Object { $_.path -eq '/api/v1/prospect-searches' }) | Should -HaveCount 1
    }

    It 'an unknown id is PROSPECT_SEARCH_NOT_FOUND, without a detour through the list' {
        Get-OPProspectSearch -Id '550e8400-e29b-41d4-a716-44665544ffff' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PROSPECT_SEARCH_NOT_FOUND,*'
        @(Get-TestRequest | Where-Object { $_.path -eq '/api/v1/prospect-searches' }) | Should -HaveCount 0
    }

    It 'Set-OPProspectSearch says the API no longer offers editing when PATCH is gone' {
        Set-TestFault @{ path_prefix = "/api/v1/prospect-searches/$($script:ProspectSearchId)"; method = 'PATCH'; mode = 'body'; status = 405; body = '{"detail":"Method Not Allowed"}' }
        Set-OPProspectSearch -Id $script:ProspectSearchId -Name 'Renamed' -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ProspectSearchEditingUnavailable,*'
        $e[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        (Get-OPProspectSearch -Id $script:ProspectSearchId).Name | Should -Not -Be 'Renamed'
    }

    It 'a missing route anywhere says so instead of blaming the id' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 404; body = '{"detail":"Not Found"}'; count = 1 }
        Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].Exception.IsRouteMissing | Should -BeTrue
        $e[0].ErrorDetails.Message | Should -BeLike 'GET /api/v1/blacklists is not offered by this API*'
        $e[0].ErrorDetails.RecommendedAction | Should -BeLike '*Test-OPApiContract*'
    }
}

Describe 'Presets are the authentication page''s' {
    AfterEach { Connect-TestSession }   # the -PassThru sessions above also became the default

    It 'Test-OpenProspectKey -Preset <Preset> requires exactly <Scopes>' -ForEach @(
        @{ Preset = 'EnrichmentOrders'; Scopes = 'companies:read orders:read orders:write prospects:read' }
        @{ Preset = 'DiscoveryOrders'; Scopes = 'blacklists:read blacklists:write companies:read orders:read orders:write prospects:read' }
        @{ Preset = 'CrmSync'; Scopes = 'companies:read prospects:read' }
        @{ Preset = 'BlacklistManagement'; Scopes = 'blacklists:read blacklists:write' }
    ) {
        ((Test-OpenProspectKey -Preset $Preset).RequiredScopes | Sort-Object) -join ' ' | Should -Be $Scopes
    }

    It 'the emulator key for <Preset> has every scope of its preset' -ForEach @(
        @{ Preset = 'EnrichmentOrders'; Key = 'enrichment-orders' }
        @{ Preset = 'DiscoveryOrders'; Key = 'discovery-orders' }
        @{ Preset = 'CrmSync'; Key = 'crm-sync' }
        @{ Preset = 'BlacklistManagement'; Key = 'blacklist-management' }
    ) {
        $s = Connect-TestSession $Key -PassThru
        $r = Test-OpenProspectKey -Session $s -Preset $Preset
        $r.MissingScopes | Should -HaveCount 0
    }

    It 'the enrichment-orders key runs New-OPOrder -Wait | Get-OPOrderResult' {
        $s = Connect-TestSession 'enrichment-orders' -PassThru
        $rows = [pscustomobject]@{ CompanyName = 'Preset GmbH'; ExternalId = 'P-1' }
        $r = @($rows | New-OPOrder -Session $s -ProfileId $script:ProfileId -Title 'Preset run' -Wait -PollIntervalSec 0.2 | Get-OPOrderResult -Session $s)
        $r | Should -HaveCount 1
        $r[0].SourceId | Should -Be 'P-1'
    }

    It 'the crm-sync key runs Sync-OPDelivery' {
        $s = Connect-TestSession 'crm-sync' -PassThru
        $work = New-TestFolder 'preset-sync'
        try {
            $got = @(Sync-OPDelivery -Session $s -ProspectSearchId $script:ProspectSearchId -StatePath (Join-Path $work 'state.json'))
            $got.Count | Should -BeGreaterThan 0
            Test-Path (Join-Path $work 'state.json') | Should -BeTrue
        }
        finally { Remove-TestFolder $work }
    }

    It 'the discovery-orders key runs a discovery order that excludes its own blacklist' {
        $s = Connect-TestSession 'discovery-orders' -PassThru
        $bl = New-OPBlacklist -Session $s -Name 'Preset exclusions'
        $null = [pscustomobject]@{ CompanyName = 'Excluded Ltd' } | Add-OPBlacklistEntry -Session $s -BlacklistId $bl.Id
        $o = New-OPOrder -Session $s -ProfileId $script:ProfileId -BriefingQuantity 3 -BlacklistId $bl.Id -Wait -PollIntervalSec 0.2
        $o.Status | Should -Be 'COMPLETED'
        @($o | Get-OPOrderResult -Session $s) | Should -HaveCount 3
    }

    It 'the blacklist-management key keeps a blacklist and its assignment' {
        $s = Connect-TestSession 'blacklist-management' -PassThru
        $bl = New-OPBlacklist -Session $s -Name 'Preset upkeep'
        $r = [pscustomobject]@{ CompanyName = 'Kept GmbH' } | Add-OPBlacklistEntry -Session $s -BlacklistId $bl.Id
        $r.Added | Should -Be 1
        $bl | Set-OPBlacklistAssignment -Session $s -ProspectSearchId $script:ProspectSearchId -Confirm:$false
        (Get-OPBlacklistAssignment -Session $s -ProspectSearchId $script:ProspectSearchId).Id | Should -Contain $bl.Id
    }
}
