# Reliability under injected faults (docs/architecture.md, "Retries"): reads are retried through 5xx answers,
# dropped connections and 429 bursts without losing or duplicating anything; writes are repeated only where that
# is safe; beyond the budget the errors say what was not done; a retry waits as the server asks; redirects stay
# within the API's origin; entry batches stay within the API's limit; Ctrl+C ends waits and requests at once.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--companies', '5000', '--order-seconds', '0.5'
    $script:Work = New-TestFolder 'reliability'

    # The mix the issue asks for: a quarter 5xx, one in twenty connections dropped, and a burst of 429s.
    function Set-FaultMix([string] $Prefix, [string] $Method = 'GET') {
        Set-TestFault @{ path_prefix = $Prefix; method = $Method; mode = 'status'; status = 503; rate = 0.25; seed = 11 }
        Set-TestFault @{ path_prefix = $Prefix; method = $Method; mode = 'drop'; rate = 0.05; seed = 12 }
        Set-TestFault @{ path_prefix = $Prefix; method = $Method; mode = 'status'; status = 429; retry_after = 1; after = 3; count = 3 }
    }
    # Short waits keep the suite fast; the retry count leaves room for unlucky streaks.
    function Connect-Resilient([string] $KeyName = 'full-access') {
        Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey $KeyName)) -MaxRetryCount 8 -MaxRetryDelaySec 1 -TimeoutSec 5
    }
    Connect-Resilient
}

AfterAll {
    Clear-TestFault
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Retries keep every guarantee' {
    AfterEach { Clear-TestFault }

    It 'listing 5,000 companies under faults returns each exactly once, and says so on -Verbose' {
        Set-FaultMix '/api/v1/companies'
        $verbose = $null
        $all = Get-OPCompany -ProspectSearchId $script:ProspectSearchId -Verbose 4>&1 | Tee-Object -Variable verbose | Where-Object { $_ -is [OpenProspect.Company] }
        $all | Should -HaveCount 5000
        ($all.Id | Sort-Object -Unique) | Should -HaveCount 5000
        $retries = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*retry*' })
        $retries.Count | Should -BeGreaterThan 0
        $retries[0].Message | Should -Match 'retry \d+ of 8 in \d'
        @(Get-TestRequest | Where-Object status -EQ 429).Count | Should -Be 3
    }

    It 'Add-OPBlacklistEntry of 20,000 rows retries 429s, never re-sends a batch whose answer was lost, and names its rows' {
        $bl = New-OPBlacklist -Name 'Reliable import'
        $entries = "/api/v1/blacklists/$($bl.Id)/entries"
        Set-TestFault @{ path_prefix = $entries; method = 'POST'; mode = 'status'; status = 429; retry_after = 1; count = 2 }
        Clear-TestRequest
        $rows = 1..20000 | ForEach-Object { [pscustomobject]@{ ExternalId = "REL-$_"; CompanyName = "Reliable $_" } }
        $r = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -BatchSize 5000
        Clear-TestFault
        $r.Failed | Should -Be 0
        $r.Added | Should -Be 20000
        # Four batches, the first sent three times: twice refused with 429 (nothing stored), then stored.
        @(Get-TestWrite | Where-Object path -EQ $entries) | Should -HaveCount 6

        # The second batch is stored but its answer is cut off: it is reported, not sent again.
        $bl2 = New-OPBlacklist -Name 'Lost answer import'
        $entries2 = "/api/v1/blacklists/$($bl2.Id)/entries"
        Set-TestFault @{ path_prefix = $entries2; method = 'POST'; mode = 'truncated'; after = 1; count = 1 }
        Clear-TestRequest
        $r2 = $rows | Add-OPBlacklistEntry -BlacklistId $bl2.Id -BatchSize 5000 -ErrorVariable e -ErrorAction SilentlyContinue
        Clear-TestFault
        @(Get-TestWrite | Where-Object path -EQ $entries2) | Should -HaveCount 4
        $r2.Added | Should -Be 15000
        $r2.Failed | Should -Be 5000
        $e | Should -HaveCount 1
        $e[0].Exception.OutcomeUnknown | Should -BeTrue
        $e[0].ErrorDetails.Message | Should -BeLike '*input rows 5001-10000*may or may not have been stored*duplicate entries*'
        @($e[0].TargetObject).Count | Should -Be 5000
        (Get-OPBlacklist -Id $bl2.Id).EntryCount | Should -Be 20000
    }

    It 'New-OPOrder under 429s and a lost answer ends with exactly one order, whether or not the key is honoured (<Idempotency>)' -ForEach @(
        @{ Idempotency = 'documented' }
        @{ Idempotency = 'all' }
    ) {
        Invoke-WithEmulatorOption @{ Idempotency = $Idempotency } {
            $profileId = ((Invoke-RestMethod "$($script:BaseUri)/_emulator/profiles") | ForEach-Object { $_ } | Where-Object organization -EQ $script:Keys['full-access'].organization)[0].profile_id
            $title = "Exactly once $Idempotency"
            $before = @(Get-OPOrder).Count
            Clear-TestRequest
            # Two 429s (the server did not act: sent again), then the order is placed and its answer lost.
            Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'status'; status = 429; retry_after = 1; count = 2 }
            Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'lost'; after = 2; count = 1 }
            $o = [pscustomobject]@{ CompanyName = 'Once only GmbH' } | New-OPOrder -ProfileId $profileId -Title $title -WarningVariable w -WarningAction SilentlyContinue
            Clear-TestFault
            $w | Should -HaveCount 1   # the answer was lost and the order found, not placed twice
            @(Get-TestWrite | Where-Object path -EQ '/api/v1/orders').Count | Should -BeGreaterOrEqual 3
            $after = @(Get-OPOrder)
            $after.Count | Should -Be ($before + 1)
            $placed = @($after | Where-Object Title -EQ $title)
            $placed | Should -HaveCount 1
            $o.Id | Should -Be $placed[0].Id
        }
    }

    It 'Sync-OPDelivery under faults loses nothing and emits nothing twice' {
        $search = ($script:ProspectSearches | Where-Object organization -EQ $script:Keys['full-access'].organization)[1].id
        $state = Join-Path $script:Work 'reliable-sync.json'
        $expected = @(Get-OPDelivery -ProspectSearchId $search).Count
        Set-FaultMix '/api/v1/deliveries'
        $got = Sync-OPDelivery -ProspectSearchId $search -StatePath $state -PageSize 5
        $got | Should -HaveCount $expected
        ($got.Id | Sort-Object -Unique) | Should -HaveCount $expected
        Sync-OPDelivery -ProspectSearchId $search -StatePath $state -PageSize 5 | Should -BeNullOrEmpty
    }
}

Describe 'Beyond the retry budget' {
    BeforeAll {
        Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) -MaxRetryCount 2 -MaxRetryDelaySec 1
    }
    AfterAll { Connect-Resilient }
    AfterEach { Clear-TestFault }

    It 'a listing that cannot finish says where it stopped and how often it tried' {
        Set-TestFault @{ path_prefix = '/api/v1/companies'; mode = 'status'; status = 503; after = 2 }
        $got = Get-OPCompany -ProspectSearchId $script:ProspectSearchId -PageSize 100 -ErrorVariable e -ErrorAction SilentlyContinue
        $got.Count | Should -BeGreaterOrEqual 100
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'INTERNAL_ERROR,*'
        $e[0].Exception.StatusCode | Should -Be 503
        $e[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e[0].Exception.Attempts | Should -Be 3
        $e[0].ErrorDetails.Message | Should -BeLike '*GET /api/v1/companies*failed 3 times*stopped at offset*'
    }

    It 'a bulk upload that cannot finish names the rows that were not stored' {
        $bl = New-OPBlacklist -Name 'Budget exhausted'
        Set-TestFault @{ path_prefix = "/api/v1/blacklists/$($bl.Id)/entries"; method = 'POST'; mode = 'status'; status = 500; after = 1 }
        $rows = 1..250 | ForEach-Object { [pscustomobject]@{ ExternalId = "B-$_" } }
        $r = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -BatchSize 100 -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Added | Should -Be 100
        $r.Failed | Should -Be 150
        $e | Should -HaveCount 2
        @($e.TargetObject).Count | Should -Be 150
        $e.TargetObject.ExternalId | Should -Be (101..250 | ForEach-Object { "B-$_" })
        $e[0].ErrorDetails.Message | Should -BeLike '*input rows 101-200*'
        Clear-TestFault
        # What the errors carry is exactly what to send again.
        ($e.TargetObject | Add-OPBlacklistEntry -BlacklistId $bl.Id).Added | Should -Be 150
        (Get-OPBlacklist -Id $bl.Id).EntryCount | Should -Be 250
    }

    It 'a 429 asking for a longer wait than the session allows is reported with the wait' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; mode = 'status'; status = 429; retry_after = 3600; count = 1 }
        Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'RATE_LIMIT_EXCEEDED,*'
        $e[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e[0].Exception.RetryAfter.TotalSeconds | Should -Be 3600
        $e[0].Exception.Message | Should -BeLike '*3600 s*'
    }
}

Describe 'How long a retry waits' {
    BeforeAll {
        # Room for the hints below (a hint above -MaxRetryDelaySec is not waited for at all).
        Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) -MaxRetryCount 2 -MaxRetryDelaySec 6
        # The wait the transport announced before its first retry, from the -Verbose line "retry 1 of 2 in X s".
        function Get-FirstRetryWait([scriptblock] $Call) {
            $VerbosePreference = 'Continue'
            $lines = @(& $Call 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $retry = @($lines | Where-Object { $_ -match 'retry 1 of 2 in ([\d.,]+) s' })
            $retry | Should -HaveCount 1 -Because "one retry is announced (verbose: $($lines -join ' | '))"
            $null = $retry[0] -match 'retry 1 of 2 in ([\d.,]+) s'
            [double]::Parse($Matches[1].Replace(',', '.'), [cultureinfo]::InvariantCulture)
        }
        $script:RateBody = '{"code":"RATE_LIMIT_EXCEEDED","message":"Slow down."}'
    }
    AfterAll { Connect-Resilient }
    AfterEach { Clear-TestFault }

    # Without any hint the first backoff is 0.25-0.5 s, so each expected wait below tells the sources apart.
    It 'waits as <Case> says' -ForEach @(
        @{ Case = 'Retry-After in seconds (no body hint)'; Fault = @{ mode = 'body'; body = '{"code":"RATE_LIMIT_EXCEEDED","message":"Slow down."}'; headers = @{ 'Retry-After' = '2' } }; Min = 2.0; Max = 2.0 }
        @{ Case = 'the body''s details.retry_after (no header)'; Fault = @{ mode = 'body'; body = '{"code":"RATE_LIMIT_EXCEEDED","message":"Slow down.","details":{"retry_after":3}}' }; Min = 3.0; Max = 3.0 }
        @{ Case = 'the body''s top-level retry_after (no header)'; Fault = @{ mode = 'body'; body = '{"error":"RATE_LIMIT_EXCEEDED","message":"Slow down.","retry_after":2}' }; Min = 2.0; Max = 2.0 }
        @{ Case = 'the header when the body says otherwise'; Fault = @{ mode = 'body'; body = '{"code":"RATE_LIMIT_EXCEEDED","message":"Slow down.","details":{"retry_after":5}}'; headers = @{ 'Retry-After' = '1' } }; Min = 1.0; Max = 1.0 }
        @{ Case = 'an injected 429 (header and body agree)'; Fault = @{ mode = 'status'; retry_after = 2 }; Min = 2.0; Max = 2.0 }
    ) {
        $f = $Fault.Clone(); $f.path_prefix = '/api/v1/blacklists'; $f.status = 429; $f.count = 1
        Set-TestFault $f
        Clear-TestRequest
        $wait = Get-FirstRetryWait { Get-OPBlacklist }
        $wait | Should -BeGreaterOrEqual $Min
        $wait | Should -BeLessOrEqual $Max
        @(Get-TestRequest | Where-Object path -EQ '/api/v1/blacklists').status | Should -Be @(429, 200)
    }

    It 'waits until the time a Retry-After HTTP date names' {
        # Whole seconds on the wire: four seconds ahead is a wait of 3-4 s once the request has gone out.
        $at = [DateTimeOffset]::UtcNow.AddSeconds(4).ToString('r', [cultureinfo]::InvariantCulture)
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 429; count = 1; body = $script:RateBody; headers = @{ 'Retry-After' = $at } }
        Clear-TestRequest
        $wait = Get-FirstRetryWait { Get-OPBlacklist }
        $wait | Should -BeGreaterThan 2.0
        $wait | Should -BeLessOrEqual 4.0
        @(Get-TestRequest | Where-Object path -EQ '/api/v1/blacklists').status | Should -Be @(429, 200)
    }
}

Describe 'Redirects' {
    BeforeAll {
        # The "other host": a second emulator that must never see a request, so never the key.
        $script:Other = Start-OPEmulator
    }
    AfterAll { if ($script:Other) { $script:Other | Stop-OPEmulator } }
    AfterEach { Clear-TestFault }

    It 'a redirect within the API''s origin is followed and the key goes along' {
        $null = New-OPBlacklist -Name 'Behind a redirect'   # (it lists blacklists to check the name: before the fault)
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 307; count = 1; body = ''; headers = @{ Location = "$($script:BaseUri)/api/v1/blacklists/" } }
        Clear-TestRequest
        (Get-OPBlacklist).Name | Should -Contain 'Behind a redirect'
        $requests = @(Get-TestRequest | Where-Object path -Like '/api/v1/blacklists*')
        $requests.status | Should -Be @(307, 200)
        $requests[1].path | Should -Be '/api/v1/blacklists/'
        $requests[1].key_name | Should -Be 'full-access' -Because 'the redirected request carries the same key'
    }

    It 'a redirect to another origin is not followed: an error, and the other host sees nothing' {
        Clear-OPEmulatorRequest -Url $script:Other.Url
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 307; count = 1; body = ''; headers = @{ Location = "$($script:Other.Url)/api/v1/blacklists" } }
        Clear-TestRequest
        $got = Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        $got | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].Exception.StatusCode | Should -Be 307
        @(Get-OPEmulatorRequest -Url $script:Other.Url) | Should -HaveCount 0
        @(Get-TestRequest | Where-Object path -Like '/api/v1/blacklists*') | Should -HaveCount 1
    }

    It 'follows at most 3 redirects: <Hops> in a row <Outcome>' -ForEach @(
        @{ Hops = 3; Outcome = 'still succeed'; Requests = 4; Fails = $false }
        @{ Hops = 4; Outcome = 'are an error'; Requests = 4; Fails = $true }
    ) {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'body'; status = 307; count = $Hops; body = ''; headers = @{ Location = "$($script:BaseUri)/api/v1/blacklists/" } }
        Clear-TestRequest
        $null = Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        @(Get-TestRequest | Where-Object path -Like '/api/v1/blacklists*') | Should -HaveCount $Requests
        if ($Fails) {
            $e | Should -HaveCount 1
            $e[0].Exception.StatusCode | Should -Be 307
        }
        else { $e | Should -HaveCount 0 }
    }
}

Describe 'Batch sizes' {
    It 'a 25,000-row import sends no entry request with more than 10,000 entries' {
        $bl = New-OPBlacklist -Name 'Large import'
        $entries = "/api/v1/blacklists/$($bl.Id)/entries"
        Clear-TestRequest
        $r = 1..25000 | ForEach-Object { [pscustomobject]@{ ExternalId = "BIG-$_" } } | Add-OPBlacklistEntry -BlacklistId $bl.Id
        $r.Added | Should -Be 25000
        $posts = @(Get-TestRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq $entries })
        $posts.Count | Should -Be 3
        foreach ($p in $posts) {
            $p.items | Should -Not -BeNullOrEmpty -Because 'the emulator counts the entries of every entry request'
            $p.items | Should -BeLessOrEqual 10000
        }
        ($posts.items | Measure-Object -Sum).Sum | Should -Be 25000
    }
}

Describe 'Cancellation' {
    AfterEach { Clear-TestFault }

    It 'Ctrl+C (PowerShell.Stop) ends a <Case> at once' -ForEach @(
        @{ Case = 'request in flight'; Fault = @{ mode = 'slow'; delay_ms = 30000 } }
        @{ Case = 'retry delay'; Fault = @{ mode = 'status'; status = 429; retry_after = 25 } }
    ) {
        $f = $Fault.Clone(); $f.path_prefix = '/api/v1/blacklists'
        Set-TestFault $f
        Clear-TestRequest
        # The fault counts a request as it arrives; a held request is recorded only once it ends.
        $r = Invoke-TestStop -Arrived { [int]@(Get-TestFault)[0].matched } -SettleMs 300 -Script {
            param($Manifest, $Uri, $Key)
            Import-Module $Manifest
            Connect-OpenProspect -BaseUri $Uri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -MaxRetryDelaySec 30 -TimeoutSec 60
            Get-OPBlacklist
        } -ArgumentList $script:ModuleManifest, $script:BaseUri, (Get-TestKey 'full-access')
        $r.ArrivedBeforeStop | Should -Be 1 -Because 'the stop must land inside the request or the wait after it, not before the request was sent'
        $r.Completed | Should -BeTrue
        "$($r.State)" | Should -Be 'Stopped'
        # The fault would hold the command for 25-30 s; a stop that waited for it could not pass this bound.
        $r.StopSeconds | Should -BeLessThan 5
        # One request, recorded (the held one when the stop closed its connection), and no retry after the stop.
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not @(Get-TestRequest | Where-Object path -Like '/api/v1/blacklists*').Count -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        @(Get-TestRequest | Where-Object path -Like '/api/v1/blacklists*') | Should -HaveCount 1
    }
}
