# The emulator itself, over raw HTTP (HttpClient and a TCP socket; the module is not used): Idempotency-Key
# honoured only where the docs document it, the fault modes that lose an answer after or before the work, the
# preset keys of the authentication page, and every shape of the alternate dialect next to the standard one.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    $script:Standard = Start-OPEmulator -Dialect standard
    $script:AllKeys = Start-OPEmulator -Idempotency all
    # The rate limit is per key: only the read-only key (used by no other test there) is sent often enough to reach it.
    $script:RateLimit = 40
    $script:Alternate = Start-OPEmulator -Dialect alternate -ArgumentList '--rate-limit', $script:RateLimit, '--order-seconds', '0'
    $script:Keys = @{}
    foreach ($k in Get-OPEmulatorKey -Url $script:Standard.Url) { $script:Keys[$k.name] = $k }
    $script:Full = $script:Keys['full-access'].key
    $script:Search = '550e8400-e29b-41d4-a716-446655440000'
    $script:SmallSearch = '550e8400-e29b-41d4-a716-446655440001'
    $script:ProfileId = '7a000000-0000-4000-8000-00000000000a'
    $script:SeededCreation = '7b000000-0000-4000-8000-00000000000a'

    $handler = [System.Net.Http.SocketsHttpHandler]::new()
    $handler.AllowAutoRedirect = $false          # the 307s are what some tests look at
    $handler.PooledConnectionLifetime = [timespan]::Zero
    $script:Http = [System.Net.Http.HttpClient]::new($handler)
    $script:Http.Timeout = [timespan]::FromSeconds(30)

    # One request; the answer's status, headers, text and parsed body (times kept as the strings sent).
    function Send([string] $Method, [string] $Url, $Body, [string] $Key = $script:Full, [hashtable] $Header = @{}) {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $Url)
        if ($Key) { $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Key) }
        foreach ($h in $Header.GetEnumerator()) { $null = $request.Headers.TryAddWithoutValidation($h.Key, [string]$h.Value) }
        if ($null -ne $Body) {
            $json = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 10 -Compress }
            $request.Content = [System.Net.Http.StringContent]::new($json, [Text.Encoding]::UTF8, 'application/json')
        }
        $response = $script:Http.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        [pscustomobject]@{
            Status   = [int]$response.StatusCode
            Headers  = $response.Headers
            Location = $response.Headers.Location
            Text     = $text
            Json     = if ($text) { $text | ConvertFrom-Json -DateKind String } else { $null }
        }
    }

    # The exception a request ends with (unwrapped from PowerShell's MethodInvocationException), or $null.
    function Get-SendFailure([scriptblock] $Request) {
        try { $null = & $Request; $null }
        catch {
            $e = $_.Exception
            while ($e -is [System.Management.Automation.MethodInvocationException] -and $e.InnerException) { $e = $e.InnerException }
            $e
        }
    }

    # A raw HTTP/1.1 request over TCP ("Connection: close"): the number of answer bytes that arrived before the
    # server closed or reset the connection.
    function Send-Raw([string] $Url, [string] $Method, [string] $Path, [string] $Json, [hashtable] $Header = @{}) {
        $uri = [uri]$Url
        $lines = @("$Method $Path HTTP/1.1", "Host: $($uri.Authority)", "Authorization: Bearer $($script:Full)", 'Connection: close')
        foreach ($h in $Header.GetEnumerator()) { $lines += "$($h.Key): $($h.Value)" }
        $payload = [Text.Encoding]::UTF8.GetBytes($Json)
        $lines += 'Content-Type: application/json', "Content-Length: $($payload.Length)", '', ''
        $head = [Text.Encoding]::ASCII.GetBytes($lines -join "`r`n")
        $tcp = [System.Net.Sockets.TcpClient]::new($uri.Host, $uri.Port)
        try {
            $stream = $tcp.GetStream()
            $stream.ReadTimeout = 15000
            $stream.Write($head, 0, $head.Length)
            $stream.Write($payload, 0, $payload.Length)
            $buffer = [byte[]]::new(1MB)
            $total = 0
            try {
                while (($n = $stream.Read($buffer, $total, $buffer.Length - $total)) -gt 0) { $total += $n }
            }
            catch [System.IO.IOException] { }   # a reset ends the answer as surely as a close
            $total
        }
        finally { $tcp.Dispose() }
    }

    function Set-Fault([string] $Url, [hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/faults" -Body ($Fault | ConvertTo-Json) -ContentType 'application/json'
    }

    function New-EnrichmentOrder([string] $Title) {
        @{ order_type = 'ENRICHMENT'; profile_id = $script:ProfileId; title = $Title; companies = @(@{ company_name = 'Initech' }) }
    }

    function Get-OrderCount([string] $Url) {
        (Send GET "$Url/api/v1/orders?limit=1").Json.total
    }
}

AfterAll {
    foreach ($e in $script:Standard, $script:AllKeys, $script:Alternate) { if ($e) { $e | Stop-OPEmulator } }
    if ($script:Http) { $script:Http.Dispose() }
}

Describe 'Idempotency-Key is honoured where the docs document it (default)' {
    BeforeEach { Reset-OPEmulator -Url $script:Standard.Url }

    It 'two POST /orders with the same key place two orders' {
        $url = $script:Standard.Url
        $a = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Twice') -Header @{ 'Idempotency-Key' = 'same-key' }
        $b = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Twice') -Header @{ 'Idempotency-Key' = 'same-key' }
        $a.Status | Should -Be 201
        $b.Status | Should -Be 201
        $b.Json.id | Should -Not -Be $a.Json.id
        $b.Headers.Contains('Idempotent-Replayed') | Should -BeFalse
        Get-OrderCount $url | Should -Be 2
    }

    It 'two POST /blacklists with the same key create two blacklists' {
        $url = $script:Standard.Url
        $a = Send POST "$url/api/v1/blacklists" @{ name = 'Competitors' } -Header @{ 'Idempotency-Key' = 'bl-key' }
        $b = Send POST "$url/api/v1/blacklists" @{ name = 'Competitors' } -Header @{ 'Idempotency-Key' = 'bl-key' }
        $a.Status, $b.Status | Should -Be 201, 201
        $b.Json.id | Should -Not -Be $a.Json.id
        (Send GET "$url/api/v1/blacklists").Json.total | Should -Be 2
    }

    It 'POST /search-profile-creations: the same key and body replay, another body is 409, no key is 422' {
        $url = $script:Standard.Url
        $body = @{ profile_name = 'Replayed'; ideal_customer_profile = 'B2B SaaS in DACH' }
        $a = Send POST "$url/api/v1/search-profile-creations" $body -Header @{ 'Idempotency-Key' = 'profile-001' }
        $b = Send POST "$url/api/v1/search-profile-creations" $body -Header @{ 'Idempotency-Key' = 'profile-001' }
        $a.Status, $b.Status | Should -Be 201, 201
        $b.Json.profile_creation_id | Should -Be $a.Json.profile_creation_id
        $b.Headers.GetValues('Idempotent-Replayed') | Should -Be 'true'
        @((Invoke-RestMethod "$url/_emulator/profiles") | ForEach-Object { $_ } | Where-Object name -EQ 'Replayed') | Should -HaveCount 1

        $other = Send POST "$url/api/v1/search-profile-creations" @{ profile_name = 'Other'; ideal_customer_profile = 'x' } -Header @{ 'Idempotency-Key' = 'profile-001' }
        $other.Status | Should -Be 409
        $other.Json.code | Should -Be 'IDEMPOTENCY_KEY_REUSED'

        $none = Send POST "$url/api/v1/search-profile-creations" $body
        $none.Status | Should -Be 422
        $none.Json.code | Should -Be 'VALIDATION_ERROR'
        $none.Json.details.validation_errors[0].field | Should -Be 'Idempotency-Key'
    }
}

Describe 'Idempotency-Key on every POST (--idempotency all)' {
    BeforeEach { Reset-OPEmulator -Url $script:AllKeys.Url }

    It 'two POST /orders with the same key place one order; the second answer is the first replayed' {
        $url = $script:AllKeys.Url
        (Get-OPEmulatorOption -Url $url).idempotency | Should -Be 'all'
        $a = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Once') -Header @{ 'Idempotency-Key' = 'same-key' }
        $b = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Once') -Header @{ 'Idempotency-Key' = 'same-key' }
        $a.Status, $b.Status | Should -Be 201, 201
        $b.Json.id | Should -Be $a.Json.id
        $b.Headers.GetValues('Idempotent-Replayed') | Should -Be 'true'
        Get-OrderCount $url | Should -Be 1
    }

    It 'the mode switches at run time and a reset restores the start-up mode' {
        $url = $script:Standard.Url
        try {
            (Set-OPEmulatorOption -Url $url -Idempotency all).idempotency | Should -Be 'all'
            $a = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Switched') -Header @{ 'Idempotency-Key' = 'switch-key' }
            $b = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Switched') -Header @{ 'Idempotency-Key' = 'switch-key' }
            $b.Json.id | Should -Be $a.Json.id
            Reset-OPEmulator -Url $url
            (Get-OPEmulatorOption -Url $url).idempotency | Should -Be 'documented'
        }
        finally { Reset-OPEmulator -Url $url }
    }

    It 'refuses an unknown option value' {
        $r = Send PATCH "$($script:Standard.Url)/_emulator/options" @{ idempotency = 'sometimes'; dialect = 'klingon' } -Key ''
        $r.Status | Should -Be 422
        @($r.Json.details.validation_errors.field | Sort-Object) | Should -Be @('dialect', 'idempotency')
        (Get-OPEmulatorOption -Url $script:Standard.Url).dialect | Should -Be 'standard'
    }
}

Describe 'Faults that lose the answer' {
    BeforeEach { Reset-OPEmulator -Url $script:Standard.Url }

    It 'lost: POST /orders is stored, then the connection closes without one byte of the answer' {
        $url = $script:Standard.Url
        Set-Fault $url @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'lost'; count = 1 }
        $json = (New-EnrichmentOrder 'Lost answer') | ConvertTo-Json -Depth 5 -Compress
        Send-Raw $url POST '/api/v1/orders' $json | Should -Be 0
        $orders = (Send GET "$url/api/v1/orders").Json
        $orders.total | Should -Be 1
        $orders.items[0].title | Should -Be 'Lost answer'
        $recorded = @(Get-OPEmulatorRequest -Url $url | Where-Object method -EQ 'POST')
        $recorded | Should -HaveCount 1
        $recorded[0].status | Should -Be 201
        # The same request once the fault is spent: a whole answer arrives (the probe can see bytes).
        Send-Raw $url POST '/api/v1/orders' $json | Should -BeGreaterThan 100
    }

    It 'lost: an HttpClient sees a connection error, and the entries of the batch are stored' {
        $url = $script:Standard.Url
        $bl = (Send POST "$url/api/v1/blacklists" @{ name = 'Lost batch' }).Json
        Set-Fault $url @{ path_prefix = "/api/v1/blacklists/$($bl.id)/entries"; method = 'POST'; mode = 'lost'; count = 1 }
        $entries = @{ entries = @(1..3 | ForEach-Object { @{ external_id = "L-$_" } }) }
        $failure = Get-SendFailure { Send POST "$url/api/v1/blacklists/$($bl.id)/entries" $entries }
        $failure | Should -BeOfType [System.Net.Http.HttpRequestException]
        (Send GET "$url/api/v1/blacklists/$($bl.id)").Json.entry_count | Should -Be 3
    }

    It 'lost on a creation with an honoured key: the retry with the same key gets the stored answer' {
        $url = $script:Standard.Url
        Set-Fault $url @{ path_prefix = '/api/v1/search-profile-creations'; method = 'POST'; mode = 'lost'; count = 1 }
        $body = @{ profile_name = 'Lost profile'; ideal_customer_profile = 'x' }
        Get-SendFailure { Send POST "$url/api/v1/search-profile-creations" $body -Header @{ 'Idempotency-Key' = 'lost-001' } } |
            Should -BeOfType [System.Net.Http.HttpRequestException]
        $retry = Send POST "$url/api/v1/search-profile-creations" $body -Header @{ 'Idempotency-Key' = 'lost-001' }
        $retry.Status | Should -Be 201
        $retry.Headers.GetValues('Idempotent-Replayed') | Should -Be 'true'
        @((Invoke-RestMethod "$url/_emulator/profiles") | ForEach-Object { $_ } | Where-Object name -EQ 'Lost profile') | Should -HaveCount 1
    }

    It 'drop: POST /orders is not processed, and the client sees a connection error' {
        $url = $script:Standard.Url
        Set-Fault $url @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'drop'; count = 1 }
        $json = (New-EnrichmentOrder 'Dropped') | ConvertTo-Json -Depth 5 -Compress
        Send-Raw $url POST '/api/v1/orders' $json | Should -Be 0
        Get-OrderCount $url | Should -Be 0
        $faults = @((Invoke-RestMethod "$url/_emulator/faults") | ForEach-Object { $_ })
        $faults[0].injected | Should -Be 1
    }

    It 'drop: a blacklist creation is not processed either' {
        $url = $script:Standard.Url
        Set-Fault $url @{ path_prefix = '/api/v1/blacklists'; method = 'POST'; mode = 'drop'; count = 1 }
        Get-SendFailure { Send POST "$url/api/v1/blacklists" @{ name = 'Dropped' } } | Should -BeOfType [System.Net.Http.HttpRequestException]
        (Send GET "$url/api/v1/blacklists").Json.total | Should -Be 0
    }
}

Describe 'The request record and body faults' {
    AfterEach { $null = Invoke-RestMethod -Method Delete -Uri "$($script:Standard.Url)/_emulator/faults" }

    It 'records each body''s size and the length of its entries array, and no body or key' {
        $url = $script:Standard.Url
        $bl = (Send POST "$url/api/v1/blacklists" @{ name = 'Recorded sizes' }).Json
        $json = @{ entries = @(1..3 | ForEach-Object { @{ external_id = "S-$_" } }) } | ConvertTo-Json -Compress
        Clear-OPEmulatorRequest -Url $url
        (Send POST "$url/api/v1/blacklists/$($bl.id)/entries" $json).Status | Should -Be 200
        (Send GET "$url/api/v1/blacklists/$($bl.id)").Status | Should -Be 200
        (Send POST "$url/api/v1/blacklists" @{ name = 'No entries' }).Status | Should -Be 201
        $record = @(Get-OPEmulatorRequest -Url $url)
        $record | Should -HaveCount 3
        $record[0].body_bytes | Should -Be ([Text.Encoding]::UTF8.GetByteCount($json))
        $record[0].items | Should -Be 3
        $record[1].body_bytes | Should -BeNullOrEmpty
        $record[1].items | Should -BeNullOrEmpty
        $record[2].body_bytes | Should -BeGreaterThan 0
        $record[2].items | Should -BeNullOrEmpty -Because 'only an entries array is counted'
        $raw = Invoke-RestMethod "$url/_emulator/requests" | ConvertTo-Json -Depth 5
        $raw | Should -Not -BeLike "*$($script:Full)*"
        $raw | Should -Not -BeLike '*S-1*'
    }

    It 'a body fault answers with the headers it was given' {
        $url = $script:Standard.Url
        Set-Fault $url @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 307; count = 1; body = ''; headers = @{ Location = "$url/api/v1/blacklists/"; 'X-Test' = 'yes' } }
        $answer = Send GET "$url/api/v1/blacklists"
        $answer.Status | Should -Be 307
        "$($answer.Location)" | Should -Be "$url/api/v1/blacklists/"
        @($answer.Headers.GetValues('X-Test')) | Should -Be @('yes')
        (Send GET "$url/api/v1/blacklists").Status | Should -Be 200
    }

    It 'refuses headers that are not an object of strings' {
        $faults = "$($script:Standard.Url)/_emulator/faults"
        $number = Send POST $faults @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; headers = @{ Location = 5 } }
        $number.Status | Should -Be 422
        $number.Text | Should -BeLike '*headers.Location*must be a string*'
        $text = Send POST $faults @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; headers = 'Location: x' }
        $text.Status | Should -Be 422
        $text.Text | Should -BeLike '*headers*must be an object*'
        @(Invoke-RestMethod $faults | ForEach-Object { $_ }) | Should -HaveCount 0
    }
}

Describe 'Preset keys of the authentication page' {
    It '<Name> holds exactly <Scopes>' -TestCases @(
        @{ Name = 'enrichment-orders'; Scopes = 'companies:read orders:read orders:write prospects:read' }
        @{ Name = 'discovery-orders'; Scopes = 'blacklists:read blacklists:write companies:read orders:read orders:write prospects:read' }
        @{ Name = 'crm-sync'; Scopes = 'companies:read prospects:read' }
        @{ Name = 'blacklist-management'; Scopes = 'blacklists:read blacklists:write' }
        @{ Name = 'prospect-searches-only'; Scopes = 'prospect_searches:read' }
        @{ Name = 'companies-only'; Scopes = 'companies:read' }
    ) {
        (@($script:Keys[$Name].scopes | Sort-Object) -join ' ') | Should -Be $Scopes
        $validate = Send GET "$($script:Standard.Url)/api/v1/auth/validate" -Key $script:Keys[$Name].key
        $validate.Status | Should -Be 200
        (@($validate.Json.scopes | Sort-Object) -join ' ') | Should -Be $Scopes
    }

    It 'crm-sync reads deliveries but not the list of prospect searches' {
        $key = $script:Keys['crm-sync'].key
        (Send GET "$($script:Standard.Url)/api/v1/deliveries/$($script:SmallSearch)/companies?limit=1" -Key $key).Status | Should -Be 200
        $r = Send GET "$($script:Standard.Url)/api/v1/prospect-searches" -Key $key
        $r.Status | Should -Be 403
        $r.Json.details.required_scopes | Should -Be @('prospect_searches:read')
    }
}

Describe 'The standard dialect' {
    BeforeAll { Reset-OPEmulator -Url $script:Standard.Url }

    It 'serves a path without and with a trailing slash alike' {
        (Send GET "$($script:Standard.Url)/api/v1/blacklists").Status | Should -Be 200
        (Send GET "$($script:Standard.Url)/api/v1/blacklists/").Status | Should -Be 200
    }

    It 'lists orders under items with has_more, each with an id; times carry Z' {
        $url = $script:Standard.Url
        $null = Send POST "$url/api/v1/orders" (New-EnrichmentOrder 'Standard')
        $list = Send GET "$url/api/v1/orders?limit=1"
        @($list.Json.PSObject.Properties.Name) | Should -Be @('items', 'total', 'limit', 'offset', 'has_more')
        $list.Json.items[0].id | Should -Match '^[0-9a-f-]{36}$'
        $list.Json.items[0].PSObject.Properties.Name | Should -Not -Contain 'order_id'
        $list.Json.items[0].created_at | Should -Match 'Z$'
    }

    It 'names a profile creation''s id profile_creation_id' {
        $c = (Send GET "$($script:Standard.Url)/api/v1/search-profile-creations/$($script:SeededCreation)").Json
        $c.profile_creation_id | Should -Be $script:SeededCreation
        $c.PSObject.Properties.Name | Should -Not -Contain 'id'
        $c.created_at | Should -Be '2025-03-01T09:00:00Z'
    }

    It 'answers 429 with the flat envelope, details.retry_after and a Retry-After header' {
        $url = $script:Standard.Url
        Set-Fault $url @{ path_prefix = '/api/v1/blacklists'; mode = 'status'; status = 429; retry_after = 7; count = 1 }
        try {
            $r = Send GET "$url/api/v1/blacklists"
            $r.Status | Should -Be 429
            $r.Json.code | Should -Be 'RATE_LIMIT_EXCEEDED'
            $r.Json.details.retry_after | Should -Be 7
            $r.Headers.RetryAfter.Delta.TotalSeconds | Should -Be 7
        }
        finally { $null = Invoke-RestMethod -Method Delete -Uri "$url/_emulator/faults" }
    }
}

Describe 'The alternate dialect' {
    BeforeAll {
        $script:Alt = $script:Alternate.Url
        Reset-OPEmulator -Url $script:Alt
        $script:AltOrder = (Send POST "$($script:Alt)/api/v1/orders/" (New-EnrichmentOrder 'Alternate')).Json
        $script:AltBlacklist = (Send POST "$($script:Alt)/api/v1/blacklists/" @{ name = 'Alternate list' }).Json
        $null = Send POST "$($script:Alt)/api/v1/blacklists/$($script:AltBlacklist.id)/entries/" @{ entries = @(@{ external_id = 'A-1' }) }
        $script:AltCompany = (Send GET "$($script:Alt)/api/v1/companies/?prospect_search_id=$($script:Search)&limit=1").Json.items[0].id
    }

    It 'is what the emulator says it speaks' {
        (Get-OPEmulatorOption -Url $script:Alt).dialect | Should -Be 'alternate'
    }

    It 'redirects a path without a trailing slash with 307 to the slash form, query kept, before authentication' {
        Clear-OPEmulatorRequest -Url $script:Alt
        $r = Send GET "$($script:Alt)/api/v1/orders?limit=5&offset=0" -Key ''
        $r.Status | Should -Be 307
        $r.Location.IsAbsoluteUri | Should -BeTrue
        $r.Location.AbsoluteUri | Should -Be "$($script:Alt)/api/v1/orders/?limit=5&offset=0"
        $r.Text | Should -BeNullOrEmpty
        $recorded = @(Get-OPEmulatorRequest -Url $script:Alt)
        $recorded | Should -HaveCount 1
        $recorded[0].path | Should -Be '/api/v1/orders'
        $recorded[0].status | Should -Be 307
    }

    It 'serves a POST re-sent to the Location' {
        $first = Send POST "$($script:Alt)/api/v1/blacklists" @{ name = 'Redirected' }
        $first.Status | Should -Be 307
        (Send GET "$($script:Alt)/api/v1/blacklists/").Json.items.name | Should -Not -Contain 'Redirected'
        $second = Send POST $first.Location.AbsoluteUri @{ name = 'Redirected' }
        $second.Status | Should -Be 201
        $second.Json.name | Should -Be 'Redirected'
    }

    It 'lists orders under "orders", each with order_id and no id' {
        $list = (Send GET "$($script:Alt)/api/v1/orders/").Json
        @($list.PSObject.Properties.Name) | Should -Be @('orders', 'total', 'limit', 'offset')
        $list.orders | Should -HaveCount 1
        $list.orders[0].order_id | Should -Be $script:AltOrder.order_id
        $list.orders[0].PSObject.Properties.Name | Should -Not -Contain 'id'
    }

    It 'names an order''s id order_id when it is created and read' {
        $script:AltOrder.order_id | Should -Match '^[0-9a-f-]{36}$'
        $script:AltOrder.PSObject.Properties.Name | Should -Not -Contain 'id'
        $one = (Send GET "$($script:Alt)/api/v1/orders/$($script:AltOrder.order_id)/").Json
        $one.order_id | Should -Be $script:AltOrder.order_id
        $one.PSObject.Properties.Name | Should -Not -Contain 'id'
    }

    It 'names a profile creation''s id "id"' {
        $c = (Send GET "$($script:Alt)/api/v1/search-profile-creations/$($script:SeededCreation)/").Json
        $c.id | Should -Be $script:SeededCreation
        $c.PSObject.Properties.Name | Should -Not -Contain 'profile_creation_id'
        $new = Send POST "$($script:Alt)/api/v1/search-profile-creations/" @{ profile_name = 'Alt'; ideal_customer_profile = 'x' } -Header @{ 'Idempotency-Key' = 'alt-1' }
        $new.Status | Should -Be 201
        $new.Json.id | Should -Match '^[0-9a-f-]{36}$'
    }

    It 'writes times without a zone, meaning UTC' {
        $c = (Send GET "$($script:Alt)/api/v1/search-profile-creations/$($script:SeededCreation)/").Json
        $c.created_at | Should -Be '2025-03-01T09:00:00'          # seeded at 09:00 UTC
        $script:AltOrder.created_at | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$'
        $delivered = (Send GET "$($script:Alt)/api/v1/deliveries/$($script:SmallSearch)/companies/?limit=1").Json.items[0]
        $delivered.delivered_at | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$'
        $delivered.created_at | Should -Not -Match 'Z|[+-]\d\d:\d\d$'
        # The same company in the standard dialect: the same instant, with Z.
        try {
            $null = Set-OPEmulatorOption -Url $script:Alt -Dialect standard
            $standard = (Send GET "$($script:Alt)/api/v1/deliveries/$($script:SmallSearch)/companies?limit=1").Json.items[0]
        }
        finally { $null = Set-OPEmulatorOption -Url $script:Alt -Dialect alternate }
        $standard.id | Should -Be $delivered.id
        $standard.delivered_at | Should -Be ($delivered.delivered_at + 'Z')
    }

    It 'has no has_more in the list envelope of <Path>' -TestCases @(
        @{ Path = 'orders/' }
        @{ Path = 'orders/{order}/results/' }
        @{ Path = 'blacklists/' }
        @{ Path = 'blacklists/{blacklist}/entries/' }
        @{ Path = 'prospect-searches/' }
        @{ Path = 'prospect-searches/{search}/blacklists/' }
        @{ Path = 'companies/?prospect_search_id={search}' }
        @{ Path = 'companies/{company}/jobs/' }
        @{ Path = 'companies/{company}/webtech-intel/' }
        @{ Path = 'prospects/?prospect_search_id={search}' }
        @{ Path = 'deliveries/{search}/companies/' }
    ) {
        $p = $Path -replace '\{order\}', $script:AltOrder.order_id -replace '\{blacklist\}', $script:AltBlacklist.id `
            -replace '\{search\}', $script:Search -replace '\{company\}', $script:AltCompany
        $r = Send GET "$($script:Alt)/api/v1/$p"
        $r.Status | Should -Be 200
        $names = @($r.Json.PSObject.Properties.Name)
        $names | Should -Not -Contain 'has_more'
        $names | Should -Contain 'total'
        @($names | Where-Object { $r.Json.$_ -is [array] }) | Should -HaveCount 1
    }

    It 'answers 429 with the documented body (top-level retry_after) and no Retry-After header: <Source>' -TestCases @(
        @{ Source = 'the rate limiter' }
        @{ Source = 'an injected fault' }
    ) {
        if ($Source -eq 'an injected fault') {
            Set-Fault $script:Alt @{ path_prefix = '/api/v1/blacklists'; mode = 'status'; status = 429; retry_after = 7; count = 1 }
            try { $r = Send GET "$($script:Alt)/api/v1/blacklists/" -Key $script:Keys['blacklist-management'].key }
            finally { $null = Invoke-RestMethod -Method Delete -Uri "$($script:Alt)/_emulator/faults" }
        }
        else {
            $key = $script:Keys['read-only'].key
            $ok = @(1..$script:RateLimit | ForEach-Object { (Send GET "$($script:Alt)/api/v1/auth/validate/" -Key $key).Status })
            @($ok | Where-Object { $_ -ne 200 }) | Should -HaveCount 0
            $r = Send GET "$($script:Alt)/api/v1/auth/validate/" -Key $key
        }
        $r.Status | Should -Be 429
        $r.Headers.Contains('Retry-After') | Should -BeFalse
        $r.Json.error | Should -Be 'RATE_LIMIT_EXCEEDED'
        $r.Json.message | Should -Not -BeNullOrEmpty
        $r.Json.retry_after | Should -BeOfType [long]
        $r.Json.retry_after | Should -BeGreaterThan 0
        if ($Source -eq 'an injected fault') { $r.Json.retry_after | Should -Be 7 }
        @($r.Json.PSObject.Properties.Name) | Should -Be @('error', 'message', 'retry_after')
    }

    It 'writes errors in the string form with their context at the top level: <Case>' -TestCases @(
        @{ Case = '401'; Path = 'blacklists/'; Key = 'none'; Status = 401; Code = 'UNAUTHORIZED'; Field = $null }
        @{ Case = '403'; Path = 'blacklists/'; Key = 'crm-sync'; Status = 403; Code = 'AUTHORIZATION_ERROR'; Field = 'required_scopes' }
        @{ Case = '404'; Path = 'orders/00000000-0000-4000-8000-000000000000/'; Key = 'full-access'; Status = 404; Code = 'ORDER_NOT_FOUND'; Field = $null }
        @{ Case = '404 entity'; Path = 'companies/00000000-0000-4000-8000-000000000000/'; Key = 'full-access'; Status = 404; Code = 'ENTITY_NOT_FOUND'; Field = 'entity_type' }
        @{ Case = '422'; Path = 'blacklists/?limit=0'; Key = 'full-access'; Status = 422; Code = 'VALIDATION_ERROR'; Field = 'validation_errors' }
    ) {
        $k = if ($Key -eq 'none') { '' } else { $script:Keys[$Key].key }
        $r = Send GET "$($script:Alt)/api/v1/$Path" -Key $k
        $r.Status | Should -Be $Status
        $r.Json.error | Should -BeOfType [string]
        $r.Json.error | Should -Be $Code
        $r.Json.message | Should -Not -BeNullOrEmpty
        $names = @($r.Json.PSObject.Properties.Name)
        $names | Should -Not -Contain 'code'
        $names | Should -Not -Contain 'details'
        if ($Field) { $names | Should -Contain $Field }
    }

    It 'leaves the control plane alone: no redirect, times with Z' {
        $r = Send GET "$($script:Alt)/_emulator/keys" -Key ''
        $r.Status | Should -Be 200
        ($r.Json | Where-Object name -EQ 'expired').expires_at | Should -Be '2025-01-01T00:00:00Z'
    }
}
