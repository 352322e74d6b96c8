# The PowerShell experience: completion from known values and from the server, flat exports, several accounts
# side by side, a default session shared by parallel runspaces, quiet import, readable views.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--companies', '1000', '--order-seconds', '0.3'
    Connect-TestSession 'full-access'
    $script:Work = New-TestFolder 'experience'
}

AfterAll {
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Completion' {
    It 'completes <Parameter> of <Command> from known values' -ForEach @(
        @{ Command = 'Get-OPOrder'; Parameter = '-Status'; Expect = 'IN_PROGRESS' }
        @{ Command = 'Get-OPCompany -ProspectSearchId x'; Parameter = '-ReviewStatus'; Expect = 'accepted' }
        @{ Command = 'New-OPOrder -ProfileId x'; Parameter = '-Feature'; Expect = 'TECHNOLOGIES' }
        @{ Command = 'Test-OpenProspectKey'; Parameter = '-RequiredScope'; Expect = 'blacklists:write' }
        @{ Command = 'Test-OpenProspectKey'; Parameter = '-Preset'; Expect = 'CrmSync' }
    ) {
        (Get-TestCompletion "$Command $Parameter ").CompletionText | Should -Contain $Expect
    }

    It 'completes -BlacklistId from the server: names listed, ids inserted' {
        $bl = New-OPBlacklist -Name 'Completion customers'
        $m = Get-TestCompletion 'Get-OPBlacklistEntry -BlacklistId '
        $hit = $m | Where-Object ListItemText -EQ 'Completion customers'
        $hit.CompletionText | Should -Be $bl.Id
        # Typing part of the name narrows to it.
        (Get-TestCompletion 'Get-OPBlacklistEntry -BlacklistId Completion').CompletionText | Should -Be $bl.Id
    }

    It 'a completion that gives up on a failing server cancels its request instead of leaving it retrying' {
        # A fresh session: the cache of answers is per session, and its retries may go on for long.
        Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) -MaxRetryCount 10 -MaxRetryDelaySec 1
        try {
            Set-TestFault @{ path_prefix = '/api/v1/prospect-searches'; method = 'GET'; mode = 'status'; status = 503 }
            Clear-TestRequest
            Get-TestCompletion 'Get-OPCompany -ProspectSearchId ' | Should -BeNullOrEmpty
            $sent = @(Get-TestRequest).Count
            $sent | Should -BeGreaterThan 0
            Start-Sleep -Seconds 3   # longer than any retry delay of this session
            @(Get-TestRequest).Count | Should -Be $sent
        }
        finally {
            Clear-TestFault
            Connect-TestSession 'full-access'
        }
    }

    It 'completes -ProspectSearchId from the server' {
        $m = Get-TestCompletion 'Get-OPCompany -ProspectSearchId '
        ($m | Where-Object CompletionText -EQ $script:ProspectSearchId).ListItemText | Should -Be 'DACH SaaS buyers'
    }

    It 'server completion is silent and empty when not connected' {
        $s = Get-OpenProspectSession
        Disconnect-OpenProspect
        try { Get-TestCompletion 'Get-OPBlacklistEntry -BlacklistId ' | Where-Object ResultType -EQ 'ParameterValue' | Should -BeNullOrEmpty }
        finally { Connect-TestSession 'full-access' }
    }
}

Describe 'Flat exports' {
    It '-ExpandProspect writes one row per prospect that Export-Csv turns into a CRM-ready sheet' {
        $companies = Get-OPDelivery -ProspectSearchId $script:ProspectSearchId -First 20
        $rows = Get-OPDelivery -ProspectSearchId $script:ProspectSearchId -First 20 -ExpandProspect
        $rows.Count | Should -Be (($companies | ForEach-Object { [Math]::Max(1, $_.Prospects.Count) }) | Measure-Object -Sum).Sum
        $rows[0].PSObject.TypeNames[0] | Should -Be 'OpenProspect.ProspectRow'
        $rows[0].CompanyName | Should -Be $companies[0].Name
        $rows[0].Email | Should -Be $companies[0].Prospects[0].Email
        $csv = Join-Path $script:Work 'prospects.csv'
        $rows | Export-Csv $csv -NoTypeInformation
        $back = Import-Csv $csv
        $back | Should -HaveCount $rows.Count
        (Get-Content $csv -First 1) | Should -BeLike '*"CompanyName"*"FullName"*"Email"*'
        (Get-Content $csv -Raw) | Should -Not -BeLike '*System.Collections*'
    }
}

Describe 'Several accounts' {
    It 'two sessions of two organizations work side by side with -Session' {
        Invoke-WithTestSession 'full-access' {
            $acme = Get-OpenProspectSession
            $globex = Connect-TestSession 'other-org' -PassThru
            $a = New-OPBlacklist -Name 'Acme only' -Session $acme
            $g = New-OPBlacklist -Name 'Globex only' -Session $globex
            (Get-OPBlacklist -Session $acme).Name | Should -Contain 'Acme only'
            (Get-OPBlacklist -Session $acme).Name | Should -Not -Contain 'Globex only'
            (Get-OPBlacklist -Session $globex).Name | Should -Contain 'Globex only'
            (Get-OPBlacklist -Session $globex).Name | Should -Not -Contain 'Acme only'
            (Get-OpenProspectSession).KeyHint | Should -Be $globex.KeyHint
        }
    }

    It 'the default session is shared safely by ForEach-Object -Parallel -ThrottleLimit 4' {
        $bl = New-OPBlacklist -Name 'Parallel'
        $manifest = $script:ModuleManifest
        $results = 1..8 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            $worker = $_
            $rows = 1..250 | ForEach-Object { [pscustomobject]@{ ExternalId = "P$worker-$_" } }
            $r = $rows | Add-OPBlacklistEntry -BlacklistId ($using:bl).Id
            [pscustomobject]@{ Added = $r.Added; Listed = @(Get-OPBlacklist -First 5).Count }
        }
        $results | Should -HaveCount 8
        ($results.Added | Measure-Object -Sum).Sum | Should -Be 2000
        $results | ForEach-Object { $_.Listed | Should -BeGreaterThan 0 }
        (Get-OPBlacklist -Id $bl.Id).EntryCount | Should -Be 2000
    }
}

Describe 'Module hygiene' {
    It 'importing the module prints nothing' {
        $out = & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command "Import-Module '$($script:ModuleManifest)' -Verbose:`$false *>&1"
        $out | Should -BeNullOrEmpty
    }

    It 'objects have readable type names and a table that fits 120 columns' {
        $c = Get-OPCompany -ProspectSearchId $script:ProspectSearchId -First 1000
        ($c | Get-Member)[0].TypeName | Should -Be 'OpenProspect.Company'
        $lines = ($c | Format-Table | Out-String -Width 120) -split "`n"
        $lines.Count | Should -BeGreaterThan 1000
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        $lines[1] | Should -BeLike '*Name*City*Score*'
    }

    It 'every exported cmdlet declares its output type' {
        Get-Command -Module OpenProspect -CommandType Cmdlet | Where-Object Name -NE 'Disconnect-OpenProspect' | ForEach-Object {
            $_.OutputType.Name | Should -Not -BeNullOrEmpty -Because "$($_.Name) should declare [OutputType]"
        }
    }
}
