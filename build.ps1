#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the OpenProspect module.
.DESCRIPTION
    Build     publishes the module to out/OpenProspect (dll, manifest, format file, generated help) and the emulator to out/emulator.
    Test      builds, then runs the unit tests (tests/OpenProspect.UnitTests) and every Pester suite in a child pwsh,
              then the Session, Orders, Companies, Sync and Safety suites again against the emulator's alternate dialect
              (OP_TEST_DIALECT=alternate, local time zone UTC-8; -Dialect picks one pass); ends with the line
              "N passed, N failed, N skipped", summed over the unit tests and both passes.
    Emulator  builds the emulator and runs it in the foreground (Ctrl+C stops it), printing its URL and the seeded keys.
    Demo      builds, starts the emulator, runs a scripted tour with the built module, stops the emulator.
    Package   builds, then writes out/packages/OpenProspect.<version>.nupkg, installable with Install-PSResource.
    Clean     removes out/, .packages/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Emulator', 'Demo', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Emulator task: the port to listen on (0 = any free port).
    [int] $Port = 0,
    # Test task: run only the suites whose file name matches (e.g. Session; UnitTests for the xUnit project).
    [string] $Filter = '*',
    # Test task: 'both' runs every suite against the standard emulator and the dialect suites again against the
    # alternate one; 'standard' or 'alternate' runs only that pass.
    [ValidateSet('both', 'standard', 'alternate')]
    [string] $Dialect = 'both'
)
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true   # a failing dotnet call stops the build
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'OpenProspect'
$emulatorOut = Join-Path $out 'emulator'
$pwsh = Join-Path $PSHOME 'pwsh'
$clock = [Diagnostics.Stopwatch]::StartNew()
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'

function Step([string] $Message) { Write-Host ('[{0,6:n1}s] {1}' -f $clock.Elapsed.TotalSeconds, $Message) }

function Publish-Emulator {
    Step 'publish emulator'
    dotnet publish "$root/tests/OpenProspect.Emulator/OpenProspect.Emulator.csproj" -c $Configuration -o $emulatorOut --nologo -v q -clp:NoSummary
}

function Invoke-Build {
    Step 'publish module'
    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    dotnet publish "$root/src/OpenProspect/OpenProspect.csproj" -c $Configuration -o $moduleOut --nologo -v q -clp:NoSummary
    Publish-Emulator
    Step 'generate help'
    # A fresh process imports the new dll; this one may hold an older build.
    & $pwsh -NoProfile -NonInteractive -File "$root/build/New-MamlHelp.ps1" `
        -ModuleManifest "$moduleOut/OpenProspect.psd1" -DocsPath "$root/docs/en-US" -OutputPath "$moduleOut/en-US/OpenProspect.dll-Help.xml"
    Step 'check manifest'
    $manifest = Test-ModuleManifest -Path "$moduleOut/OpenProspect.psd1" -ErrorAction Stop
    Step "built OpenProspect $($manifest.Version) in out/OpenProspect"
}

# The xUnit project of the module's pure logic. Returns its counts, so they join Pester's in the one summary line;
# a project that does not build counts as one failure.
function Invoke-UnitTest {
    Step 'unit tests'
    $results = Join-Path $out 'unit-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $PSNativeCommandUseErrorActionPreference = $false
    dotnet test "$root/tests/OpenProspect.UnitTests/OpenProspect.UnitTests.csproj" -c $Configuration --nologo -v q `
        --logger 'trx;LogFileName=unit.trx' --results-directory $results | Out-Host
    $code = $LASTEXITCODE
    $trx = Join-Path $results 'unit.trx'
    if (-not (Test-Path $trx)) { return @(0, 1, 0) }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($code -ne 0 -and $failed -eq 0) { $failed = 1 }
    @([int]$counters.passed, $failed, [int]$counters.notExecuted)
}

function Invoke-Test {
    # -Filter picks Pester suites by file name; the unit tests answer to the name "UnitTests".
    $unit = if ('UnitTests' -like $Filter) { Invoke-UnitTest } else { @(0, 0, 0) }
    Step 'restore Pester'
    $pesterProject = "$root/build/PesterDeps.csproj"
    dotnet restore $pesterProject --nologo -v q
    # The version is pinned once, in the project; the runner imports the copy that restore brought.
    $pin = ([xml](Get-Content -Raw $pesterProject)).Project.ItemGroup.PackageDownload | Where-Object Include -EQ 'Pester'
    $pesterManifest = "$root/.packages/pester/$($pin.Version.Trim('[]'))/tools/Pester.psd1"
    Step 'run tests'
    $runner = {
        param($Root, $Filter, $Dialect, $UnitPassed, $UnitFailed, $UnitSkipped, $PesterManifest)
        $ErrorActionPreference = 'Stop'
        Import-Module $PesterManifest
        # The suites that run a second time against the emulator's alternate dialect (those that exist).
        $dialectSuites = 'Session', 'Orders', 'Companies', 'Sync', 'Safety'
        function Invoke-Suites([string[]] $Paths, [string] $ResultFile) {
            $config = New-PesterConfiguration
            $config.Run.Path = $Paths
            $config.Run.PassThru = $true
            $config.Output.Verbosity = 'Detailed'
            $config.TestResult.Enabled = $true
            $config.TestResult.OutputFormat = 'JUnitXml'
            $config.TestResult.OutputPath = "$Root/out/$ResultFile"
            Invoke-Pester -Configuration $config
        }
        $suites = @(Get-ChildItem "$Root/tests" -Filter "$Filter.Tests.ps1")
        $results = @()
        if ($Dialect -ne 'alternate' -and $suites) { $results += Invoke-Suites $suites.FullName 'test-results.xml' }
        $alternate = @($suites | Where-Object { ($_.Name -replace '\.Tests\.ps1$') -in $dialectSuites })
        if ($Dialect -ne 'standard' -and $alternate) {
            # Zone-less times mean UTC; read as local time they shift only where local time is not UTC, so this
            # pass runs in a zone that is not (UTC-8 in November) whatever the machine's zone.
            $savedZone = $env:TZ
            $env:TZ = 'America/Los_Angeles'
            [TimeZoneInfo]::ClearCachedData()
            if ([TimeZoneInfo]::Local.BaseUtcOffset -eq [timespan]::Zero) { Write-Warning "The time zone $env:TZ is not known here; zone-less times are tested in UTC only." }
            Write-Host "`nThe same suites against the emulator's alternate dialect, local time zone $([TimeZoneInfo]::Local.Id): $($alternate.Name -join ', ')`n"
            $env:OP_TEST_DIALECT = 'alternate'   # read by TestHelpers.ps1 when it starts the emulator
            try { $results += Invoke-Suites $alternate.FullName 'test-results-alternate.xml' }
            finally {
                Remove-Item Env:OP_TEST_DIALECT
                $env:TZ = $savedZone
                [TimeZoneInfo]::ClearCachedData()
            }
        }
        # A failed BeforeAll already fails the tests of its block; a failed AfterAll or a file that could not
        # be discovered fails no test, so those count on their own.
        $passed, $failed, $skipped = $UnitPassed, $UnitFailed, $UnitSkipped
        foreach ($result in $results) {
            $passed += $result.PassedCount
            $failed += $result.FailedCount + $result.FailedContainersCount + $(if ($result.FailedCount -eq 0) { $result.FailedBlocksCount } else { 0 })
            $skipped += $result.SkippedCount
        }
        # CI reads this plain line; it sums the unit tests and every suite of both passes.
        "$passed passed, $failed failed, $skipped skipped"
        $ran = $results.Count -gt 0 -or $UnitPassed + $UnitFailed -gt 0
        exit ([int](-not $ran -or $UnitFailed -gt 0 -or @($results | Where-Object Result -NE 'Passed').Count -gt 0))
    }
    $PSNativeCommandUseErrorActionPreference = $false
    & $pwsh -NoProfile -NonInteractive -Command $runner -args $root, $Filter, $Dialect, $unit[0], $unit[1], $unit[2], $pesterManifest
    # Nothing more is printed: the runner's "N passed, N failed, N skipped" stays the last line for CI.
    exit $LASTEXITCODE
}

function Invoke-Package {
    # Publish-PSResource writes the .nupkg into a repository; a temporary local one is registered for it and
    # removed again, so the user's repository list is left as it was.
    $packages = Join-Path $out 'packages'
    if (Test-Path $packages) { Remove-Item -Recurse -Force $packages }
    New-Item -ItemType Directory -Path $packages | Out-Null
    $name = "OpenProspectBuild$PID"
    # Publish-PSResource writes a NuGet config relative to the process's working folder (not PowerShell's
    # location); point that at out/ so nothing lands in the repository.
    $cwd = [Environment]::CurrentDirectory
    [Environment]::CurrentDirectory = $out
    try {
        Register-PSResourceRepository -Name $name -Uri $packages -Trusted
        try { Publish-PSResource -Path $moduleOut -Repository $name }
        finally { Unregister-PSResourceRepository -Name $name }
    }
    finally {
        [Environment]::CurrentDirectory = $cwd
    }
    $nupkg = Get-ChildItem $packages -Filter *.nupkg
    Step "package: out/packages/$($nupkg.Name) ($([math]::Round($nupkg.Length / 1KB)) KB)"
}

function Show-EmulatorKeys([string] $Url) {
    Import-Module "$root/tests/OpenProspect.Emulator/Emulator.psm1" -Force
    Get-OPEmulatorKey -Url $Url | Select-Object name, key, @{ n = 'scopes'; e = { $_.scopes -join ' ' } }, organization, expires_at, revoked |
        Format-Table -AutoSize | Out-String -Width 240 | Write-Host
}

switch ($Task) {
    'Clean' {
        foreach ($dir in @($out, (Join-Path $root '.packages')) + @(Get-ChildItem $root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
            if (Test-Path $dir) { Remove-Item -Recurse -Force $dir; Step "removed $dir" }
        }
    }
    'Build' { Invoke-Build }
    'Package' { Invoke-Build; Invoke-Package }
    'Test' { Invoke-Build; Invoke-Test }
    'Bench' { Invoke-Build; & "$root/build/Bench.ps1" -Root $root -Configuration $Configuration }
    'Emulator' {
        Publish-Emulator
        Import-Module "$root/tests/OpenProspect.Emulator/Emulator.psm1" -Force
        $emulator = Start-OPEmulator -Port $Port
        try {
            Write-Host "`nOpenProspect emulator listening on $($emulator.Url)  (Ctrl+C stops it)`n"
            Show-EmulatorKeys $emulator.Url
            Write-Host "Try it:  Import-Module ./out/OpenProspect/OpenProspect.psd1"
            Write-Host "         Connect-OpenProspect -BaseUri $($emulator.Url) -ApiKey (ConvertTo-SecureString '<key from the table>' -AsPlainText -Force)`n"
            $emulator.Process.WaitForExit()
        }
        finally { $emulator | Stop-OPEmulator }
    }
    'Demo' {
        Invoke-Build
        Import-Module "$root/tests/OpenProspect.Emulator/Emulator.psm1" -Force
        $emulator = Start-OPEmulator
        try {
            Step "emulator at $($emulator.Url)"
            $PSNativeCommandUseErrorActionPreference = $false
            & $pwsh -NoProfile -NonInteractive -File "$root/build/Demo.ps1" -ModulePath "$moduleOut/OpenProspect.psd1" -BaseUri $emulator.Url
            $code = $LASTEXITCODE
        }
        finally { $emulator | Stop-OPEmulator }
        Step "demo done (exit $code)"
        exit $code
    }
}
