<#
.SYNOPSIS
    A short guided tour of the module against the local emulator (run by `build.ps1 -Task Demo`).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $BaseUri
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # progress bars would garble a captured log (the order wait shows one)
Import-Module $ModulePath

function Show-Heading([string] $Text) {
    Write-Host ''
    Write-Host "== $Text ==" -ForegroundColor Cyan
}
function Show-Command([string] $Text) { Write-Host "PS> $Text" -ForegroundColor DarkGray }
# Prints objects exactly as the console would: the module's default view, no chosen columns, so the demo shows
# what a user gets from each command it names.
function Show-Output { param([Parameter(ValueFromPipeline)] $InputObject)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end { ($items | Out-String -Width 120).Trim("`r", "`n") | Write-Host }
}

# The emulator publishes its seeded keys; with the real API the key comes from SecretManagement instead.
$keys = Invoke-RestMethod "$BaseUri/_emulator/keys"
$fullKey = ($keys | Where-Object name -EQ 'full-access').key
$readOnlyKey = ($keys | Where-Object name -EQ 'read-only').key
$searches = Invoke-RestMethod "$BaseUri/_emulator/prospect-searches"
$search = $searches | Where-Object organization -EQ ($keys | Where-Object name -EQ 'full-access').organization | Select-Object -First 1

Show-Heading '1. Connect and check what the key may do'
# In a terminal, Connect-OpenProspect without a key asks for it with hidden input; a log cannot type, so the demo
# passes the key as a SecureString.
Show-Command "Connect-OpenProspect -BaseUri $BaseUri -ApiKey `$key -PassThru"
$session = Connect-OpenProspect -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $fullKey -AsPlainText -Force) -PassThru
$session | Show-Output
Write-Host ''
Show-Command "Connect-OpenProspect -BaseUri $BaseUri -ApiKey 'lnc_test_...'   # a plain string gets the fix, not a conversion error"
try { Connect-OpenProspect -BaseUri $BaseUri -ApiKey 'lnc_test_thisIsNotARealKey0000' } catch { Write-Host $_.Exception.Message -ForegroundColor Yellow }
Write-Host ''
foreach ($preset in 'CrmSync', 'BlacklistManagement') {
    Show-Command "Test-OpenProspectKey -Preset $preset -ApiKey `$readOnlyKey"
    Test-OpenProspectKey -Preset $preset -ApiKey (ConvertTo-SecureString $readOnlyKey -AsPlainText -Force) -BaseUri $BaseUri | Show-Output
}

Show-Heading '2. Keep customers out of prospecting: import a CRM export into a blacklist'
$csv = Join-Path ([IO.Path]::GetTempPath()) "crm-accounts-$PID.csv"
$rows = [System.Collections.Generic.List[string]]::new()
$rows.Add('Account ID,Account Name,Website,Billing City,Billing Country')
$cities = 'Berlin', 'Munich', 'Hamburg', 'Vienna', 'Zurich'
for ($i = 1; $i -le 12000; $i++) { $rows.Add("0015g00000A$('{0:d5}' -f $i),Customer $i GmbH,customer$i.example,$($cities[$i % 5]),DE") }
$rows.Add('0015g00000A00001,Customer 1 GmbH (duplicate row),customer1.example,Berlin,DE')
$rows.Add(',,,Graz,AT')   # a row that names no company
[IO.File]::WriteAllLines($csv, $rows)
Write-Host "A CRM export with $($rows.Count - 1) rows: one duplicate and one row without any company field."
Show-Command "`$bl = New-OPBlacklist -Name 'Existing customers' -Description 'From the CRM, nightly'"
$bl = New-OPBlacklist -Name 'Existing customers' -Description 'From the CRM, nightly'
Show-Command 'Import-Csv ./crm-accounts.csv | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable rejected -ErrorAction SilentlyContinue'
$result = Import-Csv $csv | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable rejected -ErrorAction SilentlyContinue
$result | Show-Output
Show-Command '$rejected | ForEach-Object { "rejected: $($_.Exception.Message)" }'
$rejected | ForEach-Object { "rejected: $($_.Exception.Message)" } | Show-Output
Remove-Item $csv

Show-Command 'Get-OPBlacklistEntry -BlacklistId $bl.Id -First 5'
Get-OPBlacklistEntry -BlacklistId $bl.Id -First 5 | Show-Output
Show-Command 'Get-OPBlacklist'
Get-OPBlacklist | Show-Output

Show-Heading '3. Apply the blacklist to a prospect search (and keep the ones it has)'
$competitors = New-OPBlacklist -Name 'Competitors'
$null = $competitors | Set-OPBlacklistAssignment -ProspectSearchId $search.id -Confirm:$false
Show-Command "Get-OPBlacklistAssignment -ProspectSearchId '$($search.id)'"
Get-OPBlacklistAssignment -ProspectSearchId $search.id | Show-Output
Show-Command "`$bl | Add-OPBlacklistAssignment -ProspectSearchId '$($search.id)' -PassThru"
$bl | Add-OPBlacklistAssignment -ProspectSearchId $search.id -PassThru -Confirm:$false | Show-Output
Show-Command "`$bl | Set-OPBlacklistAssignment -ProspectSearchId '$($search.id)' -WhatIf   # Set replaces the set and says what it would remove"
$bl | Set-OPBlacklistAssignment -ProspectSearchId $search.id -WhatIf 3>&1 | ForEach-Object { Write-Host "WARNING: $_" -ForegroundColor Yellow }

Show-Heading '4. Enrich companies from a CSV: order, wait, read the results'
$profiles = (Invoke-RestMethod "$BaseUri/_emulator/profiles") | ForEach-Object { $_ }
$profileId = ($profiles | Where-Object organization -EQ $search.organization | Select-Object -First 1).profile_id
$companiesCsv = Join-Path ([IO.Path]::GetTempPath()) "companies-$PID.csv"
@(
    'external_id,company_name,website,city,country'
    'CRM-1001,Grand Hotel Berlin,grandhotel-berlin.example,Berlin,DE'
    'CRM-1002,Alpenblick Resort,alpenblick.example,Innsbruck,AT'
    'CRM-1003,Seehotel Zurich,seehotel-zurich.example,Zurich,CH'
    'CRM-1004,Hafen Suites,hafensuites.example,Hamburg,DE'
) | Set-Content $companiesCsv
Show-Command "Import-Csv ./companies.csv | New-OPOrder -ProfileId '$profileId' -Title 'Hotel enrichment' -Wait -PollIntervalSec 1"
# In a terminal the wait shows a progress bar; in a captured log it stays quiet.
$ProgressPreference = 'Continue'
$order = Import-Csv $companiesCsv | New-OPOrder -ProfileId $profileId -Title 'Hotel enrichment' -Wait -PollIntervalSec 1 -Confirm:$false
$ProgressPreference = 'SilentlyContinue'
$order | Show-Output
Show-Command '$order | Get-OPOrderResult'
$order | Get-OPOrderResult | Show-Output
Remove-Item $companiesCsv

Show-Heading '5. Company data: the best matches and their technology'
Show-Command 'Get-OPProspectSearch'
Get-OPProspectSearch | Show-Output
Show-Command "`$best = Get-OPCompany -ProspectSearchId '$($search.id)' -MinMatchScore 9.5 -ReviewStatus accepted -First 5; `$best"
$best = Get-OPCompany -ProspectSearchId $search.id -MinMatchScore 9.5 -ReviewStatus accepted -First 5
$best | Show-Output
Show-Command '$best | Get-OPCompanyJob -Summary'
$best | Get-OPCompanyJob -Summary | Show-Output
Show-Command '$best[0] | Get-OPCompanyTechnology -First 4'
$best[0] | Get-OPCompanyTechnology -First 4 | Show-Output
Show-Command '$best | Select-Object -First 2 | Get-OPProspect | Format-Table CompanyId, FullName, JobTitle   # each contact names its company'
$best | Select-Object -First 2 | Get-OPProspect | Format-Table CompanyId, FullName, JobTitle | Show-Output

Show-Heading '6. Pull new deliveries into the CRM on a schedule'
$state = Join-Path ([IO.Path]::GetTempPath()) "delivery-state-$PID.json"
$small = ($searches | Where-Object organization -EQ $search.organization)[1]
Show-Command "`$first = @(Sync-OPDelivery -ProspectSearchId '$($small.id)' -StatePath ./delivery-state.json)   # first run"
$first = @(Sync-OPDelivery -ProspectSearchId $small.id -StatePath $state)
Show-Command '"first run: $($first.Count) companies delivered, $(@($first.Prospects).Count) contacts"'
"first run: $($first.Count) companies delivered, $(@($first.Prospects).Count) contacts" | Show-Output
Show-Command '$first | Select-Object -First 3'
$first | Select-Object -First 3 | Show-Output
Show-Command "@(Sync-OPDelivery -ProspectSearchId '$($small.id)' -StatePath ./delivery-state.json).Count   # second run, nothing new since"
@(Sync-OPDelivery -ProspectSearchId $small.id -StatePath $state).Count | Show-Output
Remove-Item $state

Show-Heading 'Done'
Write-Host "Every cmdlet: Get-Command -Module OpenProspect.  Help: Get-Help about_OpenProspect."
