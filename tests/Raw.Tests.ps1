# Invoke-OPApiRequest and Test-OPApiContract against the emulator: path forms, paging with -All, -Raw, bodies,
# errors as ErrorRecords, refusal of other origins before any request, -WhatIf, the key in no stream, and the
# contract check against the emulator as it is and with injected drift (an emulator control, not a mock).
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--order-seconds', '0', '--profile-seconds', '0'
    Connect-TestSession 'full-access'
    # The seeded search with 40 companies: small enough to page through in a few requests.
    $script:Nordic = '550e8400-e29b-41d4-a716-446655440001'
    $script:Profile = ((Invoke-RestMethod "$($script:BaseUri)/_emulator/profiles") | ForEach-Object { $_ })[0]
    $script:NonInteractive = [Environment]::GetCommandLineArgs() -contains '-NonInteractive'

    # A session with another key; the default session stays the full-access one whatever happens.
    function Connect-Other([string] $KeyName) {
        try { Connect-TestSession $KeyName -PassThru } finally { Connect-TestSession 'full-access' }
    }
    # Runs a call and returns its one error record (the call is expected to fail without stopping the test).
    function Get-CallError([scriptblock] $Call) {
        $err = $null
        try { & $Call -ErrorAction Stop | Out-Null } catch { $err = $_ }
        $err
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Invoke-OPApiRequest paths' {
    BeforeEach { Clear-TestRequest }

    It 'reads <Path> as /api/v1/blacklists' -ForEach @(
        @{ Path = '/api/v1/blacklists' }, @{ Path = 'api/v1/blacklists' }, @{ Path = 'blacklists' }, @{ Path = '/blacklists/' }
    ) {
        $answer = Invoke-OPApiRequest GET $Path
        $answer.total | Should -BeOfType [long]
        $requests = @(Get-TestRequest)
        $requests | Should -HaveCount 1
        $requests[0].path.TrimEnd('/') | Should -Be '/api/v1/blacklists'
        $requests[0].status | Should -Be 200
    }

    It 'accepts an absolute URL on the session''s origin' {
        $answer = Invoke-OPApiRequest GET "$($script:BaseUri)/api/v1/auth/validate"
        $answer.valid | Should -BeTrue
        (Get-TestRequest).path | Should -Be '/api/v1/auth/validate'
    }

    It 'merges -Query into the query of the path; -Query wins for the same name' {
        $page = Invoke-OPApiRequest GET "companies?prospect_search_id=$($script:Nordic)&limit=5" -Query @{ limit = 3; offset = 2 }
        $page.limit | Should -Be 3
        $page.offset | Should -Be 2
        $page.items | Should -HaveCount 3
        $query = (Get-TestRequest).query -split '&'
        $query | Should -Contain "prospect_search_id=$($script:Nordic)"
        $query | Should -Contain 'limit=3'
        $query | Should -Not -Contain 'limit=5'
    }

    It 'sends a list in -Query as the repeated key' {
        $null = Invoke-OPApiRequest GET companies -Query @{ prospect_search_id = $script:Nordic; review_status_list = @('accepted', 'pending'); limit = 1 }
        $query = (Get-TestRequest).query -split '&'
        @($query | Where-Object { $_ -like 'review_status_list=*' }) | Should -Be @('review_status_list=accepted', 'review_status_list=pending')
    }

    It 'refuses an absolute URL on another origin before any request: <Url>' -ForEach @(
        @{ Url = 'https://evil.example/api/v1/blacklists' }
        @{ Url = 'http://127.0.0.1:1/api/v1/blacklists' }
        @{ Url = 'https://127.0.0.1/api/v1/blacklists' }
    ) {
        $err = Get-CallError { Invoke-OPApiRequest GET $Url }
        $err.FullyQualifiedErrorId | Should -Be 'OtherOriginRefused,OpenProspect.Cmdlets.Raw.InvokeOPApiRequestCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Url
        $err.Exception.Message | Should -BeLike '*was not sent*'
        @(Get-TestRequest) | Should -HaveCount 0
    }

    It 'refuses a URL with user information, even on the session''s origin, without echoing it' {
        $url = $script:BaseUri -replace '^http://', 'http://someone:hunter2@'
        $err = Get-CallError { Invoke-OPApiRequest GET "$url/api/v1/blacklists" }
        $err.FullyQualifiedErrorId | Should -BeLike 'OtherOriginRefused,*'
        $err.Exception.Message | Should -Not -BeLike '*hunter2*'
        @(Get-TestRequest) | Should -HaveCount 0
    }

    It 'keeps a relative path below /api/v1 (<Path>) and says how to leave it' -ForEach @(
        @{ Path = '../../health' }, @{ Path = 'companies/../../../health' }
    ) {
        $err = Get-CallError { Invoke-OPApiRequest GET $Path }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidApiPath,*'
        $err.Exception.Message | Should -BeLike '*absolute URL*'
        @(Get-TestRequest) | Should -HaveCount 0
    }

    It 'reaches a path outside /api/v1 on the same origin with the absolute URL' {
        $err = Get-CallError { Invoke-OPApiRequest GET "$($script:BaseUri)/health" }
        # The emulator serves no /health (a legacy path of the oldest docs): the request went there and came back 404.
        $err.FullyQualifiedErrorId | Should -BeLike 'HTTP_404,*'
        $requests = @(Get-TestRequest)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -Be '/health'
        $requests[0].headers | Should -Contain 'Authorization'
    }
}

Describe 'Invoke-OPApiRequest output' {
    It 'writes objects with the API''s own names; nested arrays stay arrays' {
        $search = Invoke-OPApiRequest GET "prospect-searches/$($script:ProspectSearchId)"
        $search.id | Should -Be $script:ProspectSearchId
        $search.ideal_customer_profile | Should -Not -BeNullOrEmpty
        , $search.geo_locations | Should -BeOfType [object[]]
        $search.geo_locations | Should -HaveCount 3
        $search.language_config.languages | Should -Be @('de', 'en')
        $search.version | Should -BeOfType [long]
        # Times stay the text the API sent.
        $search.created_at | Should -BeOfType [string]
        $search.created_at | Should -Match 'Z$'
    }

    It '-Raw writes the body text' {
        $text = Invoke-OPApiRequest GET auth/validate -Raw
        $text | Should -BeOfType [string]
        @($text) | Should -HaveCount 1
        ($text | ConvertFrom-Json).valid | Should -BeTrue
        $text | Should -BeLike '{"valid":true,*'
    }

    It 'an empty 204 answer writes nothing' {
        $bl = New-OPBlacklist -Name 'Raw delete'
        $out = @(Invoke-OPApiRequest DELETE "blacklists/$($bl.Id)" -Confirm:$false)
        $out | Should -HaveCount 0
        (Get-TestRequest | Select-Object -Last 1).status | Should -Be 204
        { Get-OPBlacklist -Id $bl.Id -ErrorAction Stop } | Should -Throw -ErrorId 'BLACKLIST_NOT_FOUND,*'
    }
}

Describe 'Invoke-OPApiRequest -All' {
    BeforeEach { Clear-TestRequest }

    It 'streams every item of every page: count equals total, pages as the emulator recorded them' {
        $items = @(Invoke-OPApiRequest GET companies -Query @{ prospect_search_id = $script:Nordic } -All -PageSize 15)
        $total = (Invoke-OPApiRequest GET companies -Query @{ prospect_search_id = $script:Nordic; limit = 1 }).total
        $total | Should -Be 40
        $items | Should -HaveCount $total
        ($items.id | Sort-Object -Unique) | Should -HaveCount $total
        $items[0].prospect_search_id | Should -Be $script:Nordic
        $pages = @(Get-TestRequest | Where-Object { $_.path -eq '/api/v1/companies' -and $_.query -like '*offset=*' })
        $pages | Should -HaveCount 3
        $pages.query | Should -Be @(
            "prospect_search_id=$($script:Nordic)&limit=15&offset=0"
            "prospect_search_id=$($script:Nordic)&limit=15&offset=15"
            "prospect_search_id=$($script:Nordic)&limit=15&offset=30")
    }

    It 'pages a list under an unknown key with one warning (list key renamed by the emulator)' {
        try {
            $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/companies -RenameListKey @{ items = 'results' }
            $items = @(Invoke-OPApiRequest GET companies -Query @{ prospect_search_id = $script:Nordic } -All -PageSize 20 -WarningVariable warned -WarningAction SilentlyContinue)
            $items | Should -HaveCount 40
            $warned | Should -HaveCount 1
            "$warned" | Should -BeLike "*under 'results'*"
        }
        finally { Clear-OPEmulatorDrift -Url $script:BaseUri }
    }

    It 'an answer without a list is INVALID_RESPONSE naming its keys' {
        $err = Get-CallError { Invoke-OPApiRequest GET "prospect-searches/$($script:ProspectSearchId)" -All }
        $err.FullyQualifiedErrorId | Should -BeLike 'INVALID_RESPONSE,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidResult'
        $err.Exception.Message | Should -BeLike "*prospect-searches/$($script:ProspectSearchId)*several keys hold arrays (geo_locations, search_keywords)*"
    }

    It 'refuses limit and offset in the query, and -All with another method, before any request' {
        (Get-CallError { Invoke-OPApiRequest GET 'blacklists?limit=5' -All }).FullyQualifiedErrorId | Should -BeLike 'PagingParameterWithAll,*'
        (Get-CallError { Invoke-OPApiRequest POST blacklists -All }).FullyQualifiedErrorId | Should -BeLike 'AllNeedsGet,*'
        { Invoke-OPApiRequest GET blacklists -All -PageSize 101 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        @(Get-TestRequest) | Should -HaveCount 0
    }
}

Describe 'Invoke-OPApiRequest bodies' {
    BeforeEach { Clear-TestRequest }

    It 'sends a hashtable as UTF-8 JSON with an Idempotency-Key, exactly as written to -Debug' {
        $body = [ordered]@{ name = 'Kunden München – Café'; description = 'Zürich ✓' }
        $DebugPreference = 'Continue'
        $debug = Invoke-OPApiRequest POST blacklists -Body $body -Confirm:$false 5>&1 4>$null |
            Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($debug.Message -join "`n") | Should -BeLike '*body: {"name":"Kunden M\u00FCnchen \u2013 Caf\u00E9","description":"Z\u00FCrich \u2713"}*'
        $post = @(Get-TestWrite)
        $post | Should -HaveCount 1
        $post[0].status | Should -Be 201
        $post[0].headers | Should -Contain 'Idempotency-Key'
        $post[0].headers | Should -Contain 'Content-Type'
        $stored = Get-OPBlacklist -Name 'Kunden München – Café'
        $stored.Description | Should -Be 'Zürich ✓'
    }

    It 'sends nested objects and arrays (entries of PSCustomObjects and hashtables)' {
        $bl = New-OPBlacklist -Name 'Raw entries'
        $answer = Invoke-OPApiRequest POST "blacklists/$($bl.Id)/entries" -Confirm:$false -Body @{
            entries = @(
                @{ company_name = 'Alpha AG'; website_url = 'https://alpha.example' }
                [pscustomobject]@{ company_name = 'Beta GmbH'; external_id = 'B-1'; city = 'Köln' }
            )
        }
        $answer.added | Should -Be 2
        $entries = Get-OPBlacklistEntry -BlacklistId $bl.Id
        $entries | Should -HaveCount 2
        ($entries | Where-Object ExternalId -EQ 'B-1').City | Should -Be 'Köln'
    }

    It 'sends a string body as it is, and dates, numbers and booleans as JSON' {
        $bl = Invoke-OPApiRequest POST blacklists -Body '{"name":"From a string"}' -Confirm:$false
        $bl.name | Should -Be 'From a string'
        $when = [datetime]::new(2025, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)
        $DebugPreference = 'Continue'
        $debug = Invoke-OPApiRequest PATCH "blacklists/$($bl.id)" -Confirm:$false 5>&1 4>$null -Body ([ordered]@{
                description = 'checked'; extra = [ordered]@{ at = $when; n = 1.5; big = 10000000000; ok = $true; none = $null; list = @(1, 'x') } }) -ErrorAction SilentlyContinue |
            Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($debug.Message -join "`n") | Should -BeLike '*body: {"description":"checked","extra":{"at":"2025-01-02T03:04:05Z","n":1.5,"big":10000000000,"ok":true,"none":null,"list":`[1,"x"`]}}*'
    }

    It 'refuses a body on GET and a secret in a body before any request' {
        (Get-CallError { Invoke-OPApiRequest GET blacklists -Body @{ a = 1 } }).FullyQualifiedErrorId | Should -BeLike 'BodyWithGet,*'
        (Get-CallError { Invoke-OPApiRequest POST blacklists -Body @{ key = (ConvertTo-TestSecureString 'x') } -Confirm:$false }).FullyQualifiedErrorId | Should -BeLike 'InvalidBody,*'
        @(Get-TestRequest) | Should -HaveCount 0
    }
}

Describe 'Invoke-OPApiRequest errors' {
    AfterEach { Clear-TestFault }

    It '403 is AUTHORIZATION_ERROR (PermissionDenied) with the path as TargetObject' {
        $blOnly = Connect-Other 'blacklist-management'
        $err = Get-CallError { Invoke-OPApiRequest GET orders -Session $blOnly }
        $err.FullyQualifiedErrorId | Should -Be 'AUTHORIZATION_ERROR,OpenProspect.Cmdlets.Raw.InvokeOPApiRequestCommand'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.TargetObject | Should -Be 'orders'
        $err.Exception.StatusCode | Should -Be 403
        $err.Exception.Details['required_scopes'] | Should -Be @('orders:read')
    }

    It '404 is the API''s code (ObjectNotFound) and does not stop the pipeline' {
        $missing = [guid]::NewGuid().Guid
        $out = @('blacklists', "blacklists/$missing", 'auth/validate') | ForEach-Object {
            Invoke-OPApiRequest GET $_ -ErrorAction SilentlyContinue -ErrorVariable +notFound
        }
        $out | Should -HaveCount 2
        $notFound | Should -HaveCount 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'BLACKLIST_NOT_FOUND,*'
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be "blacklists/$missing"
    }

    It '422 is VALIDATION_ERROR (InvalidArgument) with the server''s details' {
        $err = Get-CallError { Invoke-OPApiRequest GET companies -Query @{ limit = 1 } }
        $err.FullyQualifiedErrorId | Should -BeLike 'VALIDATION_ERROR,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Details['validation_errors'][0]['field'] | Should -Be 'prospect_search_id'
    }

    It '429 is RATE_LIMIT_EXCEEDED (LimitsExceeded) once the retries are spent' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; status = 429; count = 5 }
        Clear-TestRequest
        $err = Get-CallError { Invoke-OPApiRequest GET blacklists }
        $err.FullyQualifiedErrorId | Should -BeLike 'RATE_LIMIT_EXCEEDED,*'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err.Exception.Attempts | Should -Be 2
        @(Get-TestRequest | Where-Object path -EQ '/api/v1/blacklists').status | Should -Be @(429, 429)
    }

    It 'a GET is retried after a 500 through the session''s transport' {
        Set-TestFault @{ path_prefix = '/api/v1/auth/validate'; status = 500; count = 1 }
        Clear-TestRequest
        (Invoke-OPApiRequest GET auth/validate).valid | Should -BeTrue
        @(Get-TestRequest).status | Should -Be @(500, 200)
    }
}

Describe 'Invoke-OPApiRequest -WhatIf and -Confirm' {
    BeforeAll { $script:Victim = New-OPBlacklist -Name 'Keep me' }
    BeforeEach { Clear-TestRequest }

    It '-WhatIf sends nothing for <Method>' -ForEach @(
        @{ Method = 'POST'; Path = 'blacklists'; Body = @{ name = 'Never' } }
        @{ Method = 'PATCH'; Path = 'blacklists/{id}'; Body = @{ name = 'Never' } }
        @{ Method = 'PUT'; Path = "prospect-searches/550e8400-e29b-41d4-a716-446655440000/blacklists"; Body = @{ blacklist_ids = @() } }
        @{ Method = 'DELETE'; Path = 'blacklists/{id}'; Body = $null }
    ) {
        $p = $Path -replace '\{id\}', $script:Victim.Id
        $arguments = @{ Method = $Method; Path = $p; WhatIf = $true }
        if ($Body) { $arguments.Body = $Body }
        $out = @(Invoke-OPApiRequest @arguments)
        $out | Should -HaveCount 0
        @(Get-TestRequest) | Should -HaveCount 0
        (Get-OPBlacklist -Id $script:Victim.Id).Name | Should -Be 'Keep me'
    }

    It 'a GET is sent even under -WhatIf: reading changes nothing' {
        (Invoke-OPApiRequest GET auth/validate -WhatIf).valid | Should -BeTrue
        @(Get-TestRequest) | Should -HaveCount 1
    }

    It 'with the default $ConfirmPreference a DELETE asks (High) and a POST does not (Medium)' {
        if (-not $script:NonInteractive) { Set-ItResult -Skipped -Because 'a prompt can only be observed as an error in a NonInteractive session' }
        $ConfirmPreference = 'High'
        { Invoke-OPApiRequest DELETE "blacklists/$($script:Victim.Id)" } | Should -Throw '*NonInteractive*'
        @(Get-TestWrite) | Should -HaveCount 0
        (Invoke-OPApiRequest POST blacklists -Body @{ name = 'Unasked' }).name | Should -Be 'Unasked'
        @(Get-TestWrite) | Should -HaveCount 1
    }

    It 'with $ConfirmPreference Medium a POST asks too, and a GET never does' {
        if (-not $script:NonInteractive) { Set-ItResult -Skipped -Because 'a prompt can only be observed as an error in a NonInteractive session' }
        $ConfirmPreference = 'Medium'
        { Invoke-OPApiRequest POST blacklists -Body @{ name = 'Asked' } } | Should -Throw '*NonInteractive*'
        (Invoke-OPApiRequest GET auth/validate).valid | Should -BeTrue
        @(Get-TestWrite) | Should -HaveCount 0
    }
}

Describe 'Invoke-OPApiRequest and Ctrl+C' {
    AfterEach { Clear-TestFault }

    It 'stopping a paged read (as Ctrl+C does) ends the request in flight and asks for no later page' {
        # The first page answers at once; the second is held by the emulator until the client goes away.
        Set-TestFault @{ path_prefix = '/api/v1/companies'; mode = 'slow'; delay_ms = 60000; after = 1 }
        Clear-TestRequest
        # The fault counts a request as it arrives (a held one is recorded only when it ends): two means the second
        # page reached the emulator.
        $r = Invoke-TestStop -Arrived { [int]@(Get-TestFault)[0].matched } -Expected 2 -Script {
            param($Manifest, $Uri, $Key, $Search)
            Import-Module $Manifest
            $s = Connect-OpenProspect -BaseUri $Uri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -SkipValidation -PassThru -TimeoutSec 120
            Invoke-OPApiRequest GET companies -Query @{ prospect_search_id = $Search } -All -PageSize 10 -Session $s
        } -ArgumentList $script:ModuleManifest, $script:BaseUri, (Get-TestKey 'full-access'), $script:Nordic
        $r.ArrivedBeforeStop | Should -Be 2
        $r.Completed | Should -BeTrue
        "$($r.State)" | Should -Be 'Stopped'
        $r.Output | Should -HaveCount 10
        # Both pages are recorded (the held one when the stop closed its connection); no later page was asked for.
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-TestRequest | Where-Object path -EQ '/api/v1/companies').Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        @(Get-TestRequest | Where-Object path -EQ '/api/v1/companies') | Should -HaveCount 2
        @(Get-TestRequest | Where-Object { $_.path -eq '/api/v1/companies' -and $_.query -like '*offset=20*' }) | Should -HaveCount 0
    }
}

Describe 'Invoke-OPApiRequest and the API key' {
    It 'the key is in no stream, error or transcript (-Verbose -Debug)' {
        $key = Get-TestKey 'full-access'
        $work = New-TestFolder 'raw-key'
        try {
            $transcript = Join-Path $work 'transcript.txt'
            # -Verbose and -Debug for every call; errors are captured, not thrown.
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $ErrorActionPreference = 'Continue'
            $null = Start-Transcript -Path $transcript
            $captured = & {
                Invoke-OPApiRequest GET auth/validate -Raw
                Invoke-OPApiRequest GET blacklists -All -PageSize 1
                Invoke-OPApiRequest POST blacklists -Body @{ name = 'Secret test' } -Confirm:$false
                Invoke-OPApiRequest GET "blacklists/$([guid]::NewGuid())"
                Invoke-OPApiRequest GET "$($script:BaseUri)/health"
                try { Invoke-OPApiRequest GET 'https://evil.example/x' } catch { $_ }
            } *>&1
            $null = Stop-Transcript
            $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
            $text = ($captured | ForEach-Object {
                    if ($_ -is [System.Management.Automation.ErrorRecord]) { "$_"; $_.Exception | Format-List * -Force | Out-String }
                    else { $_ | Out-String }
                }) -join "`n"
            $text | Should -BeLike '*Authorization: Bearer `[redacted`]*'
            $text | Should -BeLike '*BLACKLIST_NOT_FOUND*'
            $text | Should -BeLike '*GET /api/v1/auth/validate -> 200*'
            $recorded = Get-Content $transcript -Raw
            foreach ($secret in $key, $key.Substring(9)) {
                $text.Contains($secret) | Should -BeFalse
                $recorded.Contains($secret) | Should -BeFalse
            }
        }
        finally {
            $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
            try { $null = Stop-Transcript } catch { }
            Remove-TestFolder $work
        }
    }
}

Describe 'Test-OPApiContract' {
    BeforeAll {
        # A known state: the seed, plus data for every endpoint (ids come from the first item of each list):
        # a blacklist with an entry assigned to the search, and a completed order.
        Reset-OPEmulator -Url $script:BaseUri
        $bl = New-OPBlacklist -Name 'Contract'
        $null = Add-OPBlacklistEntry -BlacklistId $bl.Id -CompanyName 'Contract GmbH' -WebsiteUrl 'contract.example'
        $null = Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -BlacklistId $bl.Id -Confirm:$false
        $order = [pscustomobject]@{ CompanyName = 'Ordered AG' } | New-OPOrder -ProfileId $script:Profile.profile_id -Confirm:$false -Wait -PollIntervalSec 0.1
        $script:CreationId = $script:Profile.profile_creation_id
        # Fields the emulator sends on purpose that the models do not have (its README): not differences of the module.
        $script:EmulatorExtras = 'employee_range', 'description', 'prospect_search_id', 'prospects[].prospect_search_id',
            'geo_locations', 'search_keywords', 'language_config'
    }
    AfterEach { Clear-OPEmulatorDrift -Url $script:BaseUri }

    It 'runs clean against the emulator: every endpoint Match, with GETs only' {
        Clear-TestRequest
        $rows = @(Test-OPApiContract -ProfileCreationId $script:CreationId)
        $rows | Should -HaveCount 20
        $rows[0] | Should -BeOfType [OpenProspect.ApiContractResult]
        foreach ($r in $rows) {
            $r.Verdict | Should -Be 'Match' -Because "$($r.Endpoint): $($r.Reason)"
            $r.StatusCode | Should -Be 200
            $r.MissingFields | Should -BeNullOrEmpty -Because $r.Endpoint
            $r.ZonelessTimestamps | Should -BeNullOrEmpty -Because $r.Endpoint
            @($r.UnknownFields | Where-Object { $_ -notin $script:EmulatorExtras }) | Should -BeNullOrEmpty -Because $r.Endpoint
        }
        @($rows | Where-Object ListKey | Where-Object ListKey -NE 'items') | Should -HaveCount 0
        ($rows | Where-Object Endpoint -EQ 'companies').UnknownFields | Should -Be @('employee_range')
        $requests = @(Get-TestRequest)
        $requests | Should -HaveCount 20
        @($requests | Where-Object method -NE 'GET') | Should -HaveCount 0
        $listed = @($requests | Where-Object { $_.query -like 'limit=*' -or $_.query -like '*&limit=*' })
        $listed.Count | Should -BeGreaterThan 0 -Because 'the list endpoints are read with a limit'
        $listed.query | ForEach-Object { $_ | Should -Match '(^|&)limit=1$' }
    }

    It 'names an added field' {
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/blacklists -AddField @{ tier = 'gold' }
        $rows = @(Test-OPApiContract -Endpoint 'blacklists', 'blacklists/{id}')
        $rows | Should -HaveCount 2
        foreach ($r in $rows) {
            $r.UnknownFields | Should -Be @('tier')
            $r.MissingFields | Should -BeNullOrEmpty
            $r.Verdict | Should -Be 'Match'
            $r.Reason | Should -BeLike '*tier*'
        }
    }

    It 'names a dropped field: a required one makes the endpoint Differ' {
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/blacklists -DropField 'entry_count'
        $rows = @(Test-OPApiContract -Endpoint 'blacklists', 'blacklists/{id}')
        $rows | Should -HaveCount 2
        foreach ($r in $rows) {
            $r.Verdict | Should -Be 'Differs'
            $r.MissingFields | Should -Be @('entry_count')
            $r.UnknownFields | Should -BeNullOrEmpty
            $r.Reason | Should -BeLike '*missing: entry_count*'
        }
    }

    It 'names a dropped optional field as absent' {
        # A company list item carries no prospects (only details and deliveries embed them): absent before and after.
        $before = Test-OPApiContract -Endpoint 'companies'
        $before.AbsentFields | Should -Be @('prospects')
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/companies -DropField 'city'
        $row = Test-OPApiContract -Endpoint 'companies'
        $row.Verdict | Should -Be 'Match'
        $row.AbsentFields | Should -Be @('city', 'prospects')
        $row.MissingFields | Should -BeNullOrEmpty
        $row.UnknownFields | Should -Be $before.UnknownFields
        (Test-OPApiContract -Endpoint 'companies' -ProspectSearchId $script:Nordic).AbsentFields | Should -Be @('city', 'prospects')
    }

    It 'names a renamed list key' {
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/companies -RenameListKey @{ items = 'results' }
        $rows = @(Test-OPApiContract -Endpoint 'companies*')
        $rows | Should -HaveCount 6
        $list = $rows | Where-Object Endpoint -EQ 'companies'
        $list.Verdict | Should -Be 'Differs'
        $list.ListKey | Should -Be 'results'
        $list.Reason | Should -BeLike "*under 'results'; the module reads items or orders*"
        $list.UnknownFields | Should -Be @('employee_range')
        # The rule covers every path below /api/v1/companies: each list there is renamed, each object is unchanged.
        # The company id still came from the first item, so the endpoints below it were checked.
        ($rows | Where-Object ListKey -EQ 'results').Endpoint | Should -Be @('companies', 'companies/{id}/jobs', 'companies/{id}/webtech-intel')
        ($rows | Where-Object ListKey -EQ 'results').Verdict | Sort-Object -Unique | Should -Be 'Differs'
        ($rows | Where-Object ListKey -NE 'results').Verdict | Sort-Object -Unique | Should -Be 'Match'
    }

    It 'skips what the key has no scope for, naming the scope, and sends nothing there' {
        # The CRM Sync preset: companies:read and prospects:read only. -ProspectSearchId stands in for the list of
        # searches it cannot read, so the company endpoints are still checked.
        $crm = Connect-Other 'crm-sync'
        Clear-TestRequest
        $rows = @(Test-OPApiContract -Session $crm -ProspectSearchId $script:ProspectSearchId)
        $skipped = @($rows | Where-Object Verdict -EQ 'Skipped')
        $skipped.Endpoint | Should -Be @('prospect-searches', 'prospect-searches/{id}', 'orders', 'orders/{id}', 'orders/{id}/results',
            'search-profile-creations/{id}', 'blacklists', 'blacklists/{id}', 'blacklists/{id}/entries', 'prospect-searches/{id}/blacklists')
        ($rows | Where-Object Endpoint -EQ 'prospect-searches').Reason | Should -Be 'The key lacks the scope prospect_searches:read.'
        ($rows | Where-Object Endpoint -EQ 'orders').Reason | Should -Be 'The key lacks the scope orders:read.'
        ($rows | Where-Object Endpoint -EQ 'blacklists').Reason | Should -Be 'The key lacks the scope blacklists:read.'
        ($rows | Where-Object Verdict -EQ 'Match').Endpoint | Should -Contain 'companies/{id}/webtech-intel/summary'
        @($rows | Where-Object Verdict -NotIn 'Match', 'Skipped') | Should -HaveCount 0
        @(Get-TestRequest | Where-Object { $_.path -like '/api/v1/orders*' -or $_.path -like '*blacklists*' -or $_.path -like '/api/v1/prospect-searches*' }) | Should -HaveCount 0
    }

    It 'skips what has no data, naming what was missing' {
        $globex = Connect-Other 'other-org'
        $rows = @(Test-OPApiContract -Session $globex -Endpoint 'blacklists*', 'orders*', 'search-profile-creations/{id}')
        ($rows | Where-Object Endpoint -EQ 'blacklists').Reason | Should -Be 'The list is empty: no item to compare.'
        ($rows | Where-Object Endpoint -EQ 'blacklists/{id}').Reason | Should -Be 'No blacklist: blacklists gave none (the list is empty).'
        ($rows | Where-Object Endpoint -EQ 'orders/{id}/results').Reason | Should -BeLike 'No completed order: *'
        ($rows | Where-Object Endpoint -EQ 'search-profile-creations/{id}').Reason | Should -BeLike '*-ProfileCreationId*'
        $rows.Verdict | Sort-Object -Unique | Should -Be 'Skipped'
    }

    It 'a failed call is Failed with the error, and the endpoints below it are skipped' {
        Set-TestFault @{ path_prefix = '/api/v1/orders'; status = 404; count = 1 }
        try { $rows = @(Test-OPApiContract -Endpoint 'orders*') } finally { Clear-TestFault }
        $rows[0].Endpoint | Should -Be 'orders'
        $rows[0].Verdict | Should -Be 'Failed'
        $rows[0].StatusCode | Should -Be 404
        $rows[0].ErrorId | Should -Be 'INJECTED_FAULT'
        $rows[1].Reason | Should -Be 'No order: orders failed.'
    }

    It '-Endpoint writes only the endpoints asked for, calling their parents for the ids' {
        Clear-TestRequest
        $rows = @(Test-OPApiContract -Endpoint 'companies/{id}/jobs')
        $rows | Should -HaveCount 1
        $rows[0].Verdict | Should -Be 'Match'
        $rows[0].Path | Should -BeLike '/api/v1/companies/*/jobs?limit=1'
        (Get-TestRequest).path | Should -Be @('/api/v1/prospect-searches', '/api/v1/companies', ($rows[0].Path -replace '\?.*'))
        (Get-CallError { Test-OPApiContract -Endpoint 'nothing*' }).FullyQualifiedErrorId | Should -BeLike 'UnknownEndpoint,*'
    }

    It 'the table view shows the verdicts at a glance' {
        $text = Test-OPApiContract -Endpoint 'auth/validate', 'companies' | Out-String -Width 200
        $text | Should -Match 'Endpoint\s+Verdict\s+Status\s+ListKey\s+Missing\s+Unknown\s+Reason'
        $text | Should -Match 'companies\s+Match\s+200\s+items'
    }
}

# The alternate dialect: orders under "orders", ids as order_id, zone-less timestamps, no has_more, 307 redirects
# from paths without a trailing slash. The module reads all of these, so the contract check stays clean.
Describe 'Against the alternate dialect' {
    It 'Test-OPApiContract runs clean: the other shapes are reported, not Differs' {
        Invoke-WithEmulatorOption @{ Dialect = 'alternate' } {
            $rows = @(Test-OPApiContract -ProfileCreationId $script:Profile.profile_creation_id)
            $rows | Should -HaveCount 20
            foreach ($r in $rows) {
                $r.Verdict | Should -BeIn 'Match', 'Skipped' -Because "$($r.Endpoint): $($r.Reason)"
                $r.MissingFields | Should -BeNullOrEmpty -Because $r.Endpoint
            }
            ($rows | Where-Object Endpoint -EQ 'orders').ListKey | Should -Be 'orders'
            @($rows | Where-Object { $_.ZonelessTimestamps }) | Should -Not -BeNullOrEmpty -Because 'the alternate dialect writes times without a zone'
        }
    }

    It 'Invoke-OPApiRequest -All pages a list without has_more to its total' {
        Invoke-WithEmulatorOption @{ Dialect = 'alternate' } {
            $items = @(Invoke-OPApiRequest GET companies -Query @{ prospect_search_id = $script:Nordic } -All -PageSize 15)
            $items | Should -HaveCount 40
            ($items.id | Sort-Object -Unique) | Should -HaveCount 40
        }
    }
}
