# Unattended sync: -NoCommit with Complete-OPDeliverySync (nothing lost when the consumer fails), -OutFile (written
# atomically, survives a killed process), the lock that refuses overlapping runs, and the checks that the module
# can load in Windows PowerShell 5.1 (a reference audit of the published dlls).
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator
    Connect-TestSession 'full-access'
    $org = $script:Keys['full-access'].organization
    $mine = @($script:ProspectSearches | Where-Object organization -EQ $org)
    $script:Nordic = $mine[1].id      # 40 seeded companies
    $script:Hotels = $mine[2].id      # none seeded: every company is one a test delivered
    $script:Pwsh = Join-Path $PSHOME 'pwsh'

    # A sync in another process (the read-only key, so the emulator's record tells its requests from this
    # process's). It prints "ROWS n" when its run ends.
    $script:ChildScript = Join-Path ($script:Work = New-TestFolder 'sync') 'child-sync.ps1'
    Set-Content -Path $script:ChildScript -Value @'
param($Module, $BaseUri, $StatePath, $Search, $OutFile, [switch] $NoCommit)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Connect-OpenProspect -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $env:OP_CHILD_KEY -AsPlainText -Force) -MaxRetryCount 1 -MaxRetryDelaySec 1 | Out-Null
$sync = @{ ProspectSearchId = $Search; StatePath = $StatePath; PageSize = 5 }
if ($OutFile) { $sync.OutFile = $OutFile }
if ($NoCommit) { $sync.NoCommit = $true }
$rows = @(Sync-OPDelivery @sync)
"ROWS $($rows.Count)"
'@

    function Reset-Emulator { $null = Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/reset" }
    # Each test syncs into a state file of its own.
    function New-StatePath { Join-Path $script:Work "state-$([guid]::NewGuid()).json" }
    function Add-Delivery([string] $SearchId, [int] $Count) {
        (Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/deliveries/$SearchId" -Body (@{ count = $Count } | ConvertTo-Json) -ContentType 'application/json').ids
    }
    # The state as JSON, times kept as text so they compare as instants, not as local clock readings.
    function Read-State([string] $Path) { Get-Content -Raw $Path | ConvertFrom-Json -DateKind String }
    function ConvertTo-Instant([string] $Text) { [DateTimeOffset]::Parse($Text, [cultureinfo]::InvariantCulture) }
    function Get-NewestDelivery([string] $SearchId) { (Get-OPDelivery -ProspectSearchId $SearchId | Measure-Object DeliveredAt -Maximum).Maximum }

    function Start-SyncChild([string] $StatePath, [string] $Search, [string] $OutFile, [switch] $NoCommit) {
        $psi = [Diagnostics.ProcessStartInfo]::new($script:Pwsh)
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $script:ChildScript, '-Module', $script:ModuleManifest,
                '-BaseUri', $script:BaseUri, '-StatePath', $StatePath, '-Search', $Search)) { $psi.ArgumentList.Add($a) }
        if ($OutFile) { $psi.ArgumentList.Add('-OutFile'); $psi.ArgumentList.Add($OutFile) }
        if ($NoCommit) { $psi.ArgumentList.Add('-NoCommit') }
        $psi.Environment['OP_CHILD_KEY'] = Get-TestKey 'read-only'
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        [Diagnostics.Process]::Start($psi)
    }
    # Waits (bounded, not asserted) until the child's run is held up in the emulator's slow fault.
    function Wait-ChildInSlowFault([Diagnostics.Process] $Child) {
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ([DateTime]::UtcNow -lt $deadline -and -not $Child.HasExited) {
            if (@(Get-TestFault | Where-Object { $_.mode -eq 'slow' -and $_.injected -ge 1 }).Count -gt 0) { return }
            Start-Sleep -Milliseconds 100
        }
        throw "The child sync never reached the slow page (exited: $($Child.HasExited)): $($Child.StandardError.ReadToEnd())"
    }
    function Stop-Child([Diagnostics.Process] $Child) {
        if ($Child -and -not $Child.HasExited) { $Child.Kill($true); $null = $Child.WaitForExit(10000) }
    }
}

AfterAll {
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Unattended sync' {
    # Every test starts from the seeded emulator (no faults, no run-time deliveries) and a state file of its own.
    BeforeEach {
        Reset-Emulator
        $script:State = New-StatePath
    }

    Context 'Sync-OPDelivery -NoCommit and Complete-OPDeliverySync' {
        It 'a consumer that throws in its end block leaves the committed watermark unchanged, and the next run re-delivers exactly those rows' {
            $null = Add-Delivery $script:Hotels 5
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State | Should -HaveCount 5
            $committed = (Read-State $script:State).prospect_searches.$script:Hotels.watermark
            $ids = Add-Delivery $script:Hotels 7

            function Send-ToCrm {
                begin { $batch = [System.Collections.Generic.List[object]]::new() }
                process { $batch.Add($_) }
                end { throw "CRM upload of $($batch.Count) rows failed" }
            }
            { Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -NoCommit | Send-ToCrm } | Should -Throw 'CRM upload of 7 rows failed'

            $state = Read-State $script:State
            $state.prospect_searches.$script:Hotels.watermark | Should -Be $committed
            $state.prospect_searches.$script:Hotels.pending.emitted | Should -Be 7

            $again = Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -NoCommit -WarningVariable w -WarningAction SilentlyContinue
            @($again.Id | Sort-Object) | Should -Be @($ids | Sort-Object)
            $w | Should -HaveCount 1
            "$w" | Should -BeLike '*never confirmed with Complete-OPDeliverySync*delivered again*'

            Complete-OPDeliverySync -StatePath $script:State
            $after = (Read-State $script:State).prospect_searches.$script:Hotels
            $after.pending | Should -BeNullOrEmpty
            (ConvertTo-Instant $after.watermark) | Should -Be (Get-NewestDelivery $script:Hotels)
            $after.total_emitted | Should -Be 12
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State | Should -BeNullOrEmpty
        }

        It 'commits only the named search, a second commit finds nothing, and -WhatIf changes nothing' {
            $null = Add-Delivery $script:Hotels 3
            $rows = Sync-OPDelivery -ProspectSearchId $script:Hotels, $script:Nordic -StatePath $script:State -NoCommit
            $rows | Should -HaveCount 43
            $before = [IO.File]::ReadAllBytes($script:State)
            Complete-OPDeliverySync -StatePath $script:State -WhatIf
            [IO.File]::ReadAllBytes($script:State) | Should -Be $before

            Complete-OPDeliverySync -StatePath $script:State -ProspectSearchId $script:Hotels
            $state = Read-State $script:State
            $state.prospect_searches.$script:Hotels.pending | Should -BeNullOrEmpty
            $state.prospect_searches.$script:Hotels.watermark | Should -Not -BeNullOrEmpty
            $state.prospect_searches.$script:Nordic.pending.emitted | Should -Be 40
            $state.prospect_searches.$script:Nordic.watermark | Should -BeNullOrEmpty

            [pscustomobject]@{ ProspectSearchId = $script:Nordic } | Complete-OPDeliverySync -StatePath $script:State
            (Read-State $script:State).prospect_searches.$script:Nordic.pending | Should -BeNullOrEmpty
            Sync-OPDelivery -ProspectSearchId $script:Hotels, $script:Nordic -StatePath $script:State | Should -BeNullOrEmpty

            $unchanged = [IO.File]::ReadAllBytes($script:State)
            Complete-OPDeliverySync -StatePath $script:State -WarningVariable w -WarningAction SilentlyContinue
            "$w" | Should -BeLike 'Nothing to commit*'
            [IO.File]::ReadAllBytes($script:State) | Should -Be $unchanged
        }

        It 'a default run after an unconfirmed -NoCommit run re-delivers its rows and commits' {
            $ids = Add-Delivery $script:Hotels 4
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -NoCommit | Should -HaveCount 4
            $rows = Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -WarningAction SilentlyContinue
            @($rows.Id | Sort-Object) | Should -Be @($ids | Sort-Object)
            (Read-State $script:State).prospect_searches.$script:Hotels.pending | Should -BeNullOrEmpty
            Complete-OPDeliverySync -StatePath $script:State -ProspectSearchId $script:Hotels -WarningVariable w -WarningAction SilentlyContinue
            "$w" | Should -BeLike '*nothing pending*committed already*'
        }

        It 'does not commit a pending watermark that another process''s run put in place of its own' {
            $null = Add-Delivery $script:Hotels 2
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -NoCommit | Should -HaveCount 2
            $ours = (Read-State $script:State).prospect_searches.$script:Hotels.pending.run_id
            $null = Add-Delivery $script:Hotels 3
            # Before this session commits, a -NoCommit run in another process replaces the pending watermark.
            $child = Start-SyncChild -StatePath $script:State -Search $script:Hotels -NoCommit
            try { $null = $child.WaitForExit(90000); $childOut = $child.StandardOutput.ReadToEnd() } finally { Stop-Child $child }
            # It warned that our run was never confirmed and delivered its rows again with the new ones.
            $childOut | Should -BeLike '*never confirmed with Complete-OPDeliverySync*'
            ($childOut.Trim() -split '\r?\n')[-1] | Should -Be 'ROWS 5'
            $theirs = (Read-State $script:State).prospect_searches.$script:Hotels.pending.run_id
            $theirs | Should -Not -Be $ours
            $before = [IO.File]::ReadAllBytes($script:State)

            Complete-OPDeliverySync -StatePath $script:State -ErrorVariable e -ErrorAction SilentlyContinue
            $e | Should -HaveCount 1
            $e[0].FullyQualifiedErrorId | Should -Be 'SyncPendingReplaced,OpenProspect.Cmdlets.Deliveries.CompleteOPDeliverySyncCommand'
            $e[0].TargetObject | Should -Be $script:Hotels
            [IO.File]::ReadAllBytes($script:State) | Should -Be $before
        }

        It 'a search that fails records nothing, not even for the search that synced, and the other search still reaches the pipeline' {
            $null = Add-Delivery $script:Hotels 3
            Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Nordic)"; status = 500 }
            $rows = Sync-OPDelivery -ProspectSearchId $script:Nordic, $script:Hotels -StatePath $script:State -NoCommit -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue
            $e | Should -HaveCount 1
            $e[0].TargetObject | Should -Be $script:Nordic
            $rows | Should -HaveCount 3
            "$w" | Should -BeLike '*was not changed*'
            Test-Path $script:State | Should -BeFalse
        }

        It 'a first run that fails writes no state file, not even for the search that synced' {
            $null = Add-Delivery $script:Hotels 3
            Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Nordic)"; status = 500 }
            $rows = Sync-OPDelivery -ProspectSearchId $script:Hotels, $script:Nordic -StatePath $script:State -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $e | Should -HaveCount 1
            $e[0].TargetObject | Should -Be $script:Nordic
            $rows | Should -HaveCount 3 -Because 'the search that synced still reaches the pipeline'
            Test-Path -LiteralPath $script:State | Should -BeFalse
            # The lock files stay by design; no temporary or partial state file may.
            @(Get-ChildItem (Split-Path $script:State) -Filter "$(Split-Path $script:State -Leaf)*" | Where-Object Name -NotLike '*.lock*') | Should -HaveCount 0
        }

        It 'a run over two searches where one fails leaves the state file byte for byte unchanged' {
            $null = Sync-OPDelivery -ProspectSearchId $script:Hotels, $script:Nordic -StatePath $script:State
            $before = [IO.File]::ReadAllBytes($script:State)
            $null = Add-Delivery $script:Hotels 4
            $null = Add-Delivery $script:Nordic 4
            Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Nordic)"; status = 500 }
            $rows = Sync-OPDelivery -ProspectSearchId $script:Hotels, $script:Nordic -StatePath $script:State -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue
            Clear-TestFault
            $e | Should -HaveCount 1
            $e[0].TargetObject | Should -Be $script:Nordic
            $rows | Should -HaveCount 4 -Because 'the search that synced still reaches the pipeline'
            "$w" | Should -BeLike '*was not changed*'
            [IO.File]::ReadAllBytes($script:State) | Should -Be $before
            # Nothing was recorded, so the next run delivers both searches' new rows.
            Sync-OPDelivery -ProspectSearchId $script:Hotels, $script:Nordic -StatePath $script:State | Should -HaveCount 8
        }

        It 'a state file written before pending watermarks existed still loads, and a default run adds no pending part' {
            $old = (Get-Date).ToUniversalTime().AddDays(-1).ToString('o')
            Set-Content -Path $script:State -Value (@"
{
  "format": 1,
  "prospect_searches": {
    "$($script:Hotels)": { "watermark": "$old", "recent_ids": [], "last_run_at": "$old", "total_emitted": 9 }
  }
}
"@)
            $null = Add-Delivery $script:Hotels 2
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State | Should -HaveCount 2
            $text = Get-Content -Raw $script:State
            $text | Should -Not -BeLike '*pending*'
            (Read-State $script:State).prospect_searches.$script:Hotels.total_emitted | Should -Be 11
        }

        It 'Complete-OPDeliverySync without a state file is ObjectNotFound and creates nothing' {
            { Complete-OPDeliverySync -StatePath $script:State } | Should -Throw -ErrorId 'SyncStateNotFound,*'
            Test-Path $script:State | Should -BeFalse
        }
    }

    Context 'Sync-OPDelivery -OutFile' {
        BeforeEach {
            $script:Out = Join-Path $script:Work "deliveries-$([guid]::NewGuid()).csv"
        }

        It 'writes a CSV with the known columns first and the API''s extra fields after them, replaces it on the next run, and commits' {
            $ids = Add-Delivery $script:Hotels 3
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out | Should -BeNullOrEmpty
            $rows = @(Import-Csv $script:Out)
            $rows | Should -HaveCount 3
            @($rows.Id | Sort-Object) | Should -Be @($ids | Sort-Object)
            $header = (Get-Content $script:Out -TotalCount 1) -replace '"', '' -split ','
            $header[0..3] | Should -Be 'Id', 'ProspectSearchId', 'Name', 'City'
            $header | Should -Contain 'Prospects'
            $header | Should -Not -Contain 'CompanyId'   # an alias of Id, not a field
            # employee_range is a field the model does not know: it comes after every known column.
            [array]::IndexOf($header, 'EmployeeRange') | Should -Be ($header.Count - 1)
            $rows[0].EmployeeRange | Should -Not -BeNullOrEmpty
            (ConvertFrom-Json $rows[0].Prospects).Count | Should -BeGreaterThan 0
            (ConvertTo-Instant (Read-State $script:State).prospect_searches.$script:Hotels.watermark) | Should -Be (Get-NewestDelivery $script:Hotels)
            @(Get-ChildItem $script:Work -Filter '*.partial') | Should -HaveCount 0

            $next = Add-Delivery $script:Hotels 2
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out
            @((Import-Csv $script:Out).Id | Sort-Object) | Should -Be @($next | Sort-Object)
            $again = (Get-Content $script:Out -TotalCount 1) -replace '"', '' -split ','
            $again | Should -Be $header
        }

        It 'a run with nothing new writes a file with the header only' {
            $null = Add-Delivery $script:Hotels 1
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out
            @(Get-Content $script:Out) | Should -HaveCount 1
            (Get-Content $script:Out -TotalCount 1) | Should -BeLike '"Id","ProspectSearchId",*'
        }

        It '-ExpandProspect writes one CSV row per prospect, as Get-OPDelivery -ExpandProspect does' {
            $null = Add-Delivery $script:Hotels 4
            $expected = @(Get-OPDelivery -ProspectSearchId $script:Hotels -ExpandProspect)
            $expected.Count | Should -BeGreaterThan 4
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out -ExpandProspect
            $rows = @(Import-Csv $script:Out)
            $rows | Should -HaveCount $expected.Count
            @($rows.ProspectId | Sort-Object) | Should -Be @($expected.ProspectId | Sort-Object)
            $header = (Get-Content $script:Out -TotalCount 1) -replace '"', '' -split ','
            $header | Should -Be ([OpenProspect.ProspectRow].GetProperties().Name)
        }

        It 'writes JSON lines, one object per company, with the same fields' {
            $ids = Add-Delivery $script:Hotels 3
            $jsonl = [IO.Path]::ChangeExtension($script:Out, '.jsonl')
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $jsonl
            $lines = @(Get-Content $jsonl)
            $lines | Should -HaveCount 3
            $objects = $lines | ForEach-Object { $_ | ConvertFrom-Json }
            @($objects.Id | Sort-Object) | Should -Be @($ids | Sort-Object)
            $objects[0].Prospects.Count | Should -BeGreaterThan 0
            $objects[0].EmployeeRange | Should -Not -BeNullOrEmpty
        }

        It 'a listing that fails midway leaves the previous file and the state byte for byte unchanged' {
            $null = Add-Delivery $script:Hotels 2
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out
            $file, $state = [IO.File]::ReadAllBytes($script:Out), [IO.File]::ReadAllBytes($script:State)
            $null = Add-Delivery $script:Hotels 20
            Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Hotels)"; after = 1; status = 500 }
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out -PageSize 5 -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue
            $e | Should -HaveCount 1
            $e[0].Exception.StatusCode | Should -Be 500
            "$w" | Should -BeLike "*was not changed and '$($script:Out)' was not written*"
            [IO.File]::ReadAllBytes($script:Out) | Should -Be $file
            [IO.File]::ReadAllBytes($script:State) | Should -Be $state
            @(Get-ChildItem $script:Work -Filter '*.partial') | Should -HaveCount 0
        }

        It 'a process killed mid-run leaves the previous file and state intact, and the next run completes' {
            $null = Add-Delivery $script:Hotels 2
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out
            $file, $state = [IO.File]::ReadAllBytes($script:Out), [IO.File]::ReadAllBytes($script:State)
            $ids = Add-Delivery $script:Hotels 20
            # Pages 1 and 2 (of 5 rows) pass; page 3 hangs until the process is killed.
            Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Hotels)"; mode = 'slow'; delay_ms = 600000; after = 2; count = 1 }
            $child = Start-SyncChild -StatePath $script:State -Search $script:Hotels -OutFile $script:Out
            try {
                Wait-ChildInSlowFault $child
                $partials = @(Get-ChildItem $script:Work -Filter "$(Split-Path $script:Out -Leaf)*.partial")
            }
            finally { Stop-Child $child }
            $partials.Count | Should -BeGreaterThan 0 -Because 'the kill lands while the run is writing its partial file'
            [IO.File]::ReadAllBytes($script:Out) | Should -Be $file
            [IO.File]::ReadAllBytes($script:State) | Should -Be $state

            Clear-TestRequest
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile $script:Out
            @((Import-Csv $script:Out).Id | Sort-Object) | Should -Be @($ids | Sort-Object)
            (ConvertTo-Instant (Read-State $script:State).prospect_searches.$script:Hotels.watermark) | Should -Be (Get-NewestDelivery $script:Hotels)
            @(Get-ChildItem $script:Work -Filter '*.partial') | Should -HaveCount 0 -Because 'the killed run''s partial file is cleaned up'
        }

        It 'refuses an -OutFile of an unknown format before any request' {
            Clear-TestRequest
            { Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -OutFile (Join-Path $script:Work 'x.xlsx') } | Should -Throw -ErrorId 'SyncOutFileFormat,*'
            Get-TestRequest | Should -HaveCount 0
            Test-Path $script:State | Should -BeFalse
        }
    }

    Context 'Overlapping runs on one state file' {
        It 'two concurrent runs: one delivers, the other gets SyncInProgress, and the state is valid JSON with the right watermark' {
            $ids = Add-Delivery $script:Hotels 12
            # The child's third page waits a while in the emulator, holding the child inside its run (and its lock).
            Set-TestFault @{ path_prefix = "/api/v1/deliveries/$($script:Hotels)"; mode = 'slow'; delay_ms = 8000; after = 2; count = 1 }
            $child = Start-SyncChild -StatePath $script:State -Search $script:Hotels
            try {
                Wait-ChildInSlowFault $child
                Clear-TestRequest
                $err = $null
                try { Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State } catch { $err = $_ }
                $null = $child.WaitForExit(90000)
                $childOut = $child.StandardOutput.ReadToEnd()
            }
            finally { Stop-Child $child }

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'SyncInProgress,OpenProspect.Cmdlets.Deliveries.SyncOPDeliveryCommand'
            $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
            $err.TargetObject | Should -Be "$($script:State).lock"
            "$err" | Should -BeLike "*process $($child.Id) holds the lock*"
            @(Get-TestRequest | Where-Object key_name -EQ 'full-access') | Should -HaveCount 0 -Because 'the refused run sends nothing'

            $child.ExitCode | Should -Be 0
            ($childOut.Trim() -split '\r?\n')[-1] | Should -Be 'ROWS 12'
            $state = Read-State $script:State   # parses: valid JSON
            (ConvertTo-Instant $state.prospect_searches.$script:Hotels.watermark) | Should -Be (Get-NewestDelivery $script:Hotels)
            @($state.prospect_searches.$script:Hotels.recent_ids) | Should -Contain $ids[-1]
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State | Should -BeNullOrEmpty
        }

        It '-LockTimeoutSec waits for the holder and then syncs; it gives up with SyncInProgress when the holder stays' {
            $null = Add-Delivery $script:Hotels 3
            $lockPath = "$($script:State).lock"
            # Another holder of the lock: an exclusive handle (a second open in the same process is refused as well).
            $holder = [IO.FileStream]::new($lockPath, 'OpenOrCreate', 'ReadWrite', 'None')
            try {
                { Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -LockTimeoutSec 1 } | Should -Throw -ErrorId 'SyncInProgress,*'
                $release = Start-ThreadJob -ScriptBlock { param($h) Start-Sleep -Seconds 2; $h.Dispose() } -ArgumentList $holder
                $rows = Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -LockTimeoutSec 120
                $release | Wait-Job | Remove-Job
            }
            finally { $holder.Dispose() }
            $rows | Should -HaveCount 3
            Test-Path $script:State | Should -BeTrue
        }

        It 'Complete-OPDeliverySync takes the same lock' {
            $null = Add-Delivery $script:Hotels 1
            Sync-OPDelivery -ProspectSearchId $script:Hotels -StatePath $script:State -NoCommit | Should -HaveCount 1
            $before = [IO.File]::ReadAllBytes($script:State)
            $holder = [IO.FileStream]::new("$($script:State).lock", 'OpenOrCreate', 'ReadWrite', 'None')
            try {
                { Complete-OPDeliverySync -StatePath $script:State } | Should -Throw -ErrorId 'SyncInProgress,OpenProspect.Cmdlets.Deliveries.CompleteOPDeliverySyncCommand'
            }
            finally { $holder.Dispose() }
            [IO.File]::ReadAllBytes($script:State) | Should -Be $before
            Complete-OPDeliverySync -StatePath $script:State
            (Read-State $script:State).prospect_searches.$script:Hotels.pending | Should -BeNullOrEmpty
        }
    }

    Context 'Windows PowerShell 5.1 readiness' {
        BeforeAll {
            $script:ModuleDir = Split-Path $script:ModuleManifest
            # What a shipped dll may reference without shipping it: assemblies of .NET Framework 4.6.2 and later (netstandard
            # is built in from 4.7.1; earlier versions get it from the .NET Standard support files) and the PowerShell
            # host's own. The highest version each may be referenced with; a higher one would not bind on .NET Framework.
            $script:Framework = @{
                'mscorlib'                     = [version]'4.0.0.0'
                'System'                       = [version]'4.0.0.0'
                'System.Core'                  = [version]'4.0.0.0'
                'System.Numerics'              = [version]'4.0.0.0'
                'System.Runtime'               = [version]'4.0.20.0'
                'System.Xml'                   = [version]'4.0.0.0'
                'System.Net.Http'              = [version]'4.0.0.0'
                'netstandard'                  = [version]'2.0.0.0'
                'System.Management.Automation' = [version]'3.0.0.0'
            }
            function Get-AssemblyInfo([string] $Path) {
                $stream = [IO.File]::OpenRead($Path)
                try {
                    $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                    $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                    $def = $md.GetAssemblyDefinition()
                    $token = [System.Reflection.AssemblyName]::GetAssemblyName($Path).GetPublicKeyToken()
                    [pscustomobject]@{
                        Name       = $md.GetString($def.Name)
                        Version    = $def.Version
                        Token      = [BitConverter]::ToString([byte[]]@($token)).Replace('-', '').ToLowerInvariant()
                        References = @(foreach ($h in $md.AssemblyReferences) {
                                $r = $md.GetAssemblyReference($h)
                                [pscustomobject]@{
                                    Name    = $md.GetString($r.Name)
                                    Version = $r.Version
                                    Token   = [BitConverter]::ToString([byte[]]@($md.GetBlobBytes($r.PublicKeyOrToken))).Replace('-', '').ToLowerInvariant()
                                }
                            })
                    }
                }
                finally { $stream.Dispose() }
            }
            $script:Shipped = @{}
            foreach ($dll in Get-ChildItem $script:ModuleDir -Filter *.dll) { $info = Get-AssemblyInfo $dll.FullName; $script:Shipped[$info.Name] = $info }
        }

        It 'every assembly reference of every shipped dll is a .NET Framework assembly or a shipped file' {
            $script:Shipped.Count | Should -BeGreaterThan 1
            $unshipped = [System.Collections.Generic.List[string]]::new()
            $needResolver = [System.Collections.Generic.List[string]]::new()
            foreach ($dll in $script:Shipped.Values) {
                foreach ($ref in $dll.References) {
                    if ($script:Shipped.ContainsKey($ref.Name)) {
                        $file = $script:Shipped[$ref.Name]
                        $file.Token | Should -Be $ref.Token -Because "$($dll.Name) references $($ref.Name) with the key the shipped file must have, or the resolver will not answer"
                        if ($file.Version -ne $ref.Version) { $needResolver.Add("$($dll.Name) -> $($ref.Name) $($ref.Version) (shipped $($file.Version))") }
                    }
                    elseif ($script:Framework.ContainsKey($ref.Name) -and $ref.Version -le $script:Framework[$ref.Name]) { }
                    else { $unshipped.Add("$($dll.Name) -> $($ref.Name) $($ref.Version)") }
                }
            }
            $unshipped | Should -BeNullOrEmpty -Because 'a dependency that is neither shipped nor part of .NET Framework breaks Windows PowerShell 5.1'
            Write-Host "References that only the .NET Framework resolver binds:`n  $($needResolver -join "`n  ")"
            # System.Text.Json 8 and its dependencies disagree on versions; the resolver exists for these.
            $needResolver.Count | Should -BeGreaterThan 0
            $needResolver | Should -Contain 'System.Memory -> System.Runtime.CompilerServices.Unsafe 4.0.4.1 (shipped 6.0.0.0)'
        }

        It 'the manifest declares Desktop and Core, PowerShell 5.1, and the assembly registers its resolver at import' {
            $manifest = Import-PowerShellDataFile $script:ModuleManifest
            $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
            $manifest.PowerShellVersion | Should -Be '5.1'
            $manifest.CmdletsToExport | Should -Contain 'Complete-OPDeliverySync'
            $type = [OpenProspect.Hosting.ModuleAssemblyResolver]
            $type.GetInterfaces().Name | Should -Contain 'IModuleAssemblyInitializer'
            $type.GetInterfaces().Name | Should -Contain 'IModuleAssemblyCleanup'
            # On PowerShell 7 the resolver stays out of the way: the loaded System.Text.Json is the runtime's own.
            [System.Text.Json.JsonSerializer].Assembly.GetName().Version.Major | Should -BeGreaterOrEqual 10
        }
    }
}
