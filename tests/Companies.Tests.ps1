# Prospect searches, companies, jobs, technologies, prospects and deliveries against the emulator, and
# Sync-OPDelivery over several runs, with a fault midway.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator
    Connect-TestSession 'full-access'
    $script:Search = $script:ProspectSearchId                      # 1,500 seeded companies
    $script:SmallSearch = ($script:ProspectSearches | Where-Object { $_.organization -eq $script:Keys['full-access'].organization })[1].id
    $script:Work = New-TestFolder 'companies'

    function Add-Delivery([string] $SearchId, [int] $Count) {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/deliveries/$SearchId" -Body (@{ count = $Count } | ConvertTo-Json) -ContentType 'application/json'
    }
}

AfterAll {
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Prospect searches' {
    It 'lists the organization''s searches (the list has no has_more) and reads one with its version' {
        $all = Get-OPProspectSearch
        $all.Count | Should -Be 3
        $all.Name | Should -Contain 'DACH SaaS buyers'
        $one = Get-OPProspectSearch -Id $script:Search
        $one.Version | Should -BeGreaterOrEqual 1
        $one.IdealCustomerProfile | Should -Not -BeNullOrEmpty
    }

    It 'Set-OPProspectSearch without -Version reads the current version and updates' {
        $before = Get-OPProspectSearch -Id $script:SmallSearch
        $after = Set-OPProspectSearch -Id $script:SmallSearch -Name 'Nordic logistics 2027' -PassThru -Confirm:$false
        $after.Name | Should -Be 'Nordic logistics 2027'
        $after.Version | Should -Be ($before.Version + 1)
        $patch = Get-TestRequest | Where-Object method -EQ 'PATCH' | Select-Object -Last 1
        $patch.path | Should -Be "/api/v1/prospect-searches/$($script:SmallSearch)"
    }

    It 'a stale -Version gives the conflict error and changes nothing' {
        $current = Get-OPProspectSearch -Id $script:SmallSearch
        Set-OPProspectSearch -Id $script:SmallSearch -Name 'Stale write' -Version ($current.Version - 1) -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $e[0].Exception.StatusCode | Should -Be 409
        $e[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-OPProspectSearch*'
        (Get-OPProspectSearch -Id $script:SmallSearch).Name | Should -Be $current.Name
    }

    It 'admin-only fields the API strips are named in a warning' {
        $null = Set-OPProspectSearch -Id $script:SmallSearch -SearchKeyword 'fleet', 'cold chain' -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -HaveCount 1
        "$($w[0])" | Should -BeLike '*search_keywords*'
    }
}

Describe 'Companies' {
    It 'listing 1,500 companies returns each exactly once' {
        $all = Get-OPCompany -ProspectSearchId $script:Search
        $all | Should -HaveCount 1500
        ($all.Id | Sort-Object -Unique) | Should -HaveCount 1500
    }

    It '-First 5 makes exactly one request' {
        Clear-TestRequest
        Get-OPCompany -ProspectSearchId $script:Search -First 5 | Should -HaveCount 5
        @(Get-TestRequest) | Should -HaveCount 1
    }

    It '-Skip 100 -First 10 starts at offset 100' {
        $all = Get-OPCompany -ProspectSearchId $script:Search -First 110
        Clear-TestRequest
        $page = Get-OPCompany -ProspectSearchId $script:Search -Skip 100 -First 10
        $page.Id | Should -Be ($all | Select-Object -Skip 100).Id
        (Get-TestRequest)[0].query | Should -BeLike '*offset=100*'
    }

    It 'filters reach the API as the documented query parameters' {
        Clear-TestRequest
        $hits = Get-OPCompany -ProspectSearchId $script:Search -MinMatchScore 7.5 -ReviewStatus accepted -Search 'Gmb' -First 20
        $q = [uri]::UnescapeDataString((Get-TestRequest)[0].query)
        $q | Should -BeLike "*prospect_search_id=$($script:Search)*"
        $q | Should -BeLike '*min_match_score=7.5*'
        $q | Should -BeLike '*review_status=accepted*'
        $q | Should -BeLike '*search=Gmb*'
        @($hits).Count | Should -Be 20 -Because 'the seeded search has more than 20 such companies, so the checks below see rows'
        $hits | ForEach-Object { $_.MatchScore | Should -BeGreaterOrEqual 7.5; $_.ReviewStatus | Should -Be 'accepted' }

        Clear-TestRequest
        $two = Get-OPCompany -ProspectSearchId $script:Search -ReviewStatus accepted, pending -First 50
        (Get-TestRequest)[0].query | Should -BeLike '*review_status_list=accepted&review_status_list=pending*'
        $two.ReviewStatus | Sort-Object -Unique | Should -Be @('accepted', 'pending')
    }

    It 'an out-of-range score is refused before sending' {
        Clear-TestRequest
        { Get-OPCompany -ProspectSearchId $script:Search -MinMatchScore 11 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-TestRequest | Should -HaveCount 0
    }

    It 'a field the models do not know shows up as a property' {
        $c = Get-OPCompany -ProspectSearchId $script:Search -First 1
        $c.PSObject.Properties.Name | Should -Contain 'EmployeeRange'
        $c.EmployeeRange | Should -Not -BeNullOrEmpty
        $c.PSObject.TypeNames[0] | Should -Be 'OpenProspect.Company'
    }

    It 'pipes prospect searches into companies, and companies into jobs, technologies and prospects' {
        $c = Get-OPProspectSearch -Id $script:Search | Get-OPCompany -First 1
        $detail = $c | Get-OPCompany
        $detail.Id | Should -Be $c.Id
        $jobs = $c | Get-OPCompanyJob
        @($jobs).Count | Should -BeGreaterThan 0
        $jobs | ForEach-Object { $_.CompanyId | Should -Be $c.Id }
        ($c | Get-OPCompanyJob -Summary).TotalJobs | Should -Be @($jobs).Count
        $tech = $c | Get-OPCompanyTechnology
        @($tech).Count | Should -BeGreaterThan 0
        ($c | Get-OPCompanyTechnology -Summary).TotalTechnologies | Should -Be @($tech).Count
        $people = $c | Get-OPProspect
        @($people).Count | Should -BeGreaterThan 0
        $people | ForEach-Object { $_.CompanyId | Should -Be $c.Id }
        (Get-OPProspect -Id $people[0].Id).Email | Should -Be $people[0].Email
    }

    It 'an unknown company is ENTITY_NOT_FOUND / ObjectNotFound' {
        Get-OPCompany -Id ([guid]::NewGuid()) -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ENTITY_NOT_FOUND,*'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Deliveries' {
    It 'Get-OPDelivery -DeliveredSince returns only later deliveries, with prospects' {
        $all = Get-OPDelivery -ProspectSearchId $script:SmallSearch
        $all.Count | Should -BeGreaterThan 10
        $cut = ($all | Sort-Object DeliveredAt)[9].DeliveredAt
        $later = Get-OPDelivery -ProspectSearchId $script:SmallSearch -DeliveredSince $cut
        $later.Count | Should -Be ($all.Count - 10)
        $later | ForEach-Object { $_.DeliveredAt | Should -BeGreaterThan $cut }
        $all[0].Prospects.Count | Should -BeGreaterThan 0
    }

    It 'needs both companies:read and prospects:read, checked before sending' {
        Invoke-WithTestSession 'companies-only' {
            Clear-TestRequest
            { Get-OPDelivery -ProspectSearchId $script:SmallSearch } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
            Get-TestRequest | Should -HaveCount 0
        }
    }
}

Describe 'Sync-OPDelivery' {
    BeforeAll {
        Clear-TestFault
        $script:Target = $script:ProspectSearches | Where-Object { $_.organization -eq $script:Keys['full-access'].organization } | Select-Object -Last 1
    }
    # Each test starts from a state file of its own; one that needs an earlier run makes it itself.
    BeforeEach { $script:StateFile = Join-Path $script:Work "sync-state-$([guid]::NewGuid()).json" }
    AfterEach { Clear-TestFault }

    It 'three runs: everything, then nothing, then exactly the 10 new deliveries' {
        Add-Delivery $script:Target.id 25
        $expected = @(Get-OPDelivery -ProspectSearchId $script:Target.id).Count
        $expected | Should -BeGreaterOrEqual 25
        $first = Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile
        $first | Should -HaveCount $expected
        Test-Path $script:StateFile | Should -BeTrue

        Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile | Should -BeNullOrEmpty

        Add-Delivery $script:Target.id 10
        $third = Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile
        $third | Should -HaveCount 10
        $third.Id | Where-Object { $_ -in $first.Id } | Should -BeNullOrEmpty
    }

    It 'a fault midway leaves the state file byte for byte unchanged, and the rerun emits the full set' {
        $null = Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile
        Add-Delivery $script:Target.id 250
        $before = [IO.File]::ReadAllBytes($script:StateFile)
        # Page 1 succeeds, then every delivery request fails (beyond the retry budget).
        Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Target.id)"; after = 1; count = 100; status = 500 }
        $partial = Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile -PageSize 100 -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Clear-TestFault
        # Page 1 held the last run's overlap (already emitted, so skipped) and the first new companies.
        $partial.Count | Should -BeGreaterThan 0
        $partial.Count | Should -BeLessThan 250
        $e[0].Exception.StatusCode | Should -Be 500
        [IO.File]::ReadAllBytes($script:StateFile) | Should -Be $before

        $rerun = Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile
        $rerun | Should -HaveCount 250
        ($rerun.Id | Sort-Object -Unique) | Should -HaveCount 250
        Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile | Should -BeNullOrEmpty
    }

    It 'a corrupt state file (<Case>) is a clear error, never a silent full re-sync' -ForEach @(
        @{ Case = 'not JSON'; Content = '{ this is not json' }
        @{ Case = 'another program''s JSON'; Content = '{}' }
        @{ Case = 'no prospect_searches'; Content = '{"format": 1}' }
        @{ Case = 'an unknown format'; Content = '{"format": 99, "prospect_searches": {}}' }
    ) {
        $bad = Join-Path $script:Work 'corrupt.json'
        Set-Content $bad $Content
        Clear-TestRequest
        { Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $bad } | Should -Throw -ErrorId 'SyncStateCorrupt,*'
        Get-TestRequest | Should -HaveCount 0
        (Get-Content $bad -Raw).Trim() | Should -Be $Content
    }

    It 'stopping the pipeline early leaves the state untouched' {
        $null = Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile
        Add-Delivery $script:Target.id 5
        $before = [IO.File]::ReadAllBytes($script:StateFile)
        Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile | Select-Object -First 2 | Should -HaveCount 2
        [IO.File]::ReadAllBytes($script:StateFile) | Should -Be $before
        Sync-OPDelivery -ProspectSearchId $script:Target.id -StatePath $script:StateFile | Should -HaveCount 5
    }
}
