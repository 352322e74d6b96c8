# CRM workflows (issue 13): CSV files from any Excel through -Path (delimiter, encoding, quoting, file line
# numbers), the one clear error for rows read with the wrong delimiter, blacklist names users can use,
# completion of ids from the server and progress on long listings.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--order-seconds', '1'
    Connect-TestSession 'full-access'
    $script:Work = New-TestFolder 'crmimport'
    $script:ProfileId = ((Invoke-RestMethod "$($script:BaseUri)/_emulator/profiles") | ForEach-Object { $_ } |
            Where-Object organization -EQ $script:Keys['full-access'].organization | Select-Object -First 1).profile_id
    $script:Fast = @{ PollIntervalSec = 0.2; MaxPollIntervalSec = 0.5; TimeoutSec = 30 }

    # Writes $Text to a file in the given encoding, exactly as given (no extra line break, BOM only when asked).
    function New-CsvFile([string] $Name, [string] $Text, [string] $Encoding = 'utf8') {
        $path = Join-Path $script:Work $Name
        $enc = switch ($Encoding) {
            'utf8' { [Text.UTF8Encoding]::new($false) }
            'utf8bom' { [Text.UTF8Encoding]::new($true) }
            'utf16le' { [Text.UnicodeEncoding]::new($false, $true) }
            'utf16be' { [Text.UnicodeEncoding]::new($true, $true) }
            'windows1252' { [Text.Encoding]::GetEncoding(1252) }
        }
        $bytes = [Collections.Generic.List[byte]]::new()
        $bytes.AddRange([byte[]]$enc.GetPreamble())
        $bytes.AddRange([byte[]]$enc.GetBytes($Text))
        [IO.File]::WriteAllBytes($path, $bytes.ToArray())
        $path
    }

    # A German Excel export: semicolons, CRLF, a quoted name with a line break, doubled quotes and umlauts.
    $script:GermanCsv = "Firmenname;Website;Account Name;Billing City`r`n" +
        "x;muller.example;Müller & Söhne GmbH;Köln`r`n" +
        "x;cafe.example;`"Café `"`"Zur Post`"`"`r`nFiliale Süd`";München`r`n" +
        "x;wolf.example;Wolf; Bonn`r`n"
}

AfterAll {
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Add-OPBlacklistEntry -Path reads CSV files from any Excel' {
    It 'reads a <Encoding> file delimited by <Name>' -ForEach @(
        @{ Encoding = 'windows1252'; Name = 'semicolons'; Delimiter = ';' }
        @{ Encoding = 'utf8bom'; Name = 'semicolons'; Delimiter = ';' }
        @{ Encoding = 'utf8'; Name = 'commas'; Delimiter = ',' }
        @{ Encoding = 'utf16le'; Name = 'tabs'; Delimiter = "`t" }
        @{ Encoding = 'utf16be'; Name = 'pipes'; Delimiter = '|' }
    ) {
        $text = $script:GermanCsv
        if ($Delimiter -ne ';') { $text = $text.Replace('Wolf; Bonn', 'Wolf;Bonn').Replace(';', $Delimiter) }
        $file = New-CsvFile "german-$Encoding-$Name.csv" $text $Encoding
        $bl = New-OPBlacklist -Name "Import $Encoding $Name"
        $result = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file
        $result.Received | Should -Be 3
        $result.Added | Should -Be 3
        $result.Invalid | Should -Be 0
        $entries = Get-OPBlacklistEntry -BlacklistId $bl.Id | Sort-Object WebsiteUrl
        $entries.CompanyName | Should -Be @("Café `"Zur Post`"`r`nFiliale Süd", 'Müller & Söhne GmbH', 'Wolf')
        $entries.WebsiteUrl | Should -Be @('https://cafe.example', 'https://muller.example', 'https://wolf.example')
        $entries.City | Should -Be @('München', 'Köln', 'Bonn')
    }

    It 'reports a bad row by the line it starts on in an editor, quoted line breaks counted' {
        $file = New-CsvFile 'bad-rows.csv' ("Company;Website`n" + "`"Two`nline name`";two.example`n" + "Good;good.example`n" + ";`n" + "Bad site;not a site`n")
        $bl = New-OPBlacklist -Name 'Bad rows by line'
        $result = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file -ErrorVariable e -ErrorAction SilentlyContinue
        $result.Received | Should -Be 4
        $result.Added | Should -Be 2
        $result.Invalid | Should -Be 2
        $e | Should -HaveCount 2
        $e[0].FullyQualifiedErrorId | Should -BeLike 'CompanyNotIdentifiable,*'
        $e[0].ErrorDetails.Message | Should -BeLike "Line 5 of 'bad-rows.csv' (line numbers as an editor shows them: the header is line 1*"
        $e[0].TargetObject.Line | Should -Be 5
        $e[1].FullyQualifiedErrorId | Should -BeLike 'InvalidWebsiteUrl,*'
        $e[1].TargetObject.Line | Should -Be 6
        $e[1].TargetObject.CompanyName | Should -Be 'Bad site'
    }

    It 'an unclosed quote is reported with the line it opened on' {
        $file = New-CsvFile 'unclosed.csv' ("Company,Website`r`nGood,good.example`r`n`"Open,open.example`r`nMore,more.example`r`n")
        $bl = New-OPBlacklist -Name 'Unclosed quote'
        $result = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file -ErrorVariable e -ErrorAction SilentlyContinue
        $result.Added | Should -Be 1
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'CsvRowMalformed,*'
        $e[0].ErrorDetails.Message | Should -BeLike '*Line 3*opened on line 3 is never closed*'
    }

    It '-Delimiter overrides the detection from the header line' {
        $file = New-CsvFile 'override.csv' "Company;Website;Notes, with, commas, here`nAcme, Inc.;acme.example;a, b, c`n"
        $bl = New-OPBlacklist -Name 'Delimiter override'
        # Read with commas (three in the header against two semicolons), the header has no company column.
        $detected = { Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file } | Should -Throw -ErrorId 'CsvNoCompanyColumns,*' -PassThru
        $detected.ErrorDetails.Message | Should -BeLike "*delimiter ','*'Company;Website;Notes'*"
        $result = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file -Delimiter ';'
        $result.Added | Should -Be 1
        (Get-OPBlacklistEntry -BlacklistId $bl.Id).CompanyName | Should -Be 'Acme, Inc.'
    }

    It 'a file without a company column is one error before any request' {
        $file = New-CsvFile 'no-columns.csv' "Foo,Bar`n1,2`n3,4`n"
        $bl = New-OPBlacklist -Name 'No columns'
        Clear-TestRequest
        { Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file } | Should -Throw -ErrorId 'CsvNoCompanyColumns,*'
        Get-TestRequest | Should -HaveCount 0
    }

    It 'a header-only file warns "no rows received" and sends nothing' {
        $file = New-CsvFile 'header-only.csv' "Company,Website`r`n"
        $bl = New-OPBlacklist -Name 'Header only file'
        Clear-TestRequest
        $result = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file -WarningVariable w -WarningAction SilentlyContinue
        $result.Received | Should -Be 0
        "$w" | Should -BeLike 'No rows received*'
        Get-TestWrite | Should -HaveCount 0
    }

    It '-Path with pipeline rows is refused before any request' {
        $file = New-CsvFile 'with-pipe.csv' "Company`nAcme`n"
        $bl = New-OPBlacklist -Name 'Path and pipe'
        Clear-TestRequest
        { [pscustomobject]@{ CompanyName = 'X' } | Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file } | Should -Throw -ErrorId 'PathWithOtherInput,*'
        Get-TestWrite | Should -HaveCount 0
    }

    It '-Path is a set of its own: no company parameters in its syntax, and combining them is refused when binding' {
        foreach ($name in 'Add-OPBlacklistEntry', 'New-OPOrder') {
            $path = (Get-Command $name).ParameterSets | Where-Object Name -EQ 'Path'
            $path.Parameters.Name | Should -Contain 'Path'
            $path.Parameters.Name | Should -Not -Contain 'CompanyName'
            $path.Parameters.Name | Should -Not -Contain 'WebsiteUrl'
            ((Get-Command $name).ParameterSets | Where-Object Name -EQ 'Companies').Parameters.Name | Should -Not -Contain 'Path'
        }
        # A discovery order takes no companies either.
        ((Get-Command New-OPOrder).ParameterSets | Where-Object Name -EQ 'Discovery').Parameters.Name | Should -Not -Contain 'CompanyName'
        $file = New-CsvFile 'path-and-param.csv' "Company`nAcme`n"
        Clear-TestRequest
        { Add-OPBlacklistEntry -BlacklistName 'x' -Path $file -CompanyName 'Acme' } | Should -Throw -ExceptionType ([Management.Automation.ParameterBindingException])
        Get-TestRequest | Should -HaveCount 0
    }

    It 'the header accepts every name and alias that pipeline binding accepts (one list for both)' {
        $bl = New-OPBlacklist -Name 'Aliases'
        $command = Get-Command Add-OPBlacklistEntry -ArgumentList $bl.Id
        foreach ($field in 'CompanyName', 'WebsiteUrl', 'ExternalId', 'City', 'Country') {
            $names = @($field) + $command.Parameters[$field].Aliases
            $names.Count | Should -BeGreaterThan 2
            foreach ($name in $names) {
                $header = if ($field -in 'City', 'Country') { "Company,$name" } else { $name }
                $file = New-CsvFile 'alias.csv' "$($header.ToUpperInvariant())`n"
                $verbose = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file -WhatIf -Verbose -WarningAction SilentlyContinue 4>&1
                "$verbose" | Should -BeLike "*'$($name.ToUpperInvariant())' as $field*" -Because "the column '$name' is an alias of -$field"
            }
        }
    }

    It 'a missing file is CsvFileNotFound' {
        { Add-OPBlacklistEntry -BlacklistId ([guid]::NewGuid()) -Path (Join-Path $script:Work 'nope.csv') } | Should -Throw -ErrorId 'CsvFileNotFound,*'
    }

    It 'batches name their rows by file line' {
        $lines = @('Company,Website') + (1..25 | ForEach-Object { "C$_,c$_.example" })
        $file = New-CsvFile 'batches.csv' (($lines -join "`n") + "`n")
        $bl = New-OPBlacklist -Name 'Batches by line'
        $result = Add-OPBlacklistEntry -BlacklistId $bl.Id -Path $file -BatchSize 10 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($result.Message -like 'Batch 1 (file lines 2-11)*') | Should -HaveCount 1
        ($result.Message -like 'Batch 3 (file lines 22-26)*') | Should -HaveCount 1
    }
}

Describe 'New-OPOrder -Path' {
    It 'orders the companies of a Windows-1252 semicolon file and gets them back with their umlauts' {
        $file = New-CsvFile 'order.csv' $script:GermanCsv 'windows1252'
        $results = New-OPOrder -ProfileId $script:ProfileId -Path $file -Title 'From Excel' -Wait @script:Fast | Get-OPOrderResult
        $results | Should -HaveCount 3
        $results.Name | Should -Contain 'Müller & Söhne GmbH'
        $post = @(Get-TestRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/orders' })
        $post | Should -HaveCount 1
    }

    It '-Path and -BriefingQuantity cannot be combined' {
        $file = New-CsvFile 'order2.csv' "Company`nAcme`n"
        { New-OPOrder -ProfileId $script:ProfileId -Path $file -BriefingQuantity 5 } | Should -Throw -ExceptionType ([Management.Automation.ParameterBindingException])
    }
}

Describe 'Pipeline rows read with the wrong delimiter' {
    It 'Import-Csv of a semicolon file is one CsvDelimiterMismatch error naming the column and the fix; nothing is sent' {
        $file = New-CsvFile 'semi.csv' ("Company;Website`n" + ((1..50 | ForEach-Object { "C$_;c$_.example" }) -join "`n"))
        $bl = New-OPBlacklist -Name 'Wrong delimiter'
        Clear-TestRequest
        $err = $null
        try { Import-Csv $file | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable all } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'CsvDelimiterMismatch,*'
        $err.ErrorDetails.Message | Should -BeLike "*'Company;Website'*Import-Csv -Delimiter `";`"*-Path*"
        @($all) | Should -HaveCount 1   # the one terminating error, no error per row
        Get-TestWrite | Should -HaveCount 0
    }

    It 'a tab-separated file read with commas is the same error' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ "Company`tWebsite" = "C$_`tc$_.example" } }
        { $rows | New-OPOrder -ProfileId $script:ProfileId } | Should -Throw -ErrorId 'CsvDelimiterMismatch,*'
    }

    It 'when the first 100 rows all fail the same way, one InputRowsUnusable error names the columns' {
        $rows = 1..150 | ForEach-Object { [pscustomobject]@{ Foo = "F$_"; Bar = "B$_" } }
        $bl = New-OPBlacklist -Name 'Unusable rows'
        Clear-TestRequest
        $err = $null
        try { $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable all } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InputRowsUnusable,*'
        $err.ErrorDetails.Message | Should -BeLike "*first 100 rows*'Foo', 'Bar'*Import-Csv -Delimiter ';'*-Path*"
        @($all) | Should -HaveCount 1
        Get-TestWrite | Should -HaveCount 0
    }

    It 'a few bad first rows followed by good ones are each reported, by row number, and the good rows are stored' {
        $rows = @(
            [pscustomobject]@{ Foo = 'x' }
            [pscustomobject]@{ Foo = 'y' }
            [pscustomobject]@{ CompanyName = 'Good'; Website = 'good.example' }
        )
        $bl = New-OPBlacklist -Name 'Some bad rows'
        $result = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable e -ErrorAction SilentlyContinue
        $result.Added | Should -Be 1
        $result.Invalid | Should -Be 2
        $e | Should -HaveCount 2
        $e[0].ErrorDetails.Message | Should -BeLike 'Row 1 (rows are counted from 1*'
        $e[1].ErrorDetails.Message | Should -BeLike 'Row 2 *'
    }

    It 'fewer than 100 rows that all fail are each reported at the end' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Foo = "F$_" } }
        $bl = New-OPBlacklist -Name 'Five bad rows'
        $result = $rows | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable e -ErrorAction SilentlyContinue
        $result.Invalid | Should -Be 5
        $e | Should -HaveCount 5
    }

    It 'an empty pipeline warns "no rows received"' {
        $bl = New-OPBlacklist -Name 'Empty pipe'
        $result = @() | Add-OPBlacklistEntry -BlacklistId $bl.Id -WarningVariable w -WarningAction SilentlyContinue
        $result.Received | Should -Be 0
        "$w" | Should -BeLike 'No rows received*'
    }
}

Describe 'Names users can use' {
    It 'New-OPBlacklist refuses a name that exists, naming the existing id; -Force creates anyway' {
        $first = New-OPBlacklist -Name 'Existing customers (names)'
        Clear-TestRequest
        $second = New-OPBlacklist -Name 'existing CUSTOMERS (names)' -ErrorVariable e -ErrorAction SilentlyContinue
        $second | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'BlacklistNameExists,*'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $e[0].TargetObject.Id | Should -Be $first.Id
        $e[0].ErrorDetails.Message | Should -BeLike "*$($first.Id)*"
        Get-TestWrite | Should -HaveCount 0
        $forced = New-OPBlacklist -Name 'Existing customers (names)' -Force
        $forced.Id | Should -Not -Be $first.Id
        @(Get-OPBlacklist -Name 'Existing customers (names)') | Should -HaveCount 2
    }

    It 'a name piped twice in one call is created once' {
        $made = 'Twice piped', 'Twice piped' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | New-OPBlacklist -ErrorVariable e -ErrorAction SilentlyContinue
        @($made) | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'BlacklistNameExists,*'
        $e[0].TargetObject.Id | Should -Be $made.Id
    }

    It 'when the key may not list blacklists, it warns that the name was not checked and creates' {
        Set-TestFault @{ path_prefix = '/api/v1/blacklists'; method = 'GET'; mode = 'status'; status = 403; body = '{"error":{"code":"AUTHORIZATION_ERROR","message":"Missing required scopes: blacklists:read"}}'; content_type = 'application/json' }
        try {
            $bl = New-OPBlacklist -Name 'Unchecked name' -WarningVariable w -WarningAction SilentlyContinue
        }
        finally { Clear-TestFault }
        $bl.Name | Should -Be 'Unchecked name'
        "$w" | Should -BeLike "*'Unchecked name'*not checked*blacklists:read*"
    }

    It '-BlacklistName finds the blacklist by exact name or by one wildcard match' {
        $bl = New-OPBlacklist -Name 'Named target list'
        $r = Add-OPBlacklistEntry -BlacklistName 'Named target list' -CompanyName 'Acme' -WebsiteUrl 'acme-named.example'
        $r.BlacklistId | Should -Be $bl.Id
        $r.Added | Should -Be 1
        (Get-OPBlacklistEntry -BlacklistName 'Named target l*').CompanyName | Should -Be 'Acme'
        (Get-OPBlacklistEntry -BlacklistName 'Named target l*' | Remove-OPBlacklistEntry -BlacklistName 'named TARGET list' -Confirm:$false).Removed | Should -Be 1
    }

    It 'a name that matches nothing is <ErrorId> before any write' -ForEach @(
        @{ Name = 'No such list at all'; ErrorId = 'BlacklistNameNotFound' }
        @{ Name = 'Ambiguous*'; ErrorId = 'BlacklistNameAmbiguous' }
    ) {
        if ($ErrorId -eq 'BlacklistNameAmbiguous') {
            $script:amb = 'Ambiguous one', 'Ambiguous two' | ForEach-Object { New-OPBlacklist -Name $_ }
        }
        Clear-TestRequest
        $err = { Add-OPBlacklistEntry -BlacklistName $Name -CompanyName 'X' } | Should -Throw -ErrorId "$ErrorId,*" -PassThru
        if ($ErrorId -eq 'BlacklistNameAmbiguous') {
            $err.TargetObject | Sort-Object | Should -Be ($script:amb.Id | Sort-Object)
            $err.ErrorDetails.Message | Should -BeLike "*'Ambiguous one' ($($script:amb[0].Id))*'Ambiguous two'*"
        }
        Get-TestWrite | Should -HaveCount 0
    }

    It 'Add-OPBlacklistEntry wants exactly one of -BlacklistId and -BlacklistName' {
        { Add-OPBlacklistEntry -CompanyName 'X' } | Should -Throw -ErrorId 'BlacklistNotGiven,*'
        $bl = New-OPBlacklist -Name 'Both given'
        { Add-OPBlacklistEntry -BlacklistId $bl.Id -BlacklistName 'Both given' -CompanyName 'X' } | Should -Throw -ErrorId 'BlacklistNotGiven,*'
    }

    It '-ProspectSearchName resolves Get-OPDelivery and Sync-OPDelivery' {
        $search = Get-OPProspectSearch -Id $script:ProspectSearchId
        Clear-TestRequest
        $byName = @(Get-OPDelivery -ProspectSearchName $search.Name -First 3)
        $byId = @(Get-OPDelivery -ProspectSearchId $search.Id -First 3)
        $byName.Id | Should -Be $byId.Id
        (Get-OPCompany -ProspectSearchName $search.Name -First 3).Id | Should -Be (Get-OPCompany -ProspectSearchId $search.Id -First 3).Id
        $state = Join-Path $script:Work 'named-sync.json'
        $synced = @(Sync-OPDelivery -ProspectSearchName $search.Name -StatePath $state)
        $synced.Count | Should -BeGreaterThan 0
        (Get-Content $state -Raw) | Should -BeLike "*$($search.Id)*"
        { Get-OPDelivery -ProspectSearchName 'No search of that name' } | Should -Throw -ErrorId 'ProspectSearchNameNotFound,*'
    }

    It 'New-OPOrder -BlacklistName excludes the named blacklists and -WhatIf names them' {
        $bl = New-OPBlacklist -Name 'Exclude by name'
        Clear-TestRequest
        $verbose = New-OPOrder -ProfileId $script:ProfileId -BriefingQuantity 5 -BlacklistName 'Exclude by name' -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose.Message -like "*blacklist 'Exclude by name' (0 entries) $($bl.Id)*") | Should -Not -BeNullOrEmpty
        $post = @(Get-TestRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/orders' })
        $post | Should -HaveCount 1
    }

    It 'Set-OPBlacklist -BlacklistName renames by the current name; Remove-OPBlacklist -Name deletes exactly one match' {
        $bl = New-OPBlacklist -Name 'Rename me by name'
        (Set-OPBlacklist -BlacklistName 'Rename me by*' -Name 'Renamed by name' -Confirm:$false -PassThru).Id | Should -Be $bl.Id
        (Get-OPBlacklist -Id $bl.Id).Name | Should -Be 'Renamed by name'
        $twins = 'Twin delete one', 'Twin delete two' | ForEach-Object { New-OPBlacklist -Name $_ }
        Clear-TestRequest
        { Remove-OPBlacklist -Name 'Twin delete*' -Confirm:$false } | Should -Throw -ErrorId 'BlacklistNameAmbiguous,*'
        Get-TestWrite | Should -HaveCount 0
        Remove-OPBlacklist -Name 'Twin delete one', 'Renamed by name' -Confirm:$false
        @(Get-OPBlacklist | Where-Object Id -In ($twins.Id + $bl.Id)).Name | Should -Be 'Twin delete two'
    }

    It 'Get-OPProspect -ProspectSearchName lists the same prospects as -ProspectSearchId' {
        $search = Get-OPProspectSearch -Id $script:ProspectSearchId
        $byName = @(Get-OPProspect -ProspectSearchName $search.Name -First 5)
        $byName | Should -HaveCount 5
        $byName.Id | Should -Be @(Get-OPProspect -ProspectSearchId $search.Id -First 5).Id
        { Get-OPProspect -ProspectSearchName 'No search of that name' } | Should -Throw -ErrorId 'ProspectSearchNameNotFound,*'
        Clear-TestRequest
        { Get-OPProspect -ProspectSearchId $search.Id -ProspectSearchName $search.Name } | Should -Throw -ErrorId 'ProspectSearchGivenTwice,*'
        Get-TestRequest | Should -HaveCount 0
    }

    It 'the confirmation target names the blacklist and its size when the name is known' {
        $bl = New-OPBlacklist -Name 'Prompt names me'
        $verbose = Add-OPBlacklistEntry -BlacklistName 'Prompt names me' -CompanyName 'Initrode' -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose.Message -like "*on target `"blacklist 'Prompt names me' (0 entries) $($bl.Id)`"*") | Should -HaveCount 1
    }
}

Describe 'Completion of ids from the server' {
    BeforeAll {
        $script:CompletionList = New-OPBlacklist -Name "Tab list O'Brien"
        $script:CompletionOrder = New-OPOrder -ProfileId $script:ProfileId -CompanyName 'Tab Co' -Title 'Tab order title' -Confirm:$false
        Connect-TestSession 'full-access'   # a fresh session: its completion cache starts empty
    }

    It 'every parameter that takes a blacklist, search or order id or name has a completer' {
        $checked = 0
        $missing = foreach ($command in Get-Command -Module OpenProspect) {
            foreach ($p in $command.Parameters.Values) {
                $wanted = $p.Name -in 'BlacklistId', 'ProspectSearchId', 'OrderId', 'BlacklistName', 'ProspectSearchName' -or
                    ($p.Name -eq 'Id' -and $command.Noun -in 'OPBlacklist', 'OPProspectSearch', 'OPOrder') -or
                    ($p.Name -eq 'Name' -and $command.Name -in 'Get-OPBlacklist', 'Remove-OPBlacklist')
                if (-not $wanted) { continue }
                $checked++
                if (-not ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] })) { "$($command.Name) -$($p.Name)" }
            }
        }
        $checked | Should -BeGreaterThan 30
        $missing | Should -BeNullOrEmpty
    }

    It 'completes <Line> with ids, names as list text' -ForEach @(
        @{ Line = 'Get-OPOrder -Id '; Kind = 'order' }
        @{ Line = 'Wait-OPOrder -Id '; Kind = 'order' }
        @{ Line = 'Get-OPOrderResult -OrderId '; Kind = 'order' }
        @{ Line = 'Get-OPBlacklist -Id '; Kind = 'blacklist' }
        @{ Line = 'Remove-OPBlacklist -Id '; Kind = 'blacklist' }
        @{ Line = 'Set-OPBlacklist -Id '; Kind = 'blacklist' }
        @{ Line = 'Add-OPBlacklistEntry -BlacklistId '; Kind = 'blacklist' }
        @{ Line = 'New-OPOrder -ProfileId x -BriefingQuantity 5 -BlacklistId '; Kind = 'blacklist' }
        @{ Line = 'Get-OPProspectSearch -Id '; Kind = 'search' }
        @{ Line = 'Set-OPProspectSearch -Id '; Kind = 'search' }
        @{ Line = 'Get-OPDelivery -ProspectSearchId '; Kind = 'search' }
        @{ Line = 'Sync-OPDelivery -ProspectSearchId '; Kind = 'search' }
    ) {
        $expected = switch ($Kind) {
            'order' { @{ Id = $script:CompletionOrder.Id; Text = 'Tab order title' } }
            'blacklist' { @{ Id = $script:CompletionList.Id; Text = "Tab list O'Brien" } }
            'search' { @{ Id = '550e8400-e29b-41d4-a716-446655440000'; Text = 'DACH SaaS buyers' } }
        }
        $hit = Get-TestCompletion $Line | Where-Object CompletionText -EQ $expected.Id
        $hit | Should -HaveCount 1
        $hit.ListItemText | Should -Be $expected.Text
    }

    It 'completes <Line> with the name, quoted, wildcards escaped' -ForEach @(
        @{ Line = 'Get-OPBlacklist -Name Tab'; Expect = "'Tab list O''Brien'" }
        @{ Line = 'Get-OPBlacklistEntry -BlacklistName Tab'; Expect = "'Tab list O''Brien'" }
        @{ Line = 'Get-OPDelivery -ProspectSearchName Nordic'; Expect = "'Nordic logistics'" }
    ) {
        (Get-TestCompletion $Line).CompletionText | Should -Contain $Expect
    }

    It 'lists orders once per session for repeated tabs' {
        Connect-TestSession 'full-access'
        Clear-TestRequest
        $null = Get-TestCompletion 'Get-OPOrder -Id '
        $null = Get-TestCompletion 'Wait-OPOrder -Id '
        $null = Get-TestCompletion 'Get-OPOrderResult -OrderId Tab'
        @(Get-TestRequest | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/api/v1/orders' }) | Should -HaveCount 1
    }

    It 'is silent when the key may not list: no completions, no error' {
        Connect-TestSession 'crm-sync'
        try {
            $Error.Clear()
            Get-TestCompletion 'Get-OPOrder -Id ' | Should -BeNullOrEmpty
            Get-TestCompletion 'Get-OPBlacklist -Name ' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }
        finally { Connect-TestSession 'full-access' }
    }

    It 'gives up on a slow server and returns nothing rather than block the prompt' {
        Connect-TestSession 'full-access'
        Set-TestFault @{ path_prefix = '/api/v1/orders'; method = 'GET'; mode = 'slow'; delay_ms = 6000 }
        try { Get-TestCompletion 'Get-OPOrder -Id ' | Should -BeNullOrEmpty }
        finally { Clear-TestFault }
    }
}

Describe 'Progress on long listings' {
    BeforeAll {
        $script:ProgressList = New-OPBlacklist -Name 'Progress list'
        $rows = 1..25 | ForEach-Object { [pscustomobject]@{ CompanyName = "P$_"; Website = "p$_.example" } }
        $null = $rows | Add-OPBlacklistEntry -BlacklistId $script:ProgressList.Id
        $script:ProgressOrder = 'Acme', 'Initech', 'Globex' | ForEach-Object { [pscustomobject]@{ CompanyName = $_ } } |
            New-OPOrder -ProfileId $script:ProfileId -Title 'Progress order' -Wait @script:Fast

        # Runs $Command in a new runspace (a host that is not a console) and returns its progress records.
        function Get-ProgressRecord([string] $Command, [string] $Preference = 'Continue') {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$($script:ModuleManifest)'; `$ProgressPreference = '$Preference'; $Command | Out-Null")
                $null = $ps.Invoke()
                $ps.HadErrors | Should -BeFalse
                @($ps.Streams.Progress)
            }
            finally { $ps.Dispose() }
        }
    }

    It '<Command> shows items so far of the total, names the object, and completes' -ForEach @(
        @{ Command = 'Get-OPBlacklistEntry -BlacklistName ''Progress list'' -PageSize 5'; Activity = "Reading the entries of blacklist 'Progress list' (25 entries)*" }
        @{ Command = 'Get-OPDelivery -ProspectSearchName ''DACH SaaS buyers'' -PageSize 50 -First 120'; Activity = "Reading the deliveries of prospect search 'DACH SaaS buyers'*" }
        @{ Command = 'Get-OPCompany -ProspectSearchId 550e8400-e29b-41d4-a716-446655440000 -PageSize 50 -First 120'; Activity = "Reading the companies of prospect search 'DACH SaaS buyers' 550e8400-*" }
        @{ Command = "Get-OPOrder | Where-Object Title -EQ 'Progress order' | Get-OPOrderResult -PageSize 1"; Activity = "Reading the results of order 'Progress order' *" }
    ) {
        # The default session is shared by the runspaces of a process, so the new runspace uses this one's.
        $records = Get-ProgressRecord $Command
        $records.Count | Should -BeGreaterOrEqual 2
        $records[0].Activity | Should -BeLike $Activity
        $records[0].StatusDescription | Should -Match '^\d+ (of [\d,]+ items|items so far)$'
        $records[-1].RecordType | Should -Be 'Completed'
        @($records | Where-Object RecordType -EQ 'Completed') | Should -HaveCount 1
    }

    It 'Get-OPBlacklistEntry counts of the total the API gives' {
        $records = Get-ProgressRecord "Get-OPBlacklistEntry -BlacklistId $($script:ProgressList.Id) -PageSize 5"
        $records[0].StatusDescription | Should -Be '5 of 25 items'
        $records[0].PercentComplete | Should -Be 20
    }

    It 'writes no progress when $ProgressPreference is SilentlyContinue' {
        Get-ProgressRecord "Get-OPBlacklistEntry -BlacklistId $($script:ProgressList.Id) -PageSize 5" -Preference 'SilentlyContinue' | Should -HaveCount 0
    }

    It 'writes no progress from a console whose output is redirected' {
        # A child pwsh whose output this test captures: its console host is redirected. The command runs in the
        # child's own runspace (so under its console host), and the child prints how many progress records came.
        $script = @"
Import-Module '$($script:ModuleManifest)'
`$null = Connect-OpenProspect -BaseUri '$($script:BaseUri)' -ApiKey (ConvertTo-SecureString '$(Get-TestKey 'full-access')' -AsPlainText -Force)
`$ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::CurrentRunspace)
`$null = `$ps.AddScript('`$ProgressPreference = ''Continue''; Get-OPBlacklistEntry -BlacklistId $($script:ProgressList.Id) -PageSize 5 | Out-Null')
`$null = `$ps.Invoke()
"entries-ok=`$(-not `$ps.HadErrors) progress=`$(`$ps.Streams.Progress.Count)"
"@
        $out = & ([Diagnostics.Process]::GetCurrentProcess().MainModule.FileName) -NoProfile -NonInteractive -Command $script 2>&1
        "$out" | Should -BeLike '*entries-ok=True progress=0*'
    }

    It 'Sync-OPDelivery stopped by Ctrl+C says in one line that the state was left unchanged' -Skip:($IsWindows) {
        # A real SIGINT to a child pwsh (what Ctrl+C sends on Linux and macOS) while its second page is held back.
        $state = Join-Path $script:Work 'ctrlc-state.json'
        Set-TestFault @{ path_prefix = '/api/v1/deliveries/'; method = 'GET'; mode = 'slow'; delay_ms = 60000; after = 1 }
        $child = $null
        try {
            $script = @"
Import-Module '$($script:ModuleManifest)'
`$null = Connect-OpenProspect -BaseUri '$($script:BaseUri)' -ApiKey (ConvertTo-SecureString '$(Get-TestKey 'full-access')' -AsPlainText -Force) -TimeoutSec 120
Sync-OPDelivery -ProspectSearchId $($script:ProspectSearchId) -StatePath '$state' -PageSize 10 | Out-Null
"@
            $info = [Diagnostics.ProcessStartInfo]::new([Diagnostics.Process]::GetCurrentProcess().MainModule.FileName)
            foreach ($a in '-NoProfile', '-Command', $script) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $info.RedirectStandardInput = $true
            $child = [Diagnostics.Process]::Start($info)
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()
            for ($i = 0; $i -lt 300 -and ((Invoke-RestMethod "$($script:BaseUri)/_emulator/faults") | ForEach-Object { $_ })[0].matched -lt 2; $i++) { Start-Sleep -Milliseconds 100 }
            ((Invoke-RestMethod "$($script:BaseUri)/_emulator/faults") | ForEach-Object { $_ })[0].matched | Should -Be 2
            & kill -s INT $child.Id
            # Once, in a full run on a loaded machine, the child outlived the first signal: it is sent once more
            # (a second Ctrl+C, as a user would press it) before the test gives up.
            if (-not $child.WaitForExit(15000)) { & kill -s INT $child.Id }
            $child.WaitForExit(15000) | Should -BeTrue
            $text = $stdout.Result + $stderr.Result
            ([regex]::Matches($text, 'was left unchanged')).Count | Should -Be 1
            $text | Should -BeLike "*state file '$state' was left unchanged*the next run starts from the same watermark*"
            Test-Path $state | Should -BeFalse
        }
        finally {
            Clear-TestFault
            if ($child -and -not $child.HasExited) { $child.Kill() }
        }
    }
}
