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
function Show-Table { param([Parameter(ValueFromPipeline)] $InputObject, [object[]] $Property)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        $table = if ($Property) { $items | Format-Table -Property $Property -AutoSize } else { $items | Format-Table -AutoSize }
        ($table | Out-String -Width 120).TrimEnd() | Write-Host
    }
}

# The emulator publishes its seeded keys; with the real API the key comes from SecretManagement instead.
$keys = Invoke-RestMethod "$BaseUri/_emulator/keys"
$fullKey = ($keys | Where-Object name -EQ 'full-access').key
$readOnlyKey = ($keys | Where-Object name -EQ 'read-only').key
$searches = Invoke-RestMethod "$BaseUri/_emulator/prospect-searches"
$search = $searches | Where-Object organization -EQ ($keys | Where-Object name -EQ 'full-access').organization | Select-Object -First 1

Show-Heading '1. Connect and check what the key may do'
Show-Command "Connect-OpenProspect -BaseUri $BaseUri -ApiKey `$key -PassThru"
$session = Connect-OpenProspect -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $fullKey -AsPlainText -Force) -PassThru
($session | Format-List | Out-String -Width 120).Trim() | Write-Host
Write-Host ''
Show-Command 'Get-OpenProspectSession | Select-Object -ExpandProperty Scopes'
$session.Scopes | ForEach-Object { [pscustomobject]@{ Scope = $_; Area = ($_ -split ':')[0]; Access = ($_ -split ':')[1] } } | Show-Table

Show-Command "'EnrichmentOrders','CrmSync','BlacklistManagement' | ForEach-Object { Test-OpenProspectKey -Preset `$_ -ApiKey `$readOnlyKey }"
'EnrichmentOrders', 'CrmSync', 'BlacklistManagement' | ForEach-Object {
    $r = Test-OpenProspectKey -Preset $_ -ApiKey (ConvertTo-SecureString $readOnlyKey -AsPlainText -Force) -BaseUri $BaseUri
    [pscustomobject]@{ Preset = $_; 'Read-only key fits' = $r.MissingScopes.Count -eq 0; Missing = $r.MissingScopes -join ', ' }
} | Show-Table

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
Show-Command 'Import-Csv ./crm-accounts.csv | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable rejected'
$result = Import-Csv $csv | Add-OPBlacklistEntry -BlacklistId $bl.Id -ErrorVariable rejected -ErrorAction SilentlyContinue
$result | Show-Table
foreach ($e in $rejected) { Write-Host "rejected: $($e.Exception.Message)  (row: $($e.TargetObject | ConvertTo-Json -Compress))" -ForegroundColor Yellow }
Remove-Item $csv

Show-Command 'Get-OPBlacklistEntry -BlacklistId $bl.Id -First 5'
Get-OPBlacklistEntry -BlacklistId $bl.Id -First 5 | Show-Table
Show-Command 'Get-OPBlacklist'
Get-OPBlacklist | Show-Table -Property Name, EntryCount, Description

Show-Heading '3. Apply the blacklist to a prospect search'
Show-Command "`$bl | Set-OPBlacklistAssignment -ProspectSearchId '$($search.id)' -PassThru"
$bl | Set-OPBlacklistAssignment -ProspectSearchId $search.id -PassThru -Confirm:$false | Show-Table -Property Name, EntryCount, Id

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
$order | Show-Table -Property Title, OrderType, Status, BriefingQuantity, Id
Show-Command '$order | Get-OPOrderResult'
$order | Get-OPOrderResult | Show-Table -Property SourceId, Name, City, MatchScore,
    @{ n = 'Contacts'; e = { ($_.Prospects | ForEach-Object { "$($_.FullName) ($($_.JobTitle))" }) -join '; ' } }
Remove-Item $companiesCsv

Show-Heading '5. Company data: the best matches and their technology'
Show-Command 'Get-OPProspectSearch'
Get-OPProspectSearch | Show-Table -Property Name, Status, Id
Show-Command "Get-OPCompany -ProspectSearchId '$($search.id)' -MinMatchScore 9.5 -ReviewStatus accepted -First 5"
$best = Get-OPCompany -ProspectSearchId $search.id -MinMatchScore 9.5 -ReviewStatus accepted -First 5
$best | Show-Table -Property Name, City, MatchScore, @{ n = 'Technologies'; e = { ($_ | Get-OPCompanyTechnology | Select-Object -First 4 | ForEach-Object Name) -join ', ' } }

Show-Heading '6. Pull new deliveries into the CRM on a schedule'
$state = Join-Path ([IO.Path]::GetTempPath()) "delivery-state-$PID.json"
$small = ($searches | Where-Object organization -EQ $search.organization)[1]
Show-Command "Sync-OPDelivery -ProspectSearchId '$($small.id)' -StatePath ./delivery-state.json   # first run"
$first = @(Sync-OPDelivery -ProspectSearchId $small.id -StatePath $state)
Write-Host "first run: $($first.Count) companies delivered, $(@($first.Prospects).Count) contacts"
$first | Select-Object -First 3 | Show-Table -Property Name, City, DeliveredAt
Show-Command 'Sync-OPDelivery ... (second run, nothing new since)'
$second = @(Sync-OPDelivery -ProspectSearchId $small.id -StatePath $state)
Write-Host "second run: $($second.Count) new companies"
Remove-Item $state

Show-Heading 'Done'
Write-Host "Every cmdlet: Get-Command -Module OpenProspect.  Help: Get-Help about_OpenProspect."
