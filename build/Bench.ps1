#requires -Version 7.4
<#
.SYNOPSIS
    Measures the built module against baselines: streaming, memory, bulk upload and import. Run it through
    `build.ps1 -Task Bench`, which builds the module and the emulator in Release first.
.DESCRIPTION
    Four benchmarks, each run -Runs times (at least 3) with the contenders alternating, so a slow moment of the
    machine hits every contender alike; medians and ratios come from the same run.

    streaming  Get-OPCompany -ProspectSearchId <id> | Measure-Object over -Companies companies, against the floor
               (tests/OpenProspect.BenchFloor: HttpClient + System.Text.Json, sequential, limit=100) and against an
               Invoke-RestMethod loop over offset (what a user writes without the module).
    memory     peak working set of the pwsh process of that same command, for all companies and for -First 10000.
    bulk       Import-Csv | Add-OPBlacklistEntry of -Rows rows, against the floor posting the same batches and an
               Invoke-RestMethod loop; Import-Csv | Measure-Object alone is timed too.
    import     Import-Module of the built module against an empty binary module (tests/OpenProspect.BenchEmpty).

    Issue 13 added three comparisons next to those, each with its own target line:
    bulk-path      Add-OPBlacklistEntry -Path of the same CSV (read in C#, no Import-Csv) against the same floor.
    stream-cmdlet  the streaming command against a minimal binary cmdlet (tests/OpenProspect.BenchStream) that pages
                   the same endpoint with HttpClient + System.Text.Json and writes typed objects, so both pay the
                   PowerShell pipeline's per-object cost.
    import-format  the module's import against the empty module that ships one format view.
    path-memory    peak working set of Add-OPBlacklistEntry -Path over -LargeRows rows (1,000,000) against the same
                   command over -Rows rows: reading a file in C# must not hold it in memory (3 rounds: each large
                   run sends 100 batches).

    Every PowerShell measurement runs in a fresh child pwsh (this same file with -Measure), so the built dll is
    loaded fresh each time, and the child times only the command itself with a Stopwatch: not the start of pwsh,
    not Import-Module (except in the import benchmark), not Connect-OpenProspect. The floor program likewise starts
    its clock after one authenticated call, the call Connect-OpenProspect makes to validate the key.

    Prints one table and one line per benchmark (`bench <name>: module <t> s, floor <t> s, ratio <r> ...`), and
    overwrites docs/performance.md with the results, the machine and the targets.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Bench
#>
[CmdletBinding(DefaultParameterSetName = 'Bench')]
param(
    # The repository root (build.ps1 passes its own). No cmdlet in a default value: a child measuring a cold
    # Import-Module must not have loaded any module before its clock starts.
    [Parameter(ParameterSetName = 'Bench')]
    [string] $Root = '',

    # The configuration build.ps1 built; the numbers are only meaningful for Release.
    [Parameter(ParameterSetName = 'Bench')]
    [string] $Configuration = 'Release',

    # Rounds per benchmark; every contender runs once per round. With 5, a whole `build.ps1 -Task Bench` took about
    # 2 minutes on 2 cores.
    [Parameter(ParameterSetName = 'Bench')]
    [ValidateRange(3, 50)]
    [int] $Runs = 5,

    # Companies the emulator seeds in the prospect search (streaming, memory).
    [Parameter(ParameterSetName = 'Bench')]
    [ValidateRange(10000, 10000000)]
    [int] $Companies = 100000,

    # Rows of the generated CSV (bulk).
    [Parameter(ParameterSetName = 'Bench')]
    [ValidateRange(10000, 1000000)]
    [int] $Rows = 100000,

    # Rows of the large CSV that Add-OPBlacklistEntry -Path reads in the bulk-path memory benchmark.
    [Parameter(ParameterSetName = 'Bench')]
    [ValidateRange(100000, 10000000)]
    [int] $LargeRows = 1000000,

    # Internal: the measurement one fresh child pwsh makes; see Invoke-Measurement.
    [Parameter(ParameterSetName = 'Measure', Mandatory)]
    [ValidateSet('Import', 'ImportCold', 'ModuleStream', 'IrmStream', 'ModuleBulk', 'IrmBulk', 'CsvImport', 'ModulePathBulk', 'CmdletStream')]
    [string] $Measure,
    [Parameter(ParameterSetName = 'Measure')] [string] $ModulePath,
    [Parameter(ParameterSetName = 'Measure')] [string] $Url,
    [Parameter(ParameterSetName = 'Measure')] [string] $ApiKey,
    # The prospect search (streaming) or the blacklist (bulk).
    [Parameter(ParameterSetName = 'Measure')] [string] $TargetId,
    [Parameter(ParameterSetName = 'Measure')] [string] $CsvPath,
    [Parameter(ParameterSetName = 'Measure')] [int] $First
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Fixtures of the emulator (tests/OpenProspect.Emulator/README.md): the search that --companies fills and the key
# with every scope. They mean nothing to the real API.
$script:SearchId = '550e8400-e29b-41d4-a716-446655440000'
$script:Key = 'lnc_test_FullAcWvj7FAc9QeWJKY40uvSwMFLZDe'
$script:SmallCompanies = 10000   # the memory benchmark's smaller listing
$script:Batch = 10000            # Add-OPBlacklistEntry's default batch, so every contender sends the same requests
$script:Inv = [Globalization.CultureInfo]::InvariantCulture

# --------------------------------------------------------------------------------------------------------------
# Child side: one measurement in a fresh pwsh
# --------------------------------------------------------------------------------------------------------------

function Invoke-Measurement {
    <#
    Runs in the child pwsh and prints, as its last line, "BENCH <items> <milliseconds> <peak working set bytes>".
    The clock covers the measured command only; the peak is read just before the process exits, so it covers the
    whole process (pwsh itself, the module, the listing).
    #>
    $clock = [Diagnostics.Stopwatch]::new()
    $items = 0
    $headers = @{ Authorization = "Bearer $ApiKey" }
    switch ($Measure) {
        'Import' {
            # The module's own import cost. pwsh's module machinery is made warm first by importing a built-in module,
            # as in any session that has used one auto-loaded cmdlet (an interactive session has also imported
            # PSReadLine by then); otherwise its one-time start-up (about 70 ms here) would dwarf both modules.
            Import-Module -Name Microsoft.PowerShell.Management
            $clock.Start()
            Import-Module -Name $ModulePath
            $clock.Stop()
            $items = 1
        }
        'ImportCold' {
            # The first Import-Module of the process, as in a script whose first line imports the module.
            $clock.Start()
            Import-Module -Name $ModulePath
            $clock.Stop()
            $items = 1
        }
        'ModuleStream' {
            Import-Module -Name $ModulePath
            Connect-OpenProspect -BaseUri $Url -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) | Out-Null
            $clock.Start()
            $items = if ($First -gt 0) {
                (Get-OPCompany -ProspectSearchId $TargetId -First $First | Measure-Object).Count
            }
            else {
                (Get-OPCompany -ProspectSearchId $TargetId | Measure-Object).Count
            }
            $clock.Stop()
        }
        'IrmStream' {
            # What a user writes without the module: page over offset and put the items on the pipeline. The first
            # call stands for the module's key validation, so both start with a warm connection.
            $null = Invoke-RestMethod -Uri "$Url/api/v1/auth/validate" -Headers $headers
            $clock.Start()
            $items = (& {
                    $offset = 0
                    do {
                        $page = Invoke-RestMethod -Uri "$Url/api/v1/companies?prospect_search_id=$TargetId&limit=100&offset=$offset" -Headers $headers
                        $page.items
                        $offset += $page.items.Count
                    } while ($page.has_more -and $page.items.Count -gt 0)
                } | Measure-Object).Count
            $clock.Stop()
        }
        'ModuleBulk' {
            Import-Module -Name $ModulePath
            Connect-OpenProspect -BaseUri $Url -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) | Out-Null
            $clock.Start()
            $result = Import-Csv -LiteralPath $CsvPath | Add-OPBlacklistEntry -BlacklistId $TargetId
            $clock.Stop()
            if ($result.Failed -or $result.Invalid) { throw "Add-OPBlacklistEntry reported $($result.Failed) failed and $($result.Invalid) invalid rows." }
            $items = $result.Added
        }
        'ModulePathBulk' {
            # The same rows through -Path: the module reads the file itself, no Import-Csv, no per-row binding.
            Import-Module -Name $ModulePath
            Connect-OpenProspect -BaseUri $Url -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) | Out-Null
            $clock.Start()
            $result = Add-OPBlacklistEntry -BlacklistId $TargetId -Path $CsvPath
            $clock.Stop()
            if ($result.Failed -or $result.Invalid) { throw "Add-OPBlacklistEntry -Path reported $($result.Failed) failed and $($result.Invalid) invalid rows." }
            $items = $result.Added
        }
        'CmdletStream' {
            # The stream-cmdlet baseline: a minimal binary cmdlet with the same listing, warmed up like the module.
            Import-Module -Name $ModulePath
            Get-BenchStreamCompany -Url $Url -ApiKey $ApiKey -WarmUp
            $clock.Start()
            $items = (Get-BenchStreamCompany -Url $Url -ApiKey $ApiKey -ProspectSearchId $TargetId | Measure-Object).Count
            $clock.Stop()
        }
        'IrmBulk' {
            # What a user writes without the module: collect rows into batches of 10,000, ConvertTo-Json, POST.
            $null = Invoke-RestMethod -Uri "$Url/api/v1/auth/validate" -Headers $headers
            $entriesUri = "$Url/api/v1/blacklists/$TargetId/entries"
            $clock.Start()
            $batch = [Collections.Generic.List[object]]::new()
            $added = 0
            Import-Csv -LiteralPath $CsvPath | ForEach-Object {
                $batch.Add([ordered]@{ company_name = $_.CompanyName; website_url = $_.Website; external_id = $_.ExternalId; city = $_.City; country = $_.Country })
                if ($batch.Count -eq $script:Batch) {
                    $body = @{ entries = $batch } | ConvertTo-Json -Depth 3 -Compress
                    $added += (Invoke-RestMethod -Method Post -Uri $entriesUri -Headers $headers -ContentType 'application/json' -Body $body).added
                    $batch.Clear()
                }
            }
            if ($batch.Count -gt 0) {
                $body = @{ entries = $batch } | ConvertTo-Json -Depth 3 -Compress
                $added += (Invoke-RestMethod -Method Post -Uri $entriesUri -Headers $headers -ContentType 'application/json' -Body $body).added
            }
            $clock.Stop()
            $items = $added
        }
        'CsvImport' {
            # Import-Csv's own share of the bulk pipeline, so the module's share can be told apart.
            $clock.Start()
            $items = (Import-Csv -LiteralPath $CsvPath | Measure-Object).Count
            $clock.Stop()
        }
    }
    $peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    [string]::Format($script:Inv, 'BENCH {0} {1:0.0} {2}', $items, $clock.Elapsed.TotalMilliseconds, $peak)
}

if ($PSCmdlet.ParameterSetName -eq 'Measure') {
    Invoke-Measurement
    return
}

# --------------------------------------------------------------------------------------------------------------
# Parent side: build the baselines, start the emulator, run the rounds, report
# --------------------------------------------------------------------------------------------------------------

$script:Clock = [Diagnostics.Stopwatch]::StartNew()
if (-not $Root) { $Root = Split-Path -Parent $PSScriptRoot }
$script:Out = Join-Path $Root 'out'
$script:BenchOut = Join-Path $script:Out 'bench'
$script:ModulePsd1 = Join-Path $script:Out 'OpenProspect/OpenProspect.psd1'
$script:EmptyPsd1 = Join-Path $script:BenchOut 'empty/OpenProspect.BenchEmpty.psd1'
$script:EmptyFormatPsd1 = Join-Path $script:BenchOut 'empty/OpenProspect.BenchEmptyFormat.psd1'
$script:FloorDll = Join-Path $script:BenchOut 'floor/OpenProspect.BenchFloor.dll'
$script:StreamPsd1 = Join-Path $script:BenchOut 'stream/OpenProspect.BenchStream.psd1'
$script:CsvPath = Join-Path $script:BenchOut 'companies.csv'
$script:LargeCsvPath = Join-Path $script:BenchOut 'companies-large.csv'
$script:Pwsh = Join-Path $PSHOME 'pwsh'
$script:Samples = [Collections.Generic.List[object]]::new()

function Step([string] $Message) { Write-Host ('[{0,6:n1}s] bench: {1}' -f $script:Clock.Elapsed.TotalSeconds, $Message) }

function Format-Number([double] $Value, [string] $Format = '0.00') { $Value.ToString($Format, $script:Inv) }

function Publish-Baseline {
    # Built in this run, in Release, so the floor and the empty module match the module being measured.
    $PSNativeCommandUseErrorActionPreference = $true
    foreach ($project in 'OpenProspect.BenchFloor', 'OpenProspect.BenchEmpty', 'OpenProspect.BenchStream') {
        $target = Join-Path $script:BenchOut ($project -replace '^OpenProspect\.Bench', '').ToLowerInvariant()
        if (Test-Path $target) { Remove-Item -Recurse -Force $target }
        dotnet publish "$Root/tests/$project/$project.csproj" -c Release -o $target --nologo -v q -clp:NoSummary
    }
}

function New-BenchCsv([string] $Path, [int] $Count) {
    <#
    A CRM-style export: the column names Add-OPBlacklistEntry binds (CompanyName, Website via its alias,
    ExternalId, City, Country), unique websites and ids so every row is stored, and full https URLs so the module
    sends every row as it is and all three contenders post identical bodies. No value needs CSV quoting, so the
    floor can split lines on commas.
    #>
    $cities = 'Berlin', 'Munich', 'Hamburg', 'Vienna', 'Zurich', 'Cologne', 'Frankfurt', 'Graz'
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.WriteLine('CompanyName,Website,ExternalId,City,Country')
        for ($i = 1; $i -le $Count; $i++) {
            $writer.WriteLine([string]::Format($script:Inv, 'Bench Company {0:D7} GmbH,https://www.bench-company-{0:D7}.example,CRM-{0:D7},{1},Germany', $i, $cities[$i % $cities.Count]))
        }
    }
    finally { $writer.Dispose() }
}

function ConvertFrom-BenchLine([object[]] $Lines, [string] $What) {
    $line = @($Lines | Where-Object { $_ -is [string] -and $_.StartsWith('BENCH ') }) | Select-Object -Last 1
    if (-not $line) { throw "$What printed no BENCH line. Output:`n$($Lines -join "`n")" }
    $f = $line.Split(' ')
    [pscustomobject]@{ Items = [long]$f[1]; Seconds = [double]::Parse($f[2], $script:Inv) / 1000; PeakBytes = [long]$f[3] }
}

function Invoke-Child([string] $Measurement, [hashtable] $Arguments) {
    # A fresh pwsh per measurement: the built dll is loaded anew and no JIT or cache carries over between runs.
    $PSNativeCommandUseErrorActionPreference = $false
    $argList = @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-Measure', $Measurement)
    foreach ($name in $Arguments.Keys) { $argList += "-$name"; $argList += [string]$Arguments[$name] }
    $lines = & $script:Pwsh @argList 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Measurement $Measurement failed (exit $LASTEXITCODE):`n$($lines -join "`n")" }
    ConvertFrom-BenchLine $lines $Measurement
}

function Invoke-Floor([string[]] $Arguments) {
    $PSNativeCommandUseErrorActionPreference = $false
    $lines = & dotnet $script:FloorDll @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The floor program failed (exit $LASTEXITCODE):`n$($lines -join "`n")" }
    $f = ([string]($lines | Select-Object -Last 1)).Split(' ')
    [pscustomobject]@{ Items = [long]$f[0]; Seconds = [double]::Parse($f[1], $script:Inv) / 1000; PeakBytes = 0L }
}

function Invoke-Api([string] $Method, [string] $Path, [object] $Body) {
    $request = @{ Method = $Method; Uri = "$script:Url$Path"; Headers = @{ Authorization = "Bearer $script:Key" } }
    if ($null -ne $Body) { $request.Body = $Body | ConvertTo-Json -Compress; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

function Invoke-WithBlacklist([scriptblock] $Run) {
    # A fresh blacklist per run, so every run stores all rows (no duplicates); deleted afterwards so the
    # emulator's memory does not grow from round to round.
    $id = (Invoke-Api Post '/api/v1/blacklists' @{ name = "bench $([guid]::NewGuid().ToString('N'))" }).id
    try { & $Run $id }
    finally { $null = Invoke-Api Delete "/api/v1/blacklists/$id" $null }
}

function Add-Sample([string] $Benchmark, [string] $Contender, [int] $Round, [double] $Value, [string] $Unit) {
    $script:Samples.Add([pscustomobject]@{ Benchmark = $Benchmark; Contender = $Contender; Round = $Round; Value = $Value; Unit = $Unit })
}

function Assert-Items([object] $Result, [long] $Expected, [string] $What) {
    if ($Result.Items -ne $Expected) { throw "$What handled $($Result.Items) items instead of $Expected; the measurement is void." }
}

function Invoke-Rounds([string] $Benchmark, [System.Collections.Specialized.OrderedDictionary] $Contenders, [int] $Rounds = $Runs) {
    <#
    Runs every contender once per round. The order rotates by one each round, so no contender always runs right
    after the same other one (or always first, on a machine that has just been busy).
    #>
    $names = @($Contenders.Keys)
    for ($round = 1; $round -le $Rounds; $round++) {
        $order = for ($i = 0; $i -lt $names.Count; $i++) { $names[($i + $round - 1) % $names.Count] }
        $line = foreach ($name in $order) {
            $before = $script:Samples.Count
            & $Contenders[$name] $round
            # What this contender just recorded (a streaming run records its time and its peak memory).
            $added = for ($i = $before; $i -lt $script:Samples.Count; $i++) {
                $s = $script:Samples[$i]
                '{0} {1}' -f (Format-Number $s.Value $(if ($s.Unit -eq 'MB') { '0' } else { '0.000' })), $s.Unit
            }
            "$name $($added -join ' / ')"
        }
        Step "$Benchmark round $round/${Rounds}: $($line -join ', ')"
    }
}

function Get-Median([string] $Benchmark, [string] $Contender) {
    $values = @($script:Samples | Where-Object { $_.Benchmark -eq $Benchmark -and $_.Contender -eq $Contender } | ForEach-Object Value | Sort-Object)
    if ($values.Count -eq 0) { throw "No samples for $Benchmark/$Contender." }
    $mid = [int][math]::Floor($values.Count / 2)
    if ($values.Count % 2) { $values[$mid] } else { ($values[$mid - 1] + $values[$mid]) / 2 }
}

function Measure-Streaming {
    # Each module run also gives the memory benchmark its 100,000-company peak: same command, fresh process.
    $stream = @{ ModulePath = $script:ModulePsd1; Url = $script:Url; ApiKey = $script:Key; TargetId = $script:SearchId }
    $small = $stream + @{ First = $script:SmallCompanies }
    $baseline = $stream.Clone()
    $baseline.ModulePath = $script:StreamPsd1
    Invoke-Rounds 'streaming' ([ordered]@{
            floor          = {
                param($round)
                $r = Invoke-Floor @('stream', $script:Url, $script:Key, $script:SearchId)
                Assert-Items $r $Companies 'The floor'
                Add-Sample 'streaming' 'floor' $round $r.Seconds 's'
            }
            module         = {
                param($round)
                $r = Invoke-Child 'ModuleStream' $stream
                Assert-Items $r $Companies 'Get-OPCompany'
                Add-Sample 'streaming' 'module' $round $r.Seconds 's'
                Add-Sample 'memory' 'module (all)' $round ($r.PeakBytes / 1MB) 'MB'
            }
            irm            = {
                param($round)
                $r = Invoke-Child 'IrmStream' $stream
                Assert-Items $r $Companies 'The Invoke-RestMethod loop'
                Add-Sample 'streaming' 'irm' $round $r.Seconds 's'
            }
            'stream-cmdlet' = {
                param($round)
                $r = Invoke-Child 'CmdletStream' $baseline
                Assert-Items $r $Companies 'The stream-cmdlet baseline'
                Add-Sample 'streaming' 'stream-cmdlet' $round $r.Seconds 's'
            }
            'module-first' = {
                param($round)
                $r = Invoke-Child 'ModuleStream' $small
                Assert-Items $r $script:SmallCompanies 'Get-OPCompany -First'
                Add-Sample 'memory' 'module (-First)' $round ($r.PeakBytes / 1MB) 'MB'
            }
        })
}

function Measure-Bulk {
    $bulk = @{ ModulePath = $script:ModulePsd1; Url = $script:Url; ApiKey = $script:Key; CsvPath = $script:CsvPath }
    Invoke-Rounds 'bulk' ([ordered]@{
            floor  = {
                param($round)
                $r = Invoke-WithBlacklist { param($id) Invoke-Floor @('bulk', $script:Url, $script:Key, $id, $script:CsvPath, $script:Batch) }
                Assert-Items $r $Rows 'The floor'
                Add-Sample 'bulk' 'floor' $round $r.Seconds 's'
            }
            module = {
                param($round)
                $r = Invoke-WithBlacklist { param($id) Invoke-Child 'ModuleBulk' ($bulk + @{ TargetId = $id }) }
                Assert-Items $r $Rows 'Add-OPBlacklistEntry'
                Add-Sample 'bulk' 'module' $round $r.Seconds 's'
            }
            'module -Path' = {
                param($round)
                $r = Invoke-WithBlacklist { param($id) Invoke-Child 'ModulePathBulk' ($bulk + @{ TargetId = $id }) }
                Assert-Items $r $Rows 'Add-OPBlacklistEntry -Path'
                Add-Sample 'bulk' 'module -Path' $round $r.Seconds 's'
                Add-Sample 'path-memory' "module -Path ($Rows rows)" $round ($r.PeakBytes / 1MB) 'MB'
            }
            irm    = {
                param($round)
                $r = Invoke-WithBlacklist { param($id) Invoke-Child 'IrmBulk' ($bulk + @{ TargetId = $id }) }
                Assert-Items $r $Rows 'The Invoke-RestMethod loop'
                Add-Sample 'bulk' 'irm' $round $r.Seconds 's'
            }
            csv    = {
                param($round)
                $r = Invoke-Child 'CsvImport' @{ CsvPath = $script:CsvPath }
                Assert-Items $r $Rows 'Import-Csv'
                Add-Sample 'bulk' 'csv' $round $r.Seconds 's'
            }
        })
}

function Measure-PathMemory {
    # The small file's peaks come from the bulk-path runs; only the large file runs here, in fewer rounds.
    $large = @{ ModulePath = $script:ModulePsd1; Url = $script:Url; ApiKey = $script:Key; CsvPath = $script:LargeCsvPath }
    Invoke-Rounds 'path-memory' ([ordered]@{
            "module -Path ($LargeRows rows)" = {
                param($round)
                $r = Invoke-WithBlacklist { param($id) Invoke-Child 'ModulePathBulk' ($large + @{ TargetId = $id }) }
                Assert-Items $r $LargeRows 'Add-OPBlacklistEntry -Path of the large file'
                Add-Sample 'path-memory' "module -Path ($LargeRows rows)" $round ($r.PeakBytes / 1MB) 'MB'
                Add-Sample 'path-large' 'module -Path' $round $r.Seconds 's'
            }
        }) -Rounds ([math]::Min($Runs, 3))
}

function Measure-Import {
    # The target compares module and empty (warm module machinery). The other three explain the gap: the empty
    # module with one format view (the fixed cost of a session's first format file), and both modules imported cold.
    $import = { param($round, $name, $measurement, $path) Add-Sample 'import' $name $round (Invoke-Child $measurement @{ ModulePath = $path }).Seconds 's' }
    Invoke-Rounds 'import' ([ordered]@{
            empty           = { param($round) & $import $round 'empty' 'Import' $script:EmptyPsd1 }
            module          = { param($round) & $import $round 'module' 'Import' $script:ModulePsd1 }
            'empty+format'  = { param($round) & $import $round 'empty+format' 'Import' $script:EmptyFormatPsd1 }
            'empty (cold)'  = { param($round) & $import $round 'empty (cold)' 'ImportCold' $script:EmptyPsd1 }
            'module (cold)' = { param($round) & $import $round 'module (cold)' 'ImportCold' $script:ModulePsd1 }
        })
}

function Get-MachineInfo {
    $PSNativeCommandUseErrorActionPreference = $false
    $cpu = $env:PROCESSOR_IDENTIFIER
    if (Test-Path /proc/cpuinfo) {
        $model = Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1
        if ($model) { $cpu = $model.Matches[0].Groups[1].Value }
    }
    $os = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    if (Test-Path /etc/os-release) {
        $pretty = Select-String -Path /etc/os-release -Pattern '^PRETTY_NAME="?([^"]+)"?' | Select-Object -First 1
        if ($pretty) { $os = "$($pretty.Matches[0].Groups[1].Value), kernel $([Environment]::OSVersion.Version)" }
    }
    $load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
    $commit = try { (git -C $Root rev-parse --short HEAD 2>$null) } catch { $null }
    if ($commit) {
        $dirty = try { git -C $Root status --porcelain 2>$null } catch { $null }
        if ($dirty) { $commit += ' plus uncommitted changes' }
    }
    [ordered]@{
        'CPU'                  = if ($cpu) { "$cpu, $([Environment]::ProcessorCount) logical cores" } else { "$([Environment]::ProcessorCount) logical cores" }
        'Memory'               = "$(Format-Number ([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB) '0.0') GB available to .NET"
        'OS'                   = $os
        '.NET runtime'         = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        '.NET SDK'             = (dotnet --version 2>$null) -join ''
        'PowerShell'           = "$($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition))"
        'OpenProspect module'  = "$((Import-PowerShellDataFile $script:ModulePsd1).ModuleVersion), Release build, commit $(if ($commit) { $commit } else { 'unknown' })"
        'Load average at start' = $load
    }
}

function Get-Results {
    # Medians and ratios of this run; every ratio compares contenders measured in the same rounds.
    $r = [ordered]@{
        StreamFloor = Get-Median 'streaming' 'floor'
        StreamModule = Get-Median 'streaming' 'module'
        StreamIrm = Get-Median 'streaming' 'irm'
        MemAll = Get-Median 'memory' 'module (all)'
        MemFirst = Get-Median 'memory' 'module (-First)'
        BulkFloor = Get-Median 'bulk' 'floor'
        BulkModule = Get-Median 'bulk' 'module'
        BulkIrm = Get-Median 'bulk' 'irm'
        BulkCsv = Get-Median 'bulk' 'csv'
        ImportEmpty = Get-Median 'import' 'empty'
        ImportModule = Get-Median 'import' 'module'
        ImportEmptyFormat = Get-Median 'import' 'empty+format'
        ImportEmptyCold = Get-Median 'import' 'empty (cold)'
        ImportModuleCold = Get-Median 'import' 'module (cold)'
        StreamCmdlet = Get-Median 'streaming' 'stream-cmdlet'
        BulkPath = Get-Median 'bulk' 'module -Path'
        PathMemSmall = Get-Median 'path-memory' "module -Path ($Rows rows)"
        PathMemLarge = Get-Median 'path-memory' "module -Path ($LargeRows rows)"
        PathLarge = Get-Median 'path-large' 'module -Path'
    }
    $r.StreamRatio = $r.StreamModule / $r.StreamFloor
    $r.StreamIrmRatio = $r.StreamIrm / $r.StreamModule
    $r.MemDiff = $r.MemAll - $r.MemFirst
    $r.BulkRatio = $r.BulkModule / $r.BulkFloor
    $r.BulkIrmRatio = $r.BulkIrm / $r.BulkModule
    $r.ImportRatio = $r.ImportModule / $r.ImportEmpty
    $r.StreamCmdletRatio = $r.StreamModule / $r.StreamCmdlet
    $r.BulkPathRatio = $r.BulkPath / $r.BulkFloor
    $r.ImportFormatRatio = $r.ImportModule / $r.ImportEmptyFormat
    $r.PathMemDiff = $r.PathMemLarge - $r.PathMemSmall
    [pscustomobject]$r
}

function Get-Verdicts([object] $R) {
    <#
    One verdict per target. Where a target is not met, the note says why and what would meet it, from this run's
    numbers and from the profile taken when this benchmark was written (dotnet-trace, sampled thread time, on the
    2-core build machine against the same emulator); the profile figures are not re-measured by each run.
    #>
    $n = { param($value, $format = '0.00') Format-Number $value $format }
    $pages = [math]::Ceiling($Companies / 100)
    $verdicts = [Collections.Generic.List[object]]::new()

    $met = $R.StreamRatio -le 1.1
    $extra = $R.StreamModule - $R.StreamFloor
    $note = if ($met) { "Met: the module's listing costs $(& $n ($extra / $R.StreamFloor * 100) '0')% more than the floor's." } else {
        "Not met. **Why:** both make the same $pages sequential requests and parse the same JSON with System.Text.Json " +
        "(the module one page ahead, on a thread-pool thread, while the pipeline thread writes the previous page). The extra " +
        "$(& $n $extra) s ($(& $n ($extra / $Companies * 1e6) '0.0') µs per company) is PowerShell-side work per company, on a machine " +
        "where the pipeline thread, the thread parsing the next page and the emulator share $([Environment]::ProcessorCount) cores. " +
        "Earlier builds spent up to 1.1 s per 100,000 companies adding note properties for the field the model does not know " +
        "(the emulator sends ``employee_range`` on purpose); the module now writes each company as it is and PowerShell reads such " +
        "fields through a property adapter (``ApiObjectAdapter``), which costs nothing until a property is read. What remains is " +
        "mostly PowerShell's own cost of a pipeline, ``WriteObject`` and binding each object to ``Measure-Object``, which the " +
        "stream-cmdlet baseline pays as well (its line below compares like with like).`n`n" +
        "**What would meet it:** against a real server, where every page waits on the network, the one-page prefetch hides the " +
        "per-company work and the ratio moves towards 1 (expected, not measured here: the emulator shares the machine over " +
        "loopback). On this 2-core machine 1.1× is out of reach for any binary cmdlet whose output goes through a PowerShell " +
        "pipeline: the per-object pipeline cost alone is 20–50% of the floor's time and does not hide behind the network here."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'streaming: module ≤ 1.1× floor'; Measured = "$(& $n $R.StreamRatio)× ($(& $n $R.StreamModule) s / $(& $n $R.StreamFloor) s)"; Met = $met; Note = $note })

    $met = $R.StreamIrmRatio -ge 5
    $bound = $R.StreamIrm / $R.StreamFloor
    $note = if ($met) { 'Met.' } else {
        "Not met. **Why:** the Invoke-RestMethod loop took $(& $n $R.StreamIrm) s, $(& $n ($R.StreamIrm / $pages * 1000) '0.0') ms " +
        "per page of 100 over loopback (Invoke-RestMethod's per-call overhead and its JSON conversion into PSCustomObjects); the floor took " +
        "$(& $n $R.StreamFloor) s. So even a module exactly as fast as the floor would be at most $(& $n $bound)× faster than the " +
        "loop here$(if ($bound -lt 5) { ': 5× cannot be reached on this machine, the loop is not slow enough' } else { '' })." +
        "`n`n**What would meet it:** the module needs to finish within $(& $n ($R.StreamIrm / 5)) s, " +
        "$(& $n ($R.StreamIrm / 5 / $R.StreamFloor))× the floor; as for the floor target, that takes a server further away than " +
        "loopback, where every page costs the loop and the module the same network wait and the loop's extra per-page cost stays."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'streaming: module ≥ 5× faster than Invoke-RestMethod'; Measured = "$(& $n $R.StreamIrmRatio)× ($(& $n $R.StreamIrm) s / $(& $n $R.StreamModule) s)"; Met = $met; Note = $note })

    $met = $R.MemDiff -le 50
    $note = if ($met) {
        "Met: the peak hardly depends on the listing's length; ``WritePages`` holds one page being written and one being fetched."
    } else {
        "Not met: the peak grew by $(& $n $R.MemDiff '0.0') MB from $($script:SmallCompanies) to $Companies companies, although " +
        "``OpenProspectCmdlet.WritePages`` holds at most two pages. Something keeps companies alive beyond the pipeline; a " +
        "``dotnet-gcdump`` of the child near the end of a listing shows what."
    }
    $verdicts.Add([pscustomobject]@{ Target = "memory: peak for $Companies within 50 MB of $($script:SmallCompanies)"; Measured = "+$(& $n $R.MemDiff '0.0') MB ($(& $n $R.MemAll '0.0') MB / $(& $n $R.MemFirst '0.0') MB)"; Met = $met; Note = $note })

    $met = $R.BulkRatio -le 1.3
    $own = $R.BulkModule - $R.BulkCsv
    $note = if ($met) { 'Met.' } else {
        "Not met. **Why:** ``Import-Csv`` alone took $(& $n $R.BulkCsv) s, $(& $n ($R.BulkCsv / $R.BulkFloor))× the floor's whole run " +
        "(the floor reads the same file with a plain line split)$(if ($R.BulkCsv / $R.BulkFloor -ge 1.3) { ', so no cmdlet fed by Import-Csv can come within 1.3× of the floor' } else { '' }). " +
        "The module's own share, module − Import-Csv, is $(& $n $own) s ($(& $n ($own / $R.BulkFloor))× the floor). In the " +
        "profile of one run the pipeline thread spent about 1.1 s in PowerShell binding each row to the cmdlet's pipeline " +
        "parameters (``BindPipelineParameters``: five ValueFromPipelineByPropertyName parameters looked up by name and by their CRM " +
        "aliases, plus ``InputObject`` by value), 0.1 s in the module's own per-row code (``ReadCompany``, ``CompanyRow.Normalize``) " +
        "and 0.55 s waiting for the 10 POSTs, which the floor waits for too. The Invoke-RestMethod loop, which pays for " +
        "Import-Csv as well, took $(& $n $R.BulkIrm) s ($(& $n $R.BulkIrmRatio)× the module's time).`n`n" +
        "**What would meet it:** not running Import-Csv and per-row binding at all: a parameter that reads the file in C# " +
        "(e.g. ``Add-OPBlacklistEntry -Path crm.csv`` with the same column aliases and the same batches) does what the floor does " +
        "plus the module's per-row normalisation (0.1 s per 100,000 rows in the profile), so it should land near the floor " +
        "(an estimate; not built here). Keeping the pipeline does not get there: a build that bound rows by value only and read " +
        "the five columns in C# from each row's ``PSObject.Properties`` was slower, not faster (2.3–3.3 s against 1.8–2.5 s, " +
        "four alternating runs each), because enumerating a PSObject's properties costs more than PowerShell's binding; and " +
        "Import-Csv's own $(& $n $R.BulkCsv) s would remain in any case."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'bulk: module ≤ 1.3× floor'; Measured = "$(& $n $R.BulkRatio)× ($(& $n $R.BulkModule) s / $(& $n $R.BulkFloor) s)"; Met = $met; Note = $note })

    $met = $R.ImportRatio -le 2
    $ms = { param($seconds) & $n ($seconds * 1000) '0.0' }
    $formatShare = $R.ImportEmptyFormat - $R.ImportEmpty
    $views = ([regex]::Matches((Get-Content -Raw (Join-Path (Split-Path $script:ModulePsd1) 'OpenProspect.format.ps1xml')), '<View>')).Count
    $cold = "Imported cold (the first Import-Module of a process, as in a script whose first line imports it) the module took " +
        "$(& $ms $R.ImportModuleCold) ms against $(& $ms $R.ImportEmptyCold) ms, $(& $n ($R.ImportModuleCold / $R.ImportEmptyCold))×: " +
        "pwsh's one-time module start-up dominates both."
    $note = if ($met) {
        "Met: the module costs $(& $ms ($R.ImportModule - $R.ImportEmpty)) ms more to import than an empty binary module. $cold"
    } else {
        "Not met: $(& $ms $R.ImportModule) ms against $(& $ms $R.ImportEmpty) ms. **Why:** the empty module " +
        "with a single format view took $(& $ms $R.ImportEmptyFormat) ms, so $(& $ms $formatShare) ms of the gap is the fixed cost " +
        "of the first format file a session loads, which any module with formatted output pays; the module's own " +
        "$views views, its dll with 27 cmdlets and its larger manifest account for the remaining " +
        "$(& $ms ($R.ImportModule - $R.ImportEmptyFormat)) ms ($(& $n ($R.ImportModule / $R.ImportEmptyFormat))× the empty " +
        "module with a view). Without its format file the module imported in about 10 ms (measured once when this benchmark " +
        "was written). $cold`n`n" +
        "**What would meet it:** as stated, only dropping ``FormatsToProcess`` (about 10 ms), at the price of the module's " +
        "table views: not worth it. Measured against a baseline that ships one view as well, the module is within " +
        "$(& $n ($R.ImportModule / $R.ImportEmptyFormat))×$(if ($R.ImportModule / $R.ImportEmptyFormat -le 2) { ', which meets the target' } else { '' }); " +
        "the target should name that baseline, or an absolute bound (the whole import is under $([math]::Ceiling($R.ImportModule * 1000 / 10) * 10) ms)."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'import: module ≤ 2× empty binary module'; Measured = "$(& $n $R.ImportRatio)× ($(& $n ($R.ImportModule * 1000) '0') ms / $(& $n ($R.ImportEmpty * 1000) '0') ms)"; Met = $met; Note = $note })
    # Issue 13's three comparisons, after the original five so the summary's indices stay as they were.
    $met = $R.BulkPathRatio -le 1.3
    $note = if ($met) {
        "Met: ``-Path`` reads the file in C# and sends the same batches, so the module does what the floor does plus its per-row " +
        "normalisation, and it reads the next batch while the previous one is on the wire (one request in flight, never two; the " +
        "floor reads and posts in turn); $(& $n $R.BulkPath) s against the pipeline form's $(& $n $R.BulkModule) s (Import-Csv alone $(& $n $R.BulkCsv) s)."
    } else {
        "Not met. **Why:** ``-Path`` skips Import-Csv and per-row binding, and reads the next batch while the previous one is on " +
        "the wire (the floor reads and posts in turn), yet took $(& $n $R.BulkPath) s against the floor's " +
        "$(& $n $R.BulkFloor) s (the pipeline form: $(& $n $R.BulkModule) s). Reading alone (``-WhatIf``, nothing sent) took about " +
        "0.3 s per 100,000 rows once the reader's loops were compiled optimised from the start (``AggressiveOptimization``; before, " +
        "a fresh pwsh ran them unoptimised for the whole file and reading took 0.7–1.2 s) and plain web addresses skipped the " +
        "Uri parse. The rest is the module's share of $([Environment]::ProcessorCount) cores that the emulator also needs while it " +
        "stores each batch: RFC 4180 parsing, normalising and serialising every row, and the garbage of two batches held at a " +
        "time. Runs vary: the floor's own runs here spread over $(& $n ($script:Samples | Where-Object { $_.Benchmark -eq 'bulk' -and $_.Contender -eq 'floor' } | Measure-Object Value -Minimum).Minimum)–$(& $n ($script:Samples | Where-Object { $_.Benchmark -eq 'bulk' -and $_.Contender -eq 'floor' } | Measure-Object Value -Maximum).Maximum) s, " +
        "and a seven-round A/B of the two alone measured 1.14× when this was written.`n`n" +
        "**What would meet it reliably:** a profile of the pipeline thread during ``-Path`` on an idle machine; candidates are the " +
        "per-row arrays (the record's fields, the five values) and serialising a batch while the next is read."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'bulk-path: module -Path ≤ 1.3× floor'; Measured = "$(& $n $R.BulkPathRatio)× ($(& $n $R.BulkPath) s / $(& $n $R.BulkFloor) s)"; Met = $met; Note = $note })

    $met = $R.StreamCmdletRatio -le 1.15
    $note = if ($met) {
        "Met: against a binary cmdlet that pays the same per-object pipeline cost, the module's session, retries, paging and " +
        "output shaping add $(& $n (($R.StreamCmdletRatio - 1) * 100) '0')%."
    } else {
        "Not met. **Why:** the minimal cmdlet took $(& $n $R.StreamCmdlet) s and the module $(& $n $R.StreamModule) s. Both write " +
        "$Companies typed objects through the same pipeline into ``Measure-Object``, so the difference is the module's own per-company " +
        "work: deserialising the fields its model does not know (the emulator sends ``employee_range``) into a dictionary per " +
        "company, its paging and log draining.`n`n**What would meet it:** a profile of the pipeline thread; the prefetch already " +
        "hides the network, and unknown fields no longer cost a wrapper per company (``ApiObjectAdapter``)."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'stream-cmdlet: module ≤ 1.15× minimal binary cmdlet'; Measured = "$(& $n $R.StreamCmdletRatio)× ($(& $n $R.StreamModule) s / $(& $n $R.StreamCmdlet) s)"; Met = $met; Note = $note })

    $met = $R.ImportFormatRatio -le 1.5
    $note = if ($met) {
        "Met: against an empty module that also loads one format view, the module's import costs $(& $n $R.ImportFormatRatio)×."
    } else {
        "Not met: $(& $ms $R.ImportModule) ms against $(& $ms $R.ImportEmptyFormat) ms. **Why:** beyond the fixed cost of a first " +
        "format file, the module loads $views views, a dll with its cmdlets and parameter metadata, and ``OpenProspect.types.ps1xml``, " +
        "which registers ``ApiObjectAdapter`` for every model (how fields the model does not know appear after the known ones " +
        "without a wrapper per object, which is what meets the stream-cmdlet target). A module's types file makes PowerShell " +
        "rebuild the session's type table: about 15 ms of the import here (62 ms without the file against 77 ms with it, six " +
        "alternating fresh imports each, measured when the adapter was added).`n`n" +
        "**What would meet it:** registering the adapter later instead of at import: measured then, ``Update-TypeData -TypeData`` " +
        "from the module's import hook cost about 100 ms (a nested pipeline that also loads Microsoft.PowerShell.Utility), and " +
        "about 25 ms when called on first use; either moves the cost rather than removing it, so the types file stays."
    }
    $verdicts.Add([pscustomobject]@{ Target = 'import-format: module ≤ 1.5× empty module with one format view'; Measured = "$(& $n $R.ImportFormatRatio)× ($(& $n ($R.ImportModule * 1000) '0') ms / $(& $n ($R.ImportEmptyFormat * 1000) '0') ms)"; Met = $met; Note = $note })

    $met = $R.PathMemDiff -le 50
    $rate = $LargeRows / $R.PathLarge
    $note = if ($met) {
        "Met: $LargeRows rows went through ``-Path`` in $(& $n $R.PathLarge '0.0') s ($(& $n $rate '#,0') rows/s), and the peak " +
        "working set stayed within $(& $n $R.PathMemDiff '0.0') MB of the $Rows-row run: the reader holds one record, the command " +
        "one batch being filled and one on the wire, whatever the file's size."
    } else {
        "Not met: the peak grew by $(& $n $R.PathMemDiff '0.0') MB from $Rows to $LargeRows rows, although ``CsvRecordReader`` holds " +
        "one record and ``Add-OPBlacklistEntry`` two batches. Something keeps rows alive (a list of reported rows, the verbose " +
        "notes); a ``dotnet-gcdump`` of the child near the end of the file shows what."
    }
    $verdicts.Add([pscustomobject]@{ Target = "path-memory: -Path peak for $LargeRows rows within 50 MB of $Rows"; Measured = "+$(& $n $R.PathMemDiff '0.0') MB ($(& $n $R.PathMemLarge '0.0') MB / $(& $n $R.PathMemSmall '0.0') MB)"; Met = $met; Note = $note })
    $verdicts
}

function Get-SampleTable {
    foreach ($group in $script:Samples | Group-Object Benchmark, Contender) {
        $first = $group.Group[0]
        $format = if ($first.Unit -eq 'MB') { '0.0' } else { '0.000' }
        [pscustomobject]@{
            Benchmark = $first.Benchmark
            Contender = $first.Contender
            Median    = Format-Number (Get-Median $first.Benchmark $first.Contender) $format
            Unit      = $first.Unit
            Runs      = ($group.Group | Sort-Object Round | ForEach-Object { Format-Number $_.Value $format }) -join '  '
        }
    }
}

function Get-SummaryLines([object] $R, [object[]] $Verdicts) {
    $n = { param($value, $format = '0.00') Format-Number $value $format }
    $status = { param($i) if ($Verdicts[$i].Met) { 'met' } else { 'not met' } }
    "bench streaming: module $(& $n $R.StreamModule) s, floor $(& $n $R.StreamFloor) s, ratio $(& $n $R.StreamRatio); irm $(& $n $R.StreamIrm) s, irm/module $(& $n $R.StreamIrmRatio) (targets <=1.1 $(& $status 0), >=5 $(& $status 1))"
    "bench memory: module $(& $n $R.MemAll '0.0') MB, floor $(& $n $R.MemFirst '0.0') MB, ratio $(& $n ($R.MemAll / $R.MemFirst)); difference $(& $n $R.MemDiff '0.0') MB, peak working set at $Companies vs $($script:SmallCompanies) companies (target <=50 MB $(& $status 2))"
    "bench bulk: module $(& $n $R.BulkModule) s, floor $(& $n $R.BulkFloor) s, ratio $(& $n $R.BulkRatio); irm $(& $n $R.BulkIrm) s, irm/module $(& $n $R.BulkIrmRatio); Import-Csv alone $(& $n $R.BulkCsv) s (target <=1.3 $(& $status 3))"
    "bench import: module $(& $n $R.ImportModule '0.000') s, floor $(& $n $R.ImportEmpty '0.000') s, ratio $(& $n $R.ImportRatio); floor = empty binary module (target <=2 $(& $status 4))"
    "bench bulk-path: module $(& $n $R.BulkPath) s, floor $(& $n $R.BulkFloor) s, ratio $(& $n $R.BulkPathRatio); Add-OPBlacklistEntry -Path of the same CSV (target <=1.3 $(& $status 5))"
    "bench stream-cmdlet: module $(& $n $R.StreamModule) s, floor $(& $n $R.StreamCmdlet) s, ratio $(& $n $R.StreamCmdletRatio); floor = minimal binary cmdlet paging the same endpoint (target <=1.15 $(& $status 6))"
    "bench import-format: module $(& $n $R.ImportModule '0.000') s, floor $(& $n $R.ImportEmptyFormat '0.000') s, ratio $(& $n $R.ImportFormatRatio); floor = empty module with one format view (target <=1.5 $(& $status 7))"
    "bench path-memory: module $(& $n $R.PathMemLarge '0.0') MB, floor $(& $n $R.PathMemSmall '0.0') MB, ratio $(& $n ($R.PathMemLarge / $R.PathMemSmall)); difference $(& $n $R.PathMemDiff '0.0') MB, peak working set of -Path at $LargeRows vs $Rows rows; $LargeRows rows in $(& $n $R.PathLarge '0.0') s (target <=50 MB $(& $status 8))"
}

function Write-PerformanceDoc([string] $Path, [object] $R, [object[]] $Verdicts, [System.Collections.Specialized.OrderedDictionary] $Machine, [object[]] $Table, [string[]] $Summary, [double] $Minutes) {
    $sb = [Text.StringBuilder]::new()
    $add = { param([string] $line = '') [void]$sb.AppendLine($line) }
    & $add '# Performance'
    & $add
    & $add ("Written by ``build.ps1 -Task Bench`` (``build/Bench.ps1``) on $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $script:Inv)) UTC; " +
        'every run overwrites this file. The numbers are from one run on the machine below, against the local emulator over ' +
        'loopback, so they compare the module with its baselines; they are not the latency of the real API.')
    & $add
    & $add '## Machine'
    & $add
    & $add '| | |'
    & $add '|---|---|'
    foreach ($k in $Machine.Keys) { & $add "| $k | $($Machine[$k]) |" }
    & $add
    & $add '## Summary'
    & $add
    & $add '```text'
    foreach ($line in $Summary) { & $add $line }
    & $add '```'
    & $add
    & $add '## Targets'
    & $add
    & $add '| Target | Measured (medians) | Verdict |'
    & $add '|---|---|---|'
    foreach ($t in $Verdicts) { & $add "| $($t.Target) | $($t.Measured) | $(if ($t.Met) { 'met' } else { '**not met**' }) |" }
    & $add
    foreach ($t in $Verdicts) {
        & $add "### $($t.Target)"
        & $add
        & $add $t.Note
        & $add
    }
    & $add '## All runs'
    & $add
    & $add "Seconds are the time of the measured command alone; MB is the peak working set of the whole pwsh process. $Runs rounds; in each round every contender ran once, in an order rotated by one per round."
    & $add
    & $add '| Benchmark | Contender | Median | Unit | Runs (round 1 … n) |'
    & $add '|---|---|---:|---|---|'
    foreach ($row in $Table) { & $add "| $($row.Benchmark) | $($row.Contender) | $($row.Median) | $($row.Unit) | $($row.Runs) |" }
    & $add
    & $add '## Method'
    & $add
    & $add "- **Setup.** ``build.ps1 -Task Bench`` publishes the module and the emulator in Release, then ``build/Bench.ps1`` publishes the two baselines in Release (``tests/OpenProspect.BenchFloor``, ``tests/OpenProspect.BenchEmpty``), writes a $Rows-row CSV and starts the emulator with ``--companies $Companies`` (prospect search ``$($script:SearchId)``; key ``full-access``). The full run took $(Format-Number $Minutes '0.0') minutes."
    & $add '- **Warm-up.** One untimed pass of the floor over each endpoint first, so the emulator''s own JIT warm-up is not charged to the first contender.'
    & $add "- **Rounds.** $Runs rounds per benchmark; every contender runs once per round and the order rotates, so a busy moment of the machine hits all contenders alike. Reported values are medians; every ratio divides medians of the same run."
    & $add '- **Fresh processes.** Every PowerShell measurement runs in its own new pwsh (`build/Bench.ps1 -Measure ...`), so the built dll is loaded fresh and nothing is cached between runs; the floor is a new process each time too. Inside the process a Stopwatch times only the measured command: not the start of the process, not Import-Module (except in the import benchmark), not Connect-OpenProspect. The floor and the Invoke-RestMethod loops first make one authenticated call (`GET /api/v1/auth/validate`, the call Connect-OpenProspect makes), so all contenders start with a warm connection.'
    & $add "- **Streaming.** Module: ``Get-OPCompany -ProspectSearchId <id> | Measure-Object``. Floor: ``OpenProspect.BenchFloor stream``, a net10.0 console program without packages that pages ``GET /api/v1/companies`` with HttpClient and System.Text.Json (source-generated typed models), sequentially, limit=100, until ``has_more`` is false. Invoke-RestMethod: a ``do { Invoke-RestMethod ...&limit=100&offset=`$offset; `$page.items } while (`$page.has_more)`` loop piped to ``Measure-Object``. Each contender's item count is checked."
    & $add "- **Memory.** The peak working set (``[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64``, read in the child just before it exits) of the streaming module runs ($Companies companies) against ``-First $($script:SmallCompanies)`` runs of the same command, each a fresh process; in the summary line ``floor`` is the $($script:SmallCompanies)-company peak."
    & $add "- **Bulk.** $Rows CSV rows (CompanyName, Website, ExternalId, City, Country; unique, full https URLs) into a fresh blacklist per run, created and deleted through the API outside the timing. Module: ``Import-Csv | Add-OPBlacklistEntry -BlacklistId <id>`` (batches of 10,000; it also sends an Idempotency-Key per batch, which the emulator ignores there, as the docs document the key for search-profile creations only). Floor: ``OpenProspect.BenchFloor bulk`` reads the file with a line split and posts the same $([math]::Ceiling($Rows / $script:Batch)) batches, body ``{`"entries`":[{company_name, website_url, external_id, city, country}]}``. Invoke-RestMethod: ``Import-Csv | ForEach-Object`` into batches of 10,000, ``ConvertTo-Json``, POST. ``Import-Csv | Measure-Object`` alone is timed as a fourth contender. Each contender's stored-row count is checked."
    & $add '- **Import.** `Import-Module` of `out/OpenProspect/OpenProspect.psd1` against `tests/OpenProspect.BenchEmpty` (netstandard2.0, PowerShellStandard.Library 5.1.1 as a compile-time reference, one trivial cmdlet; `OpenProspect.BenchEmpty.psd1`, and `OpenProspect.BenchEmptyFormat.psd1` with one format view), a Stopwatch around Import-Module in a fresh pwsh each time. The target compares `module` and `empty`, imported after one built-in module (`Microsoft.PowerShell.Management`), as in any session that has used an auto-loaded cmdlet; `(cold)` is the first Import-Module of the process.'
    & $add "- **bulk-path.** ``Add-OPBlacklistEntry -BlacklistId <id> -Path <csv>`` on the same $Rows-row file and the same fresh blacklist per run, against the same floor: the module reads the file itself (encoding check, RFC 4180 reader, the pipeline's column aliases) and sends the same batches, so Import-Csv's and the per-row binding's cost is gone."
    & $add "- **stream-cmdlet.** ``Get-BenchStreamCompany`` from ``tests/OpenProspect.BenchStream`` (net8.0, PowerShellStandard.Library as a compile-time reference): one binary cmdlet that pages ``GET /api/v1/companies`` with HttpClient and System.Text.Json (source-generated typed model), sequentially, limit=100, and writes each company as a typed object, piped to ``Measure-Object`` like the module. It warms its connection with ``GET /api/v1/auth/validate`` first, outside the clock. This compares like with like: both pay PowerShell's per-object pipeline cost, which the console floor does not."
    & $add "- **path-memory.** ``Add-OPBlacklistEntry -Path`` of a $LargeRows-row file written like the $Rows-row one, into a fresh blacklist per run, $([math]::Min($Runs, 3)) rounds; its peak working set is compared with the bulk-path runs' peak over $Rows rows (same command, fresh processes). The time of the large runs is reported, not judged."
    & $add '- **import-format.** The module''s `Import-Module` against `OpenProspect.BenchEmptyFormat.psd1`, the empty module with one format view, both warm as in the import benchmark; the fixed cost of a session''s first format file is then on both sides.'
    & $add '- **Profiles** quoted in the targets above were taken with `dotnet-trace collect --profile dotnet-sampled-thread-time` on a fresh child running the benchmark''s own command, when this benchmark was written; they explain the gaps and are not re-measured by each run.'
    Set-Content -LiteralPath $Path -Value $sb.ToString().TrimEnd() -Encoding utf8NoBOM
}

# --------------------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------------------

if ($Configuration -ne 'Release') {
    throw "The benchmark measures Release builds; run build.ps1 -Task Bench without -Configuration $Configuration."
}
foreach ($needed in $script:ModulePsd1, (Join-Path $script:Out 'emulator/OpenProspect.Emulator.dll')) {
    if (-not (Test-Path $needed)) { throw "$needed is missing; run build.ps1 -Task Bench (it builds first)." }
}
$machine = Get-MachineInfo   # before anything runs, so the load average is the machine's own
New-Item -ItemType Directory -Force -Path $script:BenchOut | Out-Null
Step 'publish the floor and the empty module (Release)'
Publish-Baseline
Step "write $Rows CSV rows"
New-BenchCsv $script:CsvPath $Rows
Step "write $LargeRows CSV rows"
New-BenchCsv $script:LargeCsvPath $LargeRows

Import-Module (Join-Path $Root 'tests/OpenProspect.Emulator/Emulator.psm1') -Force
$emulator = Start-OPEmulator -ArgumentList '--companies', $Companies
try {
    $script:Url = $emulator.Url
    Step "emulator at $script:Url with $Companies companies"

    Step 'warm-up (untimed): floor stream and bulk, one short module listing'
    $null = Invoke-Floor @('stream', $script:Url, $script:Key, $script:SearchId)
    $null = Invoke-WithBlacklist { param($id) Invoke-Floor @('bulk', $script:Url, $script:Key, $id, $script:CsvPath, $script:Batch) }
    $null = Invoke-Child 'ModuleStream' @{ ModulePath = $script:ModulePsd1; Url = $script:Url; ApiKey = $script:Key; TargetId = $script:SearchId; First = 1000 }

    Measure-Streaming
    Measure-Bulk
    Measure-PathMemory
    Measure-Import
}
finally {
    $emulator | Stop-OPEmulator
}

$results = Get-Results
$verdicts = @(Get-Verdicts $results)
$table = @(Get-SampleTable)
$summary = @(Get-SummaryLines $results $verdicts)
$docPath = Join-Path $Root 'docs/performance.md'
Write-PerformanceDoc $docPath $results $verdicts $machine $table $summary ($script:Clock.Elapsed.TotalMinutes)

$table | Format-Table -AutoSize | Out-String -Width 240 | Write-Host
Step "wrote docs/performance.md"
foreach ($line in $summary) { Write-Host $line }
