# Blacklist cmdlets against the emulator: bulk CSV import in batches, bad rows, -WhatIf, scopes,
# organization isolation, wildcard removal, entry removal and assignments.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator
    Connect-TestSession 'full-access'
    $script:Work = New-TestFolder 'blacklists'

    function New-CrmCsv([string] $Path, [int] $Count, [string] $Tag = 'c') {
        # A CRM-style export: Salesforce-like headers, unique ids and domains.
        $lines = [System.Collections.Generic.List[string]]::new($Count + 1)
        $lines.Add('Account ID,Account Name,Website,Billing City,Billing Country')
        for ($i = 1; $i -le $Count; $i++) {
            $lines.Add("CRM-$Tag-$i,Company $Tag $i,www.$Tag$i.example.com,City $($i % 50),DE")
        }
        [IO.File]::WriteAllLines($Path, $lines)
        $Path
    }
}

AfterAll {
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Bulk import from a CRM export' {
    It 'stores 25,000 rows in exactly 3 entry requests and lists all of them back' {
        $bl = New-OPBlacklist -Name 'Customers 25k'
        $csv = New-CrmCsv (Join-Path $script:Work 'crm25k.csv') 25000
        Clear-TestRequest
        $result = Import-Csv $csv | Add-OPBlacklistEntry -BlacklistId $bl.Id
        $result.Received | Should -Be 25000
        $result.Added | Should -Be 25000
        $result.Batches | Should -Be 3
        $result.Invalid + $result.Failed + $result.Duplicates | Should -Be 0
        $posts = @(Get-TestRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq "/api/v1/blacklists/$($bl.Id)/entries" })
        $posts | Should -HaveCount 3
        $posts.status | Should -Be @(200, 200, 200)

        $entries = Get-OPBlacklistEntry -BlacklistId $bl.Id
        $entries | Should -HaveCount 25000
        ($entries.ExternalId | Sort-Object -Unique) | Should -HaveCount 25000
        $entries[0].WebsiteUrl | Should -Be 'https://www.c1.example.com'
        $entries[0].City | Should -Be 'City 1'
        (Get-OPBlacklist -Id $bl.Id).EntryCount | Should -Be 25000
    }

    It 'maps common CRM column names (HubSpot-style headers) and normalises values' {
        $bl = New-OPBlacklist -Name 'HubSpot import'
        $csv = Join-Path $script:Work 'hubspot.csv'
        Set-Content $csv -Value @(
            'Record ID,Company name,Company Domain Name,City,Country/Region'
            '101,  Acme GmbH  ,acme.example,Berlin,DE'
            '102,Globex,https://globex.example/about,Munich,DE'
        )
        $verbose = Import-Csv $csv | Add-OPBlacklistEntry -BlacklistId $bl.Id -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $entries = Get-OPBlacklistEntry -BlacklistId $bl.Id
        $entries | Should -HaveCount 2
        $acme = $entries | Where-Object ExternalId -EQ '101'
        $acme.CompanyName | Should -Be 'Acme GmbH'
        $acme.WebsiteUrl | Should -Be 'https://acme.example'
        $acme.City | Should -Be 'Berlin'
        $acme.Country | Should -Be 'DE'
        ($verbose.Message -join "`n") | Should -BeLike "*website 'acme.example' sent as 'https://acme.example'*"
        ($verbose.Message -join "`n") | Should -BeLike '*white space trimmed*'
    }

    It 'reports each unusable row with the row as TargetObject and stores every good row' {
        $bl = New-OPBlacklist -Name 'Mixed quality'
        $csv = Join-Path $script:Work 'mixed.csv'
        Set-Content $csv -Value @(
            'Company,Website,Id,City'
            'Good One,good1.example,G1,Berlin'
            ',,,Hamburg'
            'Good Two,,G2,Cologne'
            '   ,  , ,Bonn'
            'Bad Site,not a website,B3,Essen'
            ',good3.example,,Kiel'
        )
        $result = Import-Csv $csv | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        $rowErrors | Should -HaveCount 3
        @($rowErrors | Where-Object { $_.FullyQualifiedErrorId -like 'CompanyNotIdentifiable,*' }) | Should -HaveCount 2
        @($rowErrors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidWebsiteUrl,*' }) | Should -HaveCount 1
        $rowErrors.TargetObject.City | Sort-Object | Should -Be @('Bonn', 'Essen', 'Hamburg')
        $rowErrors | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidData' }
        $result.Received | Should -Be 6
        $result.Invalid | Should -Be 3
        $result.Added | Should -Be 3
        $stored = Get-OPBlacklistEntry -BlacklistId $bl.Id
        $stored | Should -HaveCount 3
        $stored.ExternalId | Sort-Object | Should -Be @('G1', 'G2')
        ($stored | Where-Object { -not $_.CompanyName }).WebsiteUrl | Should -Be 'https://good3.example'
    }

    It 'a header-only CSV sends nothing and reports zero rows' {
        $bl = New-OPBlacklist -Name 'Empty import'
        $csv = Join-Path $script:Work 'header-only.csv'
        Set-Content $csv -Value 'Company,Website'
        Clear-TestRequest
        $result = Import-Csv $csv | Add-OPBlacklistEntry -BlacklistId $bl.Id
        $result.Received | Should -Be 0
        $result.Batches | Should -Be 0
        Get-TestWrite | Should -HaveCount 0
    }

    It 'counts entries the list already has as duplicates (same external id or website domain)' {
        $bl = New-OPBlacklist -Name 'Dedup'
        Add-OPBlacklistEntry -BlacklistId $bl.Id -CompanyName 'Initech' -WebsiteUrl 'https://www.initech.example' -ExternalId 'I-1' | Out-Null
        $r = @(
            [pscustomobject]@{ company_name = 'Initech again'; website_url = 'initech.example' }
            [pscustomobject]@{ company_name = 'Other'; external_id = 'i-1' }
            [pscustomobject]@{ company_name = 'New Co'; external_id = 'N-1' }
        ) | Add-OPBlacklistEntry -BlacklistId $bl.Id
        $r.Added | Should -Be 1
        $r.Duplicates | Should -Be 2
        (Get-OPBlacklist -Id $bl.Id).EntryCount | Should -Be 2
    }

    It 'a batch the API refuses is an error carrying exactly that batch''s rows; later rows are reported, not sent' {
        $missing = [guid]::NewGuid().Guid
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ CompanyName = "Row $_" } }
        Clear-TestRequest
        $result = $rows | Add-OPBlacklistEntry -BlacklistId $missing -BatchSize 3 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 2
        $failed | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'BLACKLIST_NOT_FOUND,*'
            $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
        $failed[0].TargetObject.CompanyName | Should -Be @('Row 1', 'Row 2', 'Row 3')
        $failed[1].TargetObject.CompanyName | Should -Be @('Row 4', 'Row 5')
        $failed[0].ErrorDetails.Message | Should -BeLike '*Batch 1 (input rows 1-3, 3 entries) was not stored*'
        $failed[1].ErrorDetails.Message | Should -BeLike '*Batch 2*was not sent because an earlier batch failed*'
        $result.Failed | Should -Be 5
        $result.Added | Should -Be 0
        @(Get-TestWrite) | Should -HaveCount 1
    }

    It 'the same -IdempotencyKey twice stores the batch once' {
        # Only a server that honours the key on entry batches (not documented) replays the first answer.
        Invoke-WithEmulatorOption @{ Idempotency = 'all' } {
            $bl = New-OPBlacklist -Name 'Idempotent'
            $rows = 1..4 | ForEach-Object { [pscustomobject]@{ ExternalId = "ID-$_" } }
            $first = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -IdempotencyKey 'nightly-2026-11-29'
            $again = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -IdempotencyKey 'nightly-2026-11-29'
            $first.Added | Should -Be 4
            $again.Added | Should -Be 4         # the replayed answer of the first call
            (Get-OPBlacklist -Id $bl.Id).EntryCount | Should -Be 4
        }
    }
}

Describe 'Listing and paging' {
    BeforeAll {
        $script:Paged = New-OPBlacklist -Name 'Paging'
        1..250 | ForEach-Object { [pscustomobject]@{ ExternalId = "P-$_" } } | Add-OPBlacklistEntry -BlacklistId $script:Paged.Id | Out-Null
    }

    It '-First 5 makes exactly one request for 5 items' {
        Clear-TestRequest
        $e = Get-OPBlacklistEntry -BlacklistId $script:Paged.Id -First 5
        $e | Should -HaveCount 5
        $req = @(Get-TestRequest)
        $req | Should -HaveCount 1
        $req[0].query | Should -BeLike '*limit=5*'
    }

    It '-Skip 100 -First 10 starts at offset 100' {
        Clear-TestRequest
        $e = Get-OPBlacklistEntry -BlacklistId $script:Paged.Id -Skip 100 -First 10
        $e.ExternalId | Should -Be (101..110 | ForEach-Object { "P-$_" })
        (Get-TestRequest)[0].query | Should -BeLike '*offset=100*'
    }

    It '-PageSize sets the page size and every item comes exactly once' {
        Clear-TestRequest
        $e = Get-OPBlacklistEntry -BlacklistId $script:Paged.Id -PageSize 40
        $e | Should -HaveCount 250
        ($e.ExternalId | Sort-Object -Unique) | Should -HaveCount 250
        Get-TestRequest | Should -HaveCount 7
    }

    It '-IncludeTotalCount writes the total first' {
        $out = Get-OPBlacklistEntry -BlacklistId $script:Paged.Id -IncludeTotalCount -First 2
        $out[0].ToString() | Should -BeLike '*250*'
    }

    It 'Get-OPBlacklist -Name without wildcards that matches nothing is an error' {
        Get-OPBlacklist -Name 'No such list' -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'BlacklistNameNotFound,*'
        Get-OPBlacklist -Name 'No such*' -ErrorVariable e2 | Should -BeNullOrEmpty
        $e2 | Should -HaveCount 0
    }

    It 'an id that is not an id is refused before any request' {
        Clear-TestRequest
        { Get-OPBlacklist -Id 'my blacklist' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-TestRequest | Should -HaveCount 0
    }
}

Describe 'Blacklist management' {
    It 'Get-OPBlacklist -Name ''Test*'' | Remove-OPBlacklist removes exactly the matching lists' {
        $made = 'Test-A', 'Test-B', 'test-c', 'Keep-Test' | ForEach-Object { New-OPBlacklist -Name $_ }
        Clear-TestRequest
        Get-OPBlacklist -Name 'Test*' | Remove-OPBlacklist -Confirm:$false
        @(Get-TestWrite | Where-Object method -EQ 'DELETE') | Should -HaveCount 3
        $names = (Get-OPBlacklist).Name
        $names | Should -Contain 'Keep-Test'
        $names | Where-Object { $_ -like 'Test*' } | Should -BeNullOrEmpty
        { Get-OPBlacklist -Id $made[0].Id -ErrorAction Stop } | Should -Throw -ErrorId 'BLACKLIST_NOT_FOUND,*'
    }

    It 'Set-OPBlacklist renames and describes' {
        $bl = New-OPBlacklist -Name 'Competitors' -Description 'old'
        $u = Set-OPBlacklist -Id $bl.Id -Name 'Competitors 2027' -Description 'Direct competitors' -PassThru
        $u.Name | Should -Be 'Competitors 2027'
        (Get-OPBlacklist -Id $bl.Id).Description | Should -Be 'Direct competitors'
        { Set-OPBlacklist -Id $bl.Id } | Should -Throw -ErrorId 'NothingToChange,*'
    }

    It 'Remove-OPBlacklistEntry removes piped entries in batches' {
        $bl = New-OPBlacklist -Name 'Removals'
        1..7 | ForEach-Object { [pscustomobject]@{ ExternalId = "R-$_" } } | Add-OPBlacklistEntry -BlacklistId $bl.Id | Out-Null
        Clear-TestRequest
        $r = Get-OPBlacklistEntry -BlacklistId $bl.Id -First 5 | Remove-OPBlacklistEntry -BatchSize 2 -Confirm:$false
        $r.Removed | Should -Be 5
        @(Get-TestWrite) | Should -HaveCount 3
        (Get-OPBlacklistEntry -BlacklistId $bl.Id).ExternalId | Should -Be @('R-6', 'R-7')
    }

    It 'another organization''s blacklist is BLACKLIST_NOT_FOUND' {
        # Connecting makes the other organization's session the default for a moment; it is switched back at once.
        try {
            $other = Connect-TestSession 'other-org' -PassThru
            $theirs = New-OPBlacklist -Name 'Their list' -Session $other
        }
        finally { Connect-TestSession 'full-access' }
        $err = $null
        try { Get-OPBlacklist -Id $theirs.Id -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'BLACKLIST_NOT_FOUND,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $theirs.Id
        { Add-OPBlacklistEntry -BlacklistId $theirs.Id -CompanyName 'X' } | Should -Throw -ErrorId 'BLACKLIST_NOT_FOUND,*'
        (Get-OPBlacklist).Id | Should -Not -Contain $theirs.Id
    }

    It 'a key without blacklists:write fails before any request' {
        Invoke-WithTestSession 'read-only' {
            Clear-TestRequest
            { Add-OPBlacklistEntry -BlacklistId ([guid]::NewGuid()) -CompanyName 'X' } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
            { New-OPBlacklist -Name 'X' } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
            Get-TestRequest | Should -HaveCount 0
        }
    }
}

Describe '-WhatIf sends no write' {
    BeforeAll {
        $script:Target = New-OPBlacklist -Name 'WhatIf target'
        Add-OPBlacklistEntry -BlacklistId $script:Target.Id -CompanyName 'Kept' | Out-Null
    }

    It '<Name> -WhatIf changes nothing' -ForEach @(
        @{ Name = 'New-OPBlacklist'; Run = { New-OPBlacklist -Name 'never' -WhatIf } }
        @{ Name = 'Set-OPBlacklist'; Run = { Set-OPBlacklist -Id $script:Target.Id -Name 'never' -WhatIf } }
        @{ Name = 'Remove-OPBlacklist'; Run = { Remove-OPBlacklist -Id $script:Target.Id -WhatIf } }
        @{ Name = 'Add-OPBlacklistEntry'; Run = { 1..3 | ForEach-Object { [pscustomobject]@{ Company = "W$_" } } | Add-OPBlacklistEntry -BlacklistId $script:Target.Id -WhatIf } }
        @{ Name = 'Remove-OPBlacklistEntry'; Run = { Remove-OPBlacklistEntry -BlacklistId $script:Target.Id -EntryId ([guid]::NewGuid()) -WhatIf } }
        @{ Name = 'Set-OPBlacklistAssignment'; Run = { Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -BlacklistId $script:Target.Id -WhatIf } }
        @{ Name = 'Set-OPBlacklistAssignment -Clear'; Run = { Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -Clear -WhatIf } }
    ) {
        Clear-TestRequest
        & $Run | Out-Null
        Get-TestWrite | Should -HaveCount 0
        (Get-OPBlacklist -Id $script:Target.Id).Name | Should -Be 'WhatIf target'
        (Get-OPBlacklist -Id $script:Target.Id).EntryCount | Should -Be 1
    }
}

Describe 'Assignments to a prospect search' {
    It 'round trip: set two, read two, clear, read none' {
        $a = New-OPBlacklist -Name 'Assign A'
        $b = New-OPBlacklist -Name 'Assign B'
        $a, $b | Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -Confirm:$false
        $now = Get-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId
        $now | Should -HaveCount 2
        $now.Id | Sort-Object | Should -Be (@($a.Id, $b.Id) | Sort-Object)
        Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -Clear -Confirm:$false
        Get-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId | Should -BeNullOrEmpty
    }

    It 'an empty pipeline does not clear the assignment' {
        $a = New-OPBlacklist -Name 'Assign C'
        Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -BlacklistId $a.Id -Confirm:$false
        { @() | Set-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId -Confirm:$false } | Should -Throw -ErrorId 'NoBlacklistGiven,*'
        (Get-OPBlacklistAssignment -ProspectSearchId $script:ProspectSearchId).Id | Should -Be $a.Id
    }

    It 'an unknown prospect search is PROSPECT_SEARCH_NOT_FOUND' {
        Get-OPBlacklistAssignment -ProspectSearchId ([guid]::NewGuid()) -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PROSPECT_SEARCH_NOT_FOUND,*'
    }
}
