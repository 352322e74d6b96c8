# Dot-sourced by every suite in BeforeAll: imports the built module and the emulator harness, starts a fresh
# emulator for the suite, and offers small helpers. AfterAll calls Stop-TestEmulator.
$ErrorActionPreference = 'Stop'
$script:RepoRoot = (Resolve-Path "$PSScriptRoot/..").ProviderPath
$script:ModuleManifest = Join-Path $RepoRoot 'out/OpenProspect/OpenProspect.psd1'
Import-Module $ModuleManifest -Force
Import-Module (Join-Path $RepoRoot 'tests/OpenProspect.Emulator/Emulator.psm1') -Force

# The emulator's dialect for this run: OP_TEST_DIALECT=alternate (set by build.ps1 -Task Test for its second pass
# over a subset of the suites) serves the alternate shapes; unset or 'standard' the standard ones.
$script:Dialect = if ($env:OP_TEST_DIALECT) { $env:OP_TEST_DIALECT } else { 'standard' }

function Start-TestEmulator([string[]] $ArgumentList = @()) {
    $script:Emulator = Start-OPEmulator -ArgumentList $ArgumentList -Dialect $script:Dialect
    $script:BaseUri = $script:Emulator.Url
    $script:Keys = @{}
    foreach ($k in Get-OPEmulatorKey -Url $script:BaseUri) { $script:Keys[$k.name] = $k }
    # Seeded prospect searches; the first one of the full-access key's organization serves most tests.
    $script:ProspectSearches = @((Invoke-RestMethod "$($script:BaseUri)/_emulator/prospect-searches") | ForEach-Object { $_ })
    $script:ProspectSearchId = ($script:ProspectSearches | Where-Object organization -EQ $script:Keys['full-access'].organization | Select-Object -First 1).id
}

function Stop-TestEmulator {
    if ($script:Emulator) { $script:Emulator | Stop-OPEmulator }
    Get-OpenProspectSession | Disconnect-OpenProspect
}

function Get-TestKey([string] $Name) { $script:Keys[$Name].key }

function ConvertTo-TestSecureString([string] $Plain) {
    $s = [securestring]::new()
    foreach ($ch in $Plain.ToCharArray()) { $s.AppendChar($ch) }
    $s
}

function Connect-TestSession([string] $KeyName = 'full-access', [switch] $PassThru, [switch] $SkipValidation) {
    Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey $KeyName)) `
        -PassThru:$PassThru -SkipValidation:$SkipValidation -MaxRetryCount 1 -MaxRetryDelaySec 2
}

# Runs $Script with emulator options switched (e.g. @{ Idempotency = 'all' } for a test that relies on a server
# honouring Idempotency-Key on every POST) and restores the previous options even when the script fails.
function Invoke-WithEmulatorOption([hashtable] $Option, [scriptblock] $Script) {
    $before = Get-OPEmulatorOption -Url $script:BaseUri
    $null = Set-OPEmulatorOption -Url $script:BaseUri @Option
    try { & $Script }
    finally { $null = Set-OPEmulatorOption -Url $script:BaseUri -Dialect $before.dialect -Idempotency $before.idempotency }
}

# The requests the emulator recorded. In the alternate dialect every path without a trailing slash is answered
# 307 and sent again to the slash form; the suites count and name endpoints, so there the hop is folded into the
# request it led to: 307 answers are left out and the trailing slash of the others is dropped. (Emulator.Tests.ps1
# checks the redirects themselves with Get-OPEmulatorRequest.)
function Get-TestRequest {
    $requests = Get-OPEmulatorRequest -Url $script:BaseUri
    if ($script:Dialect -ne 'alternate') { return $requests }
    foreach ($r in $requests) {
        if ($r.status -eq 307) { continue }
        if ($r.path.Length -gt 1) { $r.path = $r.path.TrimEnd('/') }
        $r
    }
}
function Clear-TestRequest { Clear-OPEmulatorRequest -Url $script:BaseUri }

# Requests that change server state.
function Get-TestWrite { @(Get-TestRequest | Where-Object { $_.method -in 'POST', 'PUT', 'PATCH', 'DELETE' }) }

# Scratch folders live under the temp folder with an "op-" name; removal refuses anything else, so a wrong
# variable can never delete a real folder (such as $HOME, which PowerShell variable names can alias).
function New-TestFolder([string] $Purpose) {
    $path = Join-Path ([IO.Path]::GetTempPath()) "op-$Purpose-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

function Remove-TestFolder([string] $Path) {
    if (-not $Path) { return }
    $temp = [IO.Path]::GetFullPath([IO.Path]::GetTempPath())
    $full = [IO.Path]::GetFullPath($Path)
    if (-not $full.StartsWith($temp) -or (Split-Path $full -Leaf) -notlike 'op-*') { throw "Refusing to delete '$full': not a test folder." }
    Remove-Item -Recurse -Force -LiteralPath $full -ErrorAction SilentlyContinue
}

# Injected failures of the emulator (POST /_emulator/faults); see tests/OpenProspect.Emulator/README.md.
function Set-TestFault([hashtable] $Fault) {
    $null = Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/faults" -Body ($Fault | ConvertTo-Json) -ContentType 'application/json'
}
function Clear-TestFault { $null = Invoke-RestMethod -Method Delete -Uri "$($script:BaseUri)/_emulator/faults" }
# The faults with their counters (matched counts every request a fault saw, when it arrived).
function Get-TestFault { (Invoke-RestMethod "$($script:BaseUri)/_emulator/faults") | ForEach-Object { $_ } }

# Runs $Script with the default session switched to another key (or disconnected: -KeyName '') and connects the
# suite's usual session again afterwards ($Restore, Connect-TestSession 'full-access' unless given), also when an
# assertion in $Script fails, so one failure does not leave the next tests on the wrong key.
function Invoke-WithTestSession([string] $KeyName, [scriptblock] $Script, [scriptblock] $Restore = { Connect-TestSession 'full-access' }) {
    try {
        if ($KeyName) { Connect-TestSession $KeyName } else { Get-OpenProspectSession | Disconnect-OpenProspect }
        & $Script
    }
    finally { & $Restore }
}

# The Ctrl+C harness: runs $Script (with $ArgumentList) in a second runspace, waits up to 20 s until $Arrived
# (a script block returning how many of the requests under test reached the emulator) reaches $Expected, gives it
# $SettleMs more, then stops the runspace as Ctrl+C does. Returns what the caller asserts: ArrivedBeforeStop (read
# just before Stop(), so a test proves the command was inside its request or wait when it was stopped), Completed
# and State after Stop(), StopSeconds, and Output.
function Invoke-TestStop {
    param(
        [scriptblock] $Script,
        [object[]] $ArgumentList = @(),
        [scriptblock] $Arrived,
        [int] $Expected = 1,
        [int] $SettleMs = 0
    )
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript($Script)
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $out)
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ((& $Arrived) -lt $Expected -and [DateTime]::UtcNow -lt $deadline -and -not $handle.IsCompleted) { Start-Sleep -Milliseconds 100 }
        if ($SettleMs -gt 0) { Start-Sleep -Milliseconds $SettleMs }
        $arrivedBeforeStop = & $Arrived
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        [pscustomobject]@{
            ArrivedBeforeStop = $arrivedBeforeStop
            Completed         = $handle.IsCompleted
            State             = $ps.InvocationStateInfo.State
            Reason            = $ps.InvocationStateInfo.Reason
            StopSeconds       = $watch.Elapsed.TotalSeconds
            Output            = @($out)
        }
    }
    finally { $ps.Dispose() }
}

# What tab completion offers at the end of a command line, as a user pressing Tab would see it.
function Get-TestCompletion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
