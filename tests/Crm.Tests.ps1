# CRM workflows (issue 13, items 2, 6, 7): assignments that add and remove, a stable output shape, and connecting
# as a first-timer (plain-text keys, the interactive prompt, trimmed keys, the organization, several sessions).
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator
    $script:Org = $script:Keys['full-access'].organization
    $script:OwnSearches = @($script:ProspectSearches | Where-Object organization -EQ $script:Org)
    $script:SearchA = $script:OwnSearches[0].id
    $script:SearchB = $script:OwnSearches[1].id
    $script:SearchAName = $script:OwnSearches[0].name

    function Clear-KeyEnvironment {
        foreach ($name in 'OPENPROSPECT_API_KEY', 'OPENPROSPECT_SECRET_NAME', 'OPENPROSPECT_VAULT') {
            Remove-Item "Env:$name" -ErrorAction SilentlyContinue
        }
    }

    # A host whose UI answers a secure prompt with a given string (or has no UI at all), and keeps what was written
    # to it: the interactive prompt and -WhatIf messages can then be checked without a console.
    if (-not ('OpTest.CrmHost' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace OpTest
{
    public sealed class CrmHostUI : PSHostUserInterface
    {
        private readonly string _answer;
        public CrmHostUI(string answer) { _answer = answer; }
        public List<string> Written { get; } = new List<string>();
        public int SecurePrompts { get; private set; }
        public override PSHostRawUserInterface RawUI => null;
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException("Prompt");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("PromptForChoice");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("PromptForCredential");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("PromptForCredential");
        public override string ReadLine() => throw new NotSupportedException("ReadLine");
        public override SecureString ReadLineAsSecureString()
        {
            SecurePrompts++;
            var s = new SecureString();
            foreach (var ch in _answer) s.AppendChar(ch);
            return s;
        }
        public override void Write(string value) => Written.Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Written.Add(value);
        public override void WriteLine(string value) => Written.Add(value);
        public override void WriteDebugLine(string message) => Written.Add(message);
        public override void WriteErrorLine(string value) => Written.Add(value);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) => Written.Add(message);
        public override void WriteWarningLine(string message) => Written.Add(message);
    }

    public sealed class CrmHost : PSHost
    {
        private readonly CrmHostUI _ui;
        public CrmHost(string answer, bool withUI) { _ui = withUI ? new CrmHostUI(answer) : null; }
        public CrmHostUI TestUI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "OpTestHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() { }
        public override void ExitNestedPrompt() { }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
}
'@
    }

    # Runs one command in a runspace hosted by a CrmHost; returns the host, the output and the streams.
    function Invoke-InTestHost([string] $Answer, [switch] $NoUI, [string] $Command, [hashtable] $Parameters = @{}) {
        $testHost = [OpTest.CrmHost]::new($Answer, -not $NoUI)
        $rs = [runspacefactory]::CreateRunspace($testHost)
        $rs.Open()
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $rs
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).AddStatement()
            $null = $ps.AddCommand($Command)
            foreach ($k in $Parameters.Keys) { $null = $ps.AddParameter($k, $Parameters[$k]) }
            $output = $null; $thrown = $null
            try { $output = $ps.Invoke() } catch { $thrown = $_.Exception.InnerException ?? $_.Exception }
            [pscustomobject]@{
                Host    = $testHost
                Output  = @($output)
                Errors  = @($ps.Streams.Error)
                Verbose = @($ps.Streams.Verbose | ForEach-Object Message)
                Warning = @($ps.Streams.Warning | ForEach-Object Message)
                Thrown  = $thrown
            }
        }
        finally { $ps.Dispose(); $rs.Dispose() }
    }
}

AfterAll {
    Clear-OPEmulatorDrift -Url $script:BaseUri
    Stop-TestEmulator
}

Describe 'Add-OPBlacklistAssignment and Remove-OPBlacklistAssignment' {
    BeforeAll {
        Connect-TestSession
        $script:Customers = New-OPBlacklist -Name 'Existing customers'
        $script:Competitors = New-OPBlacklist -Name 'Competitors'
        $script:Partners = New-OPBlacklist -Name 'Partners'
    }
    BeforeEach {
        Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -Clear -Confirm:$false
        Set-OPBlacklistAssignment -ProspectSearchId $script:SearchB -Clear -Confirm:$false
        Clear-TestRequest
    }
    AfterEach { Clear-OPEmulatorDrift -Url $script:BaseUri }

    It 'Add keeps the blacklists already assigned: read the set, PUT the whole set, read it back' {
        Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Competitors.Id -Confirm:$false
        Clear-TestRequest
        $script:Customers | Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA -Confirm:$false
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Name | Sort-Object | Should -Be @('Competitors', 'Existing customers')
        $calls = @(Get-TestRequest | Select-Object -First 4 | ForEach-Object { "$($_.method) $($_.path)" })
        $calls | Should -Be @(
            "GET /api/v1/blacklists/$($script:Customers.Id)"
            "GET /api/v1/prospect-searches/$($script:SearchA)/blacklists"
            "PUT /api/v1/prospect-searches/$($script:SearchA)/blacklists"
            "GET /api/v1/prospect-searches/$($script:SearchA)/blacklists")
    }

    It 'Add takes several blacklists from the pipeline and several prospect searches, and -PassThru writes each set' {
        $out = @($script:Customers, $script:Partners | Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA, $script:SearchB -PassThru -Confirm:$false)
        $out | Should -HaveCount 4
        $out | ForEach-Object { $_ | Should -BeOfType ([OpenProspect.Blacklist]) }
        foreach ($search in $script:SearchA, $script:SearchB) {
            (Get-OPBlacklistAssignment -ProspectSearchId $search).Name | Sort-Object | Should -Be @('Existing customers', 'Partners')
        }
        @(Get-TestWrite) | Should -HaveCount 2
    }

    It 'Add of a blacklist that is already assigned sends no PUT' {
        Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false
        Clear-TestRequest
        Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false
        Get-TestWrite | Should -HaveCount 0
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Id | Should -Be $script:Customers.Id
    }

    It 'an unknown blacklist is an error about that id alone; the others are still added' {
        $unknown = [guid]::NewGuid().ToString()
        Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $unknown, $script:Partners.Id -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'BLACKLIST_NOT_FOUND,*'
        $e[0].TargetObject | Should -Be $unknown
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Id | Should -Be $script:Partners.Id
    }

    It 'Remove unassigns only the given blacklists and warns about one that was not assigned' {
        $script:Customers, $script:Competitors, $script:Partners | Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -Confirm:$false
        $warnings = $script:Competitors.Id, $script:Competitors.Id | Remove-OPBlacklistAssignment -ProspectSearchId $script:SearchA -Confirm:$false 3>&1
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Name | Sort-Object | Should -Be @('Existing customers', 'Partners')
        $warnings | Should -BeNullOrEmpty
        $w = Remove-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Competitors.Id -Confirm:$false 3>&1
        "$w" | Should -BeLike "*$($script:Competitors.Id) is not assigned*"
        @(Get-TestWrite) | Should -HaveCount 2   # the Set and the first Remove; nothing for the second
    }

    It '-WhatIf names the blacklists and the prospect search, and writes nothing' {
        Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Competitors.Id -Confirm:$false
        Clear-TestRequest
        $s = Get-OpenProspectSession
        $r = Invoke-InTestHost -Command Add-OPBlacklistAssignment -Parameters @{ Session = $s; ProspectSearchId = $script:SearchA; BlacklistId = $script:Customers.Id; WhatIf = $true }
        $text = $r.Host.TestUI.Written -join "`n"
        $text | Should -BeLike "*'Existing customers' ($($script:Customers.Id))*"
        $text | Should -BeLike "*'Competitors'*"
        $text | Should -BeLike "*prospect search '$($script:SearchAName)' $($script:SearchA)*"
        $r = Invoke-InTestHost -Command Remove-OPBlacklistAssignment -Parameters @{ Session = $s; ProspectSearchId = $script:SearchA; BlacklistId = $script:Competitors.Id; WhatIf = $true }
        ($r.Host.TestUI.Written -join "`n") | Should -BeLike "*Unassign 'Competitors'*prospect search '$($script:SearchAName)' $($script:SearchA)*"
        Get-TestWrite | Should -HaveCount 0
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Id | Should -Be $script:Competitors.Id
    }

    It 'names stand in for ids: -ProspectSearchName and -BlacklistName on Add, Get, Remove and Set' {
        Add-OPBlacklistAssignment -ProspectSearchName $script:SearchAName -BlacklistName 'Existing customers', 'Partn*' -Confirm:$false
        (Get-OPBlacklistAssignment -ProspectSearchName $script:SearchAName).Name | Sort-Object | Should -Be @('Existing customers', 'Partners')
        Remove-OPBlacklistAssignment -ProspectSearchName $script:SearchAName -BlacklistName 'Partners' -Confirm:$false
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Name | Should -Be 'Existing customers'
        # Set takes names and ids together; the set is exactly what they name.
        Set-OPBlacklistAssignment -ProspectSearchName $script:SearchAName -BlacklistName 'Competitors' -BlacklistId $script:Partners.Id -Confirm:$false 3>$null
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Name | Sort-Object | Should -Be @('Competitors', 'Partners')
        Set-OPBlacklistAssignment -ProspectSearchName $script:SearchAName -Clear -Confirm:$false
        Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA | Should -BeNullOrEmpty
        # The names were resolved to the same ids the id forms use.
        $puts = @(Get-TestWrite | Where-Object path -EQ "/api/v1/prospect-searches/$($script:SearchA)/blacklists")
        $puts | Should -HaveCount 4
    }

    It 'a name that matches nothing, or several, ends the command before anything is written' {
        Clear-TestRequest
        { Add-OPBlacklistAssignment -ProspectSearchName 'No such search' -BlacklistName 'Partners' -Confirm:$false } | Should -Throw -ErrorId 'ProspectSearchNameNotFound,*'
        { Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistName 'P*', 'No such list' -Confirm:$false } | Should -Throw -ErrorId 'BlacklistNameNotFound,*'
        { Remove-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistName '*s' -Confirm:$false } | Should -Throw -ErrorId 'BlacklistNameAmbiguous,*'
        Get-TestWrite | Should -HaveCount 0
    }

    It 'ids given positionally still bind to the id parameters' {
        Add-OPBlacklistAssignment $script:SearchA $script:Partners.Id -Confirm:$false
        (Get-OPBlacklistAssignment $script:SearchA).Name | Should -Be 'Partners'
        (Get-Command Add-OPBlacklistAssignment).DefaultParameterSet | Should -Be 'Id'
    }

    It '-WhatIf names a blacklist given only by id, reading its name; without -WhatIf no read is spent on it' {
        $bl = New-OPBlacklist -Name 'Named by a read'
        Clear-TestRequest
        $r = Invoke-InTestHost -Command Set-OPBlacklist -Parameters @{ Session = (Get-OpenProspectSession); Id = $bl.Id; Name = 'Never renamed'; WhatIf = $true }
        ($r.Host.TestUI.Written -join "`n") | Should -BeLike "*rename to 'Never renamed'*on target `"blacklist 'Named by a read' (0 entries) $($bl.Id)`"*"
        Get-TestWrite | Should -HaveCount 0
        Clear-TestRequest
        $null = Set-OPBlacklist -Id $bl.Id -Description 'changed' -Confirm:$false
        @(Get-TestRequest | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @("PATCH /api/v1/blacklists/$($bl.Id)")
    }

    It 'a set that reads back differently from what was written is BlacklistAssignmentNotAsWritten' {
        # The set read back after the PUT names another blacklist, as if someone changed it right after the write.
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix "/api/v1/prospect-searches/$($script:SearchA)/blacklists" -Method GET -AddField @{ id = $script:Partners.Id }
        Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'BlacklistAssignmentNotAsWritten,*'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $e[0].TargetObject | Should -Be $script:SearchA
        $e[0].Exception.Message | Should -BeLike "*'Existing customers'*"
    }

    It 'the scopes are blacklists:read and blacklists:write, checked before any request' {
        $s = Connect-TestSession -KeyName 'read-only' -PassThru
        try {
            Clear-TestRequest
            { Add-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
            { Remove-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false } | Should -Throw -ErrorId 'AUTHORIZATION_ERROR,*'
            Get-TestRequest | Should -HaveCount 0
        }
        finally { $s | Disconnect-OpenProspect; Connect-TestSession }
    }

    It 'Set -Clear names what it removes in the -WhatIf message, without a warning' {
        $script:Customers, $script:Competitors | Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -Confirm:$false
        Clear-TestRequest
        $r = Invoke-InTestHost -Command Set-OPBlacklistAssignment -Parameters @{ Session = (Get-OpenProspectSession); ProspectSearchId = $script:SearchA; Clear = $true; WhatIf = $true }
        $text = $r.Host.TestUI.Written -join "`n"
        $text | Should -BeLike "*Remove every assigned blacklist*'Existing customers'*"
        $text | Should -BeLike "*Remove every assigned blacklist*'Competitors'*"
        $r.Warning | Should -BeNullOrEmpty
        Get-TestWrite | Should -HaveCount 0
    }

    It 'Set warns by name about the blacklists it unassigns, also under -WhatIf' {
        $script:Customers, $script:Competitors | Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -Confirm:$false
        Clear-TestRequest
        $w = @(Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -WhatIf 3>&1)
        $w | Should -HaveCount 1
        "$w" | Should -BeLike "*unassigns 'Competitors' ($($script:Competitors.Id))*Add-OPBlacklistAssignment*"
        "$w" | Should -BeLike "*from prospect search '$($script:SearchAName)' $($script:SearchA)*"   # -WhatIf shows names: read once
        "$w" | Should -Not -BeLike '*Existing customers*'
        Get-TestWrite | Should -HaveCount 0
        $w = @(Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false 3>&1)
        "$w" | Should -BeLike "*'Competitors'*"
        (Get-OPBlacklistAssignment -ProspectSearchId $script:SearchA).Id | Should -Be $script:Customers.Id
        @(Set-OPBlacklistAssignment -ProspectSearchId $script:SearchA -BlacklistId $script:Customers.Id -Confirm:$false 3>&1) | Should -HaveCount 0
    }
}

Describe 'Stable output shape' {
    BeforeAll { Connect-TestSession }
    AfterEach { Clear-OPEmulatorDrift -Url $script:BaseUri }

    It 'fields the model does not know come after the known properties, so CSV columns keep their places' {
        $before = (Get-OPCompany -ProspectSearchId $script:ProspectSearchId -First 1 | ConvertTo-Csv)[0] -split ',' | ForEach-Object Trim '"'
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/companies -AddField @{ tier = 'gold' }
        $company = Get-OPCompany -ProspectSearchId $script:ProspectSearchId -First 1
        $company | Should -BeOfType ([OpenProspect.Company])
        $company.Tier | Should -Be 'gold'
        $after = ($company | ConvertTo-Csv)[0] -split ',' | ForEach-Object Trim '"'
        $after | Should -HaveCount ($before.Count + 1)
        $after[0..($before.Count - 1)] | Should -Be $before
        $after[-1] | Should -Be 'Tier'
        # The model's own properties lead, in the model's order, in Select-Object * too.
        $known = @([OpenProspect.Company]::new().psobject.Properties.Name)
        $star = @(($company | Select-Object *).psobject.Properties.Name)
        $star[0..($known.Count - 1)] | Should -Be $known
        $star | Should -Contain 'EmployeeRange'
        [array]::IndexOf($star, 'EmployeeRange') | Should -BeGreaterThan ($known.Count - 1)
    }

    It 'unknown fields behave like the model''s own: in JSON, Get-Member, settable, nested objects kept' {
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/companies -AddField @{ tier = 'gold' }
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/companies -AddField @{ owner_info = @{ team_name = 'north' } }
        $company = Get-OPCompany -ProspectSearchId $script:ProspectSearchId -First 1
        $json = $company | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Tier | Should -Be 'gold'
        $json.OwnerInfo.TeamName | Should -Be 'north'
        $json.Name | Should -Be $company.Name
        ($company | Get-Member -Name Tier).MemberType | Should -Be 'Property'
        ($company | Get-Member -Name MatchScore).Definition | Should -BeLike 'System.Nullable`[System.Double`] MatchScore*'
        # Reading a nested field twice gives the same object, so an edit sticks; known properties convert as .NET ones do.
        $company.OwnerInfo.TeamName = 'south'
        $company.OwnerInfo.TeamName | Should -Be 'south'
        $company.Tier = 'silver'
        $company.Tier | Should -Be 'silver'
        $company.MatchScore = '7.5'
        $company.MatchScore | Should -Be 7.5
        { $company.CompanyId = 'x' } | Should -Throw   # an alias of Id, read-only as in the model
        ($company | Export-Csv -NoTypeInformation -Path TestDrive:/one.csv)
        (Import-Csv TestDrive:/one.csv).Tier | Should -Be 'silver'
    }

    It 'Get-OPProspect piped from several companies carries each company''s id even when the API leaves it out' {
        $companies = @(Get-OPCompany -ProspectSearchId $script:ProspectSearchId -First 3)
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/prospects -DropField company_id
        $one = Get-OPProspect -CompanyId $companies[0].Id -First 1
        (Get-OPProspect -Id $one.Id).CompanyId | Should -BeNullOrEmpty   # the API really left it out
        $prospects = @($companies | Get-OPProspect)
        $prospects.Count | Should -BeGreaterThan 3
        foreach ($c in $companies) {
            $own = @(Get-OPProspect -CompanyId $c.Id)
            @($prospects | Where-Object CompanyId -EQ $c.Id).Id | Should -Be $own.Id
        }
        $prospects | Where-Object { -not $_.CompanyId } | Should -BeNullOrEmpty
    }

    It 'Get-OPProspectSearch lists without empty columns; one search by id shows its version' {
        $list = Get-OPProspectSearch
        $list[0].pstypenames[0] | Should -Be 'OpenProspect.ProspectSearch#Summary'
        $list[0] | Should -BeOfType ([OpenProspect.ProspectSearch])
        $header = (($list | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })[0]
        ($header -split '\s+' | Where-Object { $_ }) | Should -Be @('Name', 'Status', 'Id')
        $one = Get-OPProspectSearch -Id $script:ProspectSearchId
        $header = (($one | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })[0]
        $header | Should -Match '\bVersion\b'
    }

    It 'Get-OPCompanyJob has table views for jobs and for summaries of several companies' {
        $companies = @(Get-OPCompany -ProspectSearchId $script:ProspectSearchId -First 2)
        $lines = ($companies | Get-OPCompanyJob | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        ($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be @('Title', 'Department', 'Location', 'Posted', 'Seniority')
        $lines = ($companies | Get-OPCompanyJob -Summary | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        ($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be @('CompanyId', 'Total', 'Open', 'Trend', 'Latest', 'Departments')
        $lines | Should -HaveCount 4   # header, rule, one row per company
        $lines[2] | Should -BeLike "$($companies[0].Id)*"
    }
}

Describe 'Connecting as a first-timer' {
    BeforeAll { $script:SavedKey = $env:OPENPROSPECT_API_KEY }
    BeforeEach { Clear-KeyEnvironment; Clear-TestRequest; $script:Before = Get-OpenProspectSession }
    AfterEach {
        Clear-OPEmulatorDrift -Url $script:BaseUri
        Clear-KeyEnvironment
        if ($script:SavedKey) { $env:OPENPROSPECT_API_KEY = $script:SavedKey }
    }
    AfterAll { Connect-TestSession }

    It '-ApiKey given a plain string shows the one-line fix, without the key and before any request' -ForEach @(
        @{ Command = 'Connect-OpenProspect' }
        @{ Command = 'Test-OpenProspectKey' }
    ) {
        $key = Get-TestKey 'full-access'
        $err = $null
        try { & $Command -BaseUri $script:BaseUri -ApiKey $key } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        "$err" | Should -BeLike "*-ApiKey (Read-Host -AsSecureString 'OpenProspect API key')*"
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -BeLike "*$key*"
        Get-TestRequest | Should -HaveCount 0
    }

    It 'white space around a key from the environment is trimmed, with a verbose note that does not show the key' {
        $key = Get-TestKey 'full-access'
        $env:OPENPROSPECT_API_KEY = "  $key`r`n"
        $all = Connect-OpenProspect -BaseUri $script:BaseUri -PassThru -Verbose 4>&1
        $s = $all | Where-Object { $_ -is [OpenProspect.OpenProspectSession] }
        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $s.Scopes | Should -Not -BeNullOrEmpty
        $verbose | Where-Object { $_ -like '*Removed white space*Environment*' } | Should -HaveCount 1
        ($verbose -join "`n") | Should -Not -BeLike "*$key*"
        @(Get-TestRequest | Where-Object path -Like '*/auth/validate') | Should -HaveCount 1
    }

    It 'Test-OpenProspectKey trims an -ApiKey too' {
        $r = Test-OpenProspectKey -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString ((Get-TestKey 'crm-sync') + "`n"))
        $r.Valid | Should -BeTrue
        $r.Scopes | Should -Contain 'companies:read'
    }

    It 'the session shows the organization the validate answer reports (<Field>)' -ForEach @(
        @{ Field = 'organization'; Value = 'Acme GmbH'; Expected = 'Acme GmbH' }
        @{ Field = 'organization'; Value = @{ id = 'org_1'; name = 'Acme Objects' }; Expected = 'Acme Objects' }
        @{ Field = 'organization_name'; Value = 'Acme Name'; Expected = 'Acme Name' }
        @{ Field = 'org'; Value = 'Acme Short'; Expected = 'Acme Short' }
    ) {
        $null = Set-OPEmulatorDrift -Url $script:BaseUri -PathPrefix /api/v1/auth/validate -AddField @{ $Field = $Value }
        $s = Connect-TestSession -PassThru
        $s.Organization | Should -Be $Expected
        ($s | Format-List | Out-String) | Should -Match "Organization\s+: $Expected"
    }

    It 'without an organization in the answer the view has no Organization line' {
        $s = Connect-TestSession -PassThru
        $s.Organization | Should -BeNullOrEmpty
        ($s | Format-List | Out-String) | Should -Not -Match 'Organization'
    }

    It '-NoDefault -PassThru makes a session that works with -Session and leaves the default alone' {
        $default = Connect-TestSession -PassThru
        $other = Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'read-only')) -NoDefault -PassThru
        try {
            $other.IsDefault | Should -BeFalse
            (Get-OpenProspectSession).KeyHint | Should -Be $default.KeyHint
            [object]::ReferenceEquals((Get-OpenProspectSession), $default) | Should -BeTrue
            @(Get-OPBlacklist -Session $other -First 1) | Out-Null
            (Get-OpenProspectSession -All) | Should -Contain $other
        }
        finally { $other | Disconnect-OpenProspect }
        (Get-OpenProspectSession -All) | Should -Not -Contain $other
        (Get-OpenProspectSession).IsDefault | Should -BeTrue
    }

    It 'Get-OpenProspectSession -All lists every open session; Disconnect removes it; safe from parallel runspaces' {
        $null = Connect-TestSession
        $start = @(Get-OpenProspectSession -All)
        $u = $script:BaseUri; $k = Get-TestKey 'crm-sync'; $m = $script:ModuleManifest
        $made = @(1..8 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:m
                $kk = $using:k; $s = [securestring]::new(); foreach ($ch in $kk.ToCharArray()) { $s.AppendChar($ch) }
                Connect-OpenProspect -BaseUri $using:u -ApiKey $s -NoDefault -PassThru
            })
        $made | Should -HaveCount 8
        $all = @(Get-OpenProspectSession -All)
        $all | Should -HaveCount ($start.Count + 8)
        foreach ($s in $made) { $all | Should -Contain $s }
        $made | ForEach-Object -ThrottleLimit 4 -Parallel { Import-Module $using:m; $_ | Disconnect-OpenProspect }
        @(Get-OpenProspectSession -All) | Should -HaveCount $start.Count
        (Get-OpenProspectSession).IsDefault | Should -BeTrue
    }

    It 'with no key source in an interactive host, Connect prompts with hidden input and trims the answer' {
        $key = Get-TestKey 'crm-sync'
        $r = Invoke-InTestHost -Answer "$key`n" -Command Connect-OpenProspect -Parameters @{ BaseUri = $script:BaseUri; NoDefault = $true; PassThru = $true; Verbose = $true }
        try {
            $r.Thrown | Should -BeNullOrEmpty
            $r.Host.TestUI.SecurePrompts | Should -Be 1
            ($r.Host.TestUI.Written -join "`n") | Should -BeLike '*OpenProspect API key (input is hidden)*'
            $r.Output | Should -HaveCount 1
            $r.Output[0].KeySource | Should -Be 'Prompt'
            $r.Output[0].Scopes | Should -Contain 'companies:read'
            $r.Verbose | Where-Object { $_ -like '*Removed white space*Prompt*' } | Should -HaveCount 1
            (($r.Verbose + $r.Host.TestUI.Written) -join "`n") | Should -Not -BeLike "*$key*"
            [object]::ReferenceEquals((Get-OpenProspectSession), $script:Before) | Should -BeTrue
        }
        finally { $r.Output | Where-Object { $_ } | Disconnect-OpenProspect }
    }

    It 'a host without a UI keeps the clear ApiKeyNotFound error and sends nothing' {
        $r = Invoke-InTestHost -NoUI -Command Connect-OpenProspect -Parameters @{ BaseUri = $script:BaseUri }
        # A terminating error of one statement of PowerShell.Invoke arrives as a thrown exception or in the error stream.
        $record = if ($r.Thrown) { $r.Thrown.ErrorRecord } else { $r.Errors[0] }
        $record.FullyQualifiedErrorId | Should -BeLike 'ApiKeyNotFound,*'
        $r.Output | Should -BeNullOrEmpty
        Get-TestRequest | Should -HaveCount 0
    }

    It 'pwsh -NonInteractive keeps the clear ApiKeyNotFound error instead of waiting for a key' {
        $script = {
            param($Manifest, $Uri)
            foreach ($n in 'OPENPROSPECT_API_KEY', 'OPENPROSPECT_SECRET_NAME', 'OPENPROSPECT_VAULT') { Remove-Item "Env:$n" -ErrorAction SilentlyContinue }
            Import-Module $Manifest
            try { Connect-OpenProspect -BaseUri $Uri; 'CONNECTED' }
            catch { "ERRORID=$($_.FullyQualifiedErrorId)"; "MESSAGE=$($_.Exception.Message)" }
        }
        $out = & (Join-Path $PSHOME pwsh) -NoProfile -NonInteractive -Command $script -args $script:ModuleManifest, $script:BaseUri
        $out | Should -Contain 'ERRORID=ApiKeyNotFound,OpenProspect.Cmdlets.Session.ConnectOpenProspectCommand'
        ($out | Where-Object { $_ -like 'MESSAGE=*' }) | Should -BeLike '*-ApiKey*-SecretName*OPENPROSPECT_API_KEY*'
        Get-TestRequest | Should -HaveCount 0
    }
}
