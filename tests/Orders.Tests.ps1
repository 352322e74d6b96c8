# Search profiles and orders against the emulator: enrichment from a CSV through to results, discovery with a
# blacklist, limits checked before sending, idempotency, unsuccessful orders, timeouts and Ctrl+C.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    # A fast clock: an order completes in 1 s, a profile in 0.5 s.
    Start-TestEmulator -ArgumentList '--order-seconds', '1', '--profile-seconds', '0.5'
    Connect-TestSession 'full-access'
    $script:ProfileId = ((Invoke-RestMethod "$($script:BaseUri)/_emulator/profiles") | ForEach-Object { $_ } |
            Where-Object organization -EQ $script:Keys['full-access'].organization | Select-Object -First 1).profile_id
    $script:Fast = @{ PollIntervalSec = 0.2; MaxPollIntervalSec = 0.5; TimeoutSec = 30 }
    $script:Work = New-TestFolder 'orders'

    function Set-OrderStatus([string] $Id, [string] $Status, [string] $Message) {
        $body = @{ status = $Status; message = $Message } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/orders/$Id/status" -Body $body -ContentType 'application/json'
    }
}

AfterAll {
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Search profiles' {
    It 'New-OPSearchProfile -Wait returns the creation with its ProfileId' {
        $p = New-OPSearchProfile -ProfileName 'DACH SaaS buyers' -IdealCustomerProfile 'B2B SaaS in DACH, 50-500 employees' `
            -TargetCountry de, at, ch -ContactRole 'Head of Sales' -OutputLanguage en -Wait -PollIntervalSec 0.2
        $p.Status | Should -Be 'SUCCEEDED'
        $p.ProfileId | Should -Match '^[0-9a-f-]{36}$'
        (Get-OPSearchProfileCreation -Id $p.ProfileCreationId).ProfileId | Should -Be $p.ProfileId
        $post = Get-TestRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/search-profile-creations' } | Select-Object -Last 1
        $post.headers | Should -Contain 'Idempotency-Key'
    }

    It 'the same -IdempotencyKey gives the same creation' {
        $a = New-OPSearchProfile -ProfileName 'Pinned' -IdealCustomerProfile 'x' -IdempotencyKey 'profile-pinned-001'
        $b = New-OPSearchProfile -ProfileName 'Pinned' -IdealCustomerProfile 'x' -IdempotencyKey 'profile-pinned-001'
        $b.ProfileCreationId | Should -Be $a.ProfileCreationId
    }

    It 'a FAILED creation is a ProfileCreationFailed error carrying the creation' {
        New-OPSearchProfile -ProfileName 'Broken [fail]' -IdealCustomerProfile 'x' -Wait -PollIntervalSec 0.2 -ErrorVariable e -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ProfileCreationFailed,*'
        $e[0].TargetObject.Status | Should -Be 'FAILED'
        $e[0].ErrorDetails.RecommendedAction | Should -BeLike '*IdempotencyKey*'
    }
}

Describe 'Enrichment orders' {
    It 'Import-Csv | New-OPOrder -Wait | Get-OPOrderResult returns one result per company with SourceId = the row''s external id' {
        $csv = Join-Path $script:Work 'companies.csv'
        Set-Content $csv -Value (@('external_id,company_name,website,city,country') + (1..25 | ForEach-Object { "CRM-$_,Company $_,company$_.example,Berlin,DE" }))
        $results = Import-Csv $csv | New-OPOrder -ProfileId $script:ProfileId -Title 'Q1 enrichment' -Wait @script:Fast | Get-OPOrderResult
        $results | Should -HaveCount 25
        $results.SourceId | Should -Be (1..25 | ForEach-Object { "CRM-$_" })
        $results[0].Name | Should -Be 'Company 1'
        $results[0].Prospects.Count | Should -BeGreaterThan 0
        $results[0].Technologies.Count | Should -BeGreaterThan 0
        $results[0].OrderId | Should -Match '^[0-9a-f-]{36}$'
    }

    It 'refuses <Count> companies with a clear error and sends nothing' -ForEach @(
        @{ Count = 0; ErrorId = 'NoCompanies' }
        @{ Count = 10001; ErrorId = 'TooManyCompanies' }
    ) {
        Clear-TestRequest
        $rows = if ($Count) { 1..$Count | ForEach-Object { [pscustomobject]@{ CompanyName = "C$_" } } } else { @() }
        { $rows | New-OPOrder -ProfileId $script:ProfileId -Confirm:$false } | Should -Throw -ErrorId "$ErrorId,*"
        Get-TestRequest | Should -HaveCount 0
    }

    It '-WhatIf states the order and sends nothing' {
        Clear-TestRequest
        $log = Join-Path $script:Work 'whatif.txt'
        $null = Start-Transcript -Path $log
        try { [pscustomobject]@{ CompanyName = 'Acme' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Trial' -WhatIf }
        finally { $null = Stop-Transcript }
        Get-TestRequest | Should -HaveCount 0
        Get-Content $log -Raw | Should -BeLike "*ENRICHMENT order for 1 company with profile $($script:ProfileId) titled 'Trial'*"
    }

    It 'the same -IdempotencyKey twice creates one order' {
        # Only a server that honours the key on POST /orders (not documented) can do this.
        Invoke-WithEmulatorOption @{ Idempotency = 'all' } {
            $before = @(Get-OPOrder).Count
            $a = [pscustomobject]@{ CompanyName = 'Initech' } | New-OPOrder -ProfileId $script:ProfileId -IdempotencyKey 'order-2026-11-29-a'
            $b = [pscustomobject]@{ CompanyName = 'Initech' } | New-OPOrder -ProfileId $script:ProfileId -IdempotencyKey 'order-2026-11-29-a'
            $b.Id | Should -Be $a.Id
            @(Get-OPOrder).Count | Should -Be ($before + 1)
        }
    }

    It 'a row that identifies no company is reported; the others are ordered' {
        $rows = @(
            [pscustomobject]@{ CompanyName = 'Good'; ExternalId = 'G' }
            [pscustomobject]@{ City = 'Nowhere' }
        )
        $o = $rows | New-OPOrder -ProfileId $script:ProfileId -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'CompanyNotIdentifiable,*'
        $bad[0].TargetObject.City | Should -Be 'Nowhere'
        $o.BriefingQuantity | Should -Be 1
    }

    It 'a company without a name is sent, and the server says in the message why it refuses it' {
        # Whether a company needs a name is not documented: the module sends it and the server decides.
        Clear-TestRequest
        $rows = @(
            [pscustomobject]@{ CompanyName = 'Good'; ExternalId = 'G' }
            [pscustomobject]@{ Website = 'nameless.example'; ExternalId = 'N' }
        )
        $o = $rows | New-OPOrder -ProfileId $script:ProfileId -ErrorVariable bad -ErrorAction SilentlyContinue
        $o | Should -BeNullOrEmpty
        @(Get-TestWrite | Where-Object path -EQ '/api/v1/orders') | Should -HaveCount 1
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'VALIDATION_ERROR,*'
        $bad[0].Exception.Message | Should -BeLike '*companies*1*company_name*'
    }
}

Describe 'Discovery orders' {
    It 'a discovery order that includes a blacklist returns no blacklisted company' {
        $plain = New-OPOrder -ProfileId $script:ProfileId -BriefingQuantity 20 -Title 'Discovery baseline' -Wait @script:Fast -Confirm:$false | Get-OPOrderResult
        $plain | Should -HaveCount 20
        $plain.SourceId | Where-Object { $_ } | Should -BeNullOrEmpty
        $banned = $plain | Select-Object -First 5
        $bl = New-OPBlacklist -Name 'Already talking to'
        $banned | Select-Object @{ n = 'CompanyName'; e = { $_.Name } }, @{ n = 'WebsiteUrl'; e = { $_.Website } } | Add-OPBlacklistEntry -BlacklistId $bl.Id | Out-Null

        $filtered = New-OPOrder -ProfileId $script:ProfileId -BriefingQuantity 20 -BlacklistId $bl.Id -Wait @script:Fast -Confirm:$false | Get-OPOrderResult
        $filtered | Should -HaveCount 20
        $filtered.Website | Where-Object { $_ -in $banned.Website } | Should -BeNullOrEmpty
        $filtered.Name | Where-Object { $_ -in $banned.Name } | Should -BeNullOrEmpty
    }

    It 'companies with -BriefingQuantity are refused before sending' {
        Clear-TestRequest
        { [pscustomobject]@{ CompanyName = 'X' } | New-OPOrder -ProfileId $script:ProfileId -BriefingQuantity 5 } | Should -Throw -ErrorId 'DiscoveryTakesNoCompanies,*'
        Get-TestRequest | Should -HaveCount 0
    }
}

Describe 'Waiting and unsuccessful orders' {
    It 'a REJECTED order is an error with the order as TargetObject' {
        $o = [pscustomobject]@{ CompanyName = 'Acme' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Bad fit [reject]'
        $done = $o | Wait-OPOrder @script:Fast -ErrorVariable e -ErrorAction SilentlyContinue
        $done | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'OrderRejected,*'
        $e[0].TargetObject.Id | Should -Be $o.Id
        $e[0].TargetObject.Status | Should -Be 'REJECTED'
        $e[0].Exception.Message | Should -BeLike '*Rejected in review*'
    }

    It 'Wait-OPOrder: a <Status> order is one <ErrorId> error with the order as TargetObject, and no output' -ForEach @(
        @{ Status = 'FAILED'; ErrorId = 'OrderFailed' }
        @{ Status = 'CANCELLED'; ErrorId = 'OrderCancelled' }
    ) {
        $o = [pscustomobject]@{ CompanyName = 'Acme' } | New-OPOrder -ProfileId $script:ProfileId -Title "Ends $Status"
        Set-OrderStatus $o.Id $Status
        $done = Wait-OPOrder -Id $o.Id @script:Fast -ErrorVariable e -ErrorAction SilentlyContinue
        $done | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($e[0].CategoryInfo.Category)" | Should -Be 'OperationStopped'
        $e[0].TargetObject.Id | Should -Be $o.Id
        $e[0].TargetObject.Status | Should -Be $Status
    }

    It 'New-OPOrder -Wait: a <Status> order is one <ErrorId> error with the order as TargetObject, and no output' -ForEach @(
        @{ Status = 'FAILED'; ErrorId = 'OrderFailed'; Marker = '[fail]' }
        @{ Status = 'CANCELLED'; ErrorId = 'OrderCancelled'; Marker = '[cancel]' }
    ) {
        # The emulator moves an order whose title has the marker to that status while the cmdlet waits.
        $done = [pscustomobject]@{ CompanyName = 'Acme' } |
            New-OPOrder -ProfileId $script:ProfileId -Title "Ends badly $Marker" -Wait @script:Fast -ErrorVariable e -ErrorAction SilentlyContinue
        $done | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($e[0].CategoryInfo.Category)" | Should -Be 'OperationStopped'
        $e[0].TargetObject.Status | Should -Be $Status
        $e[0].TargetObject.Title | Should -Be "Ends badly $Marker"
        $e[0].TargetObject.Id | Should -Match '^[0-9a-f-]{36}$'
        @(Get-OPOrder | Where-Object Title -EQ "Ends badly $Marker").Id | Should -Be $e[0].TargetObject.Id
    }

    It 'several orders are waited for together' {
        $orders = 1..3 | ForEach-Object { [pscustomobject]@{ CompanyName = "Batch $_" } | New-OPOrder -ProfileId $script:ProfileId -Title "Together $_" }
        $done = $orders | Wait-OPOrder @script:Fast
        $done | Should -HaveCount 3
        $done.Status | Sort-Object -Unique | Should -Be 'COMPLETED'
    }

    It '-TimeoutSec expiry is a clear WaitTimeout error' {
        $o = [pscustomobject]@{ CompanyName = 'Slow' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Held'
        Set-OrderStatus $o.Id 'IN_PROGRESS'
        Wait-OPOrder -Id $o.Id -TimeoutSec 1 -PollIntervalSec 0.2 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $e[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e[0].TargetObject.Status | Should -Be 'IN_PROGRESS'
    }

    It 'results before COMPLETED are a clear error that says to wait' {
        $o = [pscustomobject]@{ CompanyName = 'Early' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Early bird'
        Set-OrderStatus $o.Id 'ACCEPTED'
        Get-OPOrderResult -OrderId $o.Id -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ORDER_NOT_COMPLETED,*'
        $e[0].ErrorDetails.RecommendedAction | Should -BeLike '*Wait-OPOrder*'
    }

    It 'stopping Wait-OPOrder (as Ctrl+C does) ends it at once, not at the next poll' {
        $o = [pscustomobject]@{ CompanyName = 'Forever' } | New-OPOrder -ProfileId $script:ProfileId -Title 'Never done'
        Set-OrderStatus $o.Id 'IN_PROGRESS'
        $poll = { $_.path -eq "/api/v1/orders/$($o.Id)" -and $_.method -eq 'GET' }
        Clear-TestRequest
        $r = Invoke-TestStop -Arrived { @(Get-TestRequest | Where-Object $poll).Count } -Script {
            param($Manifest, $Uri, $Key, $Id)
            Import-Module $Manifest
            Connect-OpenProspect -BaseUri $Uri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force)
            Wait-OPOrder -Id $Id -PollIntervalSec 60 -TimeoutSec 600
        } -ArgumentList $script:ModuleManifest, $script:BaseUri, (Get-TestKey 'full-access'), $o.Id
        # The first poll was answered, so the command is sleeping in its 60 s interval when it is stopped.
        $r.ArrivedBeforeStop | Should -Be 1
        $r.Completed | Should -BeTrue
        "$($r.State)" | Should -Be 'Stopped'
        $r.Output | Should -BeNullOrEmpty
        # The sleep was 60 s; a stop that waited for it would take that long. Generous bound for busy machines.
        $r.StopSeconds | Should -BeLessThan 5
        @(Get-TestRequest | Where-Object $poll) | Should -HaveCount 1 -Because 'nothing polls after the stop'
    }
}

Describe 'Listing orders' {
    It 'Get-OPOrder reads the documented "orders" envelope and pages through it' {
        $all = Get-OPOrder
        $all.Count | Should -BeGreaterThan 5
        ($all.Id | Sort-Object -Unique).Count | Should -Be $all.Count
        Clear-TestRequest
        Get-OPOrder -First 2 | Should -HaveCount 2
        (Get-TestRequest)[0].query | Should -BeLike '*limit=2*'
        $completed = @(Get-OPOrder -Status COMPLETED)
        $completed.Count | Should -BeGreaterThan 0 -Because 'the seed has completed orders, so the filter has something to keep'
        $completed | ForEach-Object { $_.Status | Should -Be 'COMPLETED' }
    }

    It 'an unknown order id is ORDER_NOT_FOUND' {
        Get-OPOrder -Id ([guid]::NewGuid()) -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ORDER_NOT_FOUND,*'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'a key without orders:write fails before any request' {
        Invoke-WithTestSession 'crm-sync' {
            Clear-TestRequest
            { [pscustomobject]@{ CompanyName = 'X' } | New-OPOrder -ProfileId $script:ProfileId } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
            Get-TestRequest | Should -HaveCount 0
        }
    }
}
