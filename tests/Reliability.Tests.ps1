# Reliability under injected faults (docs/architecture.md, "Retries"): reads are retried through 5xx answers,
# dropped connections and 429 bursts without losing or duplicating anything; writes are repeated only where that
# is safe; beyond the budget the errors say what was not done; Ctrl+C ends waits and requests at once.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--companies', '5000', '--order-seconds', '0.5'
    $script:Work = New-TestFolder 'reliability'

    function Set-Fault([hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/faults" -Body ($Fault | ConvertTo-Json) -ContentType 'application/json'
    }
    function Clear-Fault { $null = Invoke-RestMethod -Method Delete -Uri "$($script:BaseUri)/_emulator/faults" }
    # The mix the issue asks for: a quarter 5xx, one in twenty connections dropped, and a burst of 429s.
    function Set-FaultMix([string] $Prefix, [string] $Method = 'GET') {
        Set-Fault @{ path_prefix = $Prefix; method = $Method; mode = 'status'; status = 503; rate = 0.25; seed = 11 }
        Set-Fault @{ path_prefix = $Prefix; method = $Method; mode = 'drop'; rate = 0.05; seed = 12 }
        Set-Fault @{ path_prefix = $Prefix; method = $Method; mode = 'status'; status = 429; retry_after = 1; after = 3; count = 3 }
    }
    # Short waits keep the suite fast; the retry count leaves room for unlucky streaks.
    function Connect-Resilient([string] $KeyName = 'full-access') {
        Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey $KeyName)) -MaxRetryCount 8 -MaxRetryDelaySec 1 -TimeoutSec 5
    }
    Connect-Resilient
}

AfterAll {
    Clear-Fault
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Retries keep every guarantee' {
    AfterEach { Clear-Fault }

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
        Set-Fault @{ path_prefix = $entries; method = 'POST'; mode = 'status'; status = 429; retry_after = 1; count = 2 }
        Clear-TestRequest
        $rows = 1..20000 | ForEach-Object { [pscustomobject]@{ ExternalId = "REL-$_"; CompanyName = "Reliable $_" } }
        $r = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -BatchSize 5000
        Clear-Fault
        $r.Failed | Should -Be 0
        $r.Added | Should -Be 20000
        # Four batches, the first sent three times: twice refused with 429 (nothing stored), then stored.
        @(Get-TestWrite | Where-Object path -EQ $entries) | Should -HaveCount 6

        # The second batch is stored but its answer is cut off: it is reported, not sent again.
        $bl2 = New-OPBlacklist -Name 'Lost answer import'
        $entries2 = "/api/v1/blacklists/$($bl2.Id)/entries"
        Set-Fault @{ path_prefix = $entries2; method = 'POST'; mode = 'truncated'; after = 1; count = 1 }
        Clear-TestRequest
        $r2 = $rows | Add-OPBlacklistEntry -BlacklistId $bl2.Id -BatchSize 5000 -ErrorVariable e -ErrorAction SilentlyContinue
        Clear-Fault
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
            Set-Fault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'status'; status = 429; retry_after = 1; count = 2 }
            Set-Fault @{ path_prefix = '/api/v1/orders'; method = 'POST'; mode = 'lost'; after = 2; count = 1 }
            $o = [pscustomobject]@{ CompanyName = 'Once only GmbH' } | New-OPOrder -ProfileId $profileId -Title $title -WarningVariable w -WarningAction SilentlyContinue
            Clear-Fault
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
    AfterEach { Clear-Fault }

    It 'a listing that cannot finish says where it stopped and how often it tried' {
        Set-Fault @{ path_prefix = '/api/v1/companies'; mode = 'status'; status = 503; after = 2 }
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
        Set-Fault @{ path_prefix = "/api/v1/blacklists/$($bl.Id)/entries"; method = 'POST'; mode = 'status'; status = 500; after = 1 }
        $rows = 1..250 | ForEach-Object { [pscustomobject]@{ ExternalId = "B-$_" } }
        $r = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -BatchSize 100 -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Added | Should -Be 100
        $r.Failed | Should -Be 150
        $e | Should -HaveCount 2
        @($e.TargetObject).Count | Should -Be 150
        $e.TargetObject.ExternalId | Should -Be (101..250 | ForEach-Object { "B-$_" })
        $e[0].ErrorDetails.Message | Should -BeLike '*input rows 101-200*'
        Clear-Fault
        # What the errors carry is exactly what to send again.
        ($e.TargetObject | Add-OPBlacklistEntry -BlacklistId $bl.Id).Added | Should -Be 150
        (Get-OPBlacklist -Id $bl.Id).EntryCount | Should -Be 250
    }

    It 'a 429 asking for a longer wait than the session allows is reported with the wait' {
        Set-Fault @{ path_prefix = '/api/v1/blacklists'; mode = 'status'; status = 429; retry_after = 3600; count = 1 }
        Get-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'RATE_LIMIT_EXCEEDED,*'
        $e[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e[0].Exception.RetryAfter.TotalSeconds | Should -Be 3600
        $e[0].Exception.Message | Should -BeLike '*3600 s*'
    }
}

Describe 'Cancellation' {
    AfterEach { Clear-Fault }

    It 'Ctrl+C (PowerShell.Stop) ends a <Case> at once' -ForEach @(
        @{ Case = 'request in flight'; Fault = @{ mode = 'slow'; delay_ms = 30000 } }
        @{ Case = 'retry delay'; Fault = @{ mode = 'status'; status = 429; retry_after = 25 } }
    ) {
        $f = $Fault.Clone(); $f.path_prefix = '/api/v1/blacklists'
        Set-Fault $f
        Clear-TestRequest
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Manifest, $Uri, $Key)
                Import-Module $Manifest
                Connect-OpenProspect -BaseUri $Uri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -MaxRetryDelaySec 30 -TimeoutSec 60
                Get-OPBlacklist
            }).AddArgument($script:ModuleManifest).AddArgument($script:BaseUri).AddArgument((Get-TestKey 'full-access'))
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (-not (Get-TestRequest | Where-Object path -Like '/api/v1/blacklists*') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Start-Sleep -Milliseconds 300
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $handle.IsCompleted | Should -BeTrue
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        # The fault would hold the command for 25-30 s; a stop that waited for it could not pass this bound.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.Dispose()
    }
}
