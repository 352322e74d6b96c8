# Starts and stops the built emulator for tests, the demo and `build.ps1 -Task Emulator`.
# The emulator prints one line `LISTENING <url>` once it accepts connections; everything here keys off it.

$script:DefaultDll = Join-Path $PSScriptRoot '../../out/emulator/OpenProspect.Emulator.dll'

function Start-OPEmulator {
    <#
    -Dialect alternate serves the other shapes the docs allow (see README, "Dialects"); -Idempotency all honours
    Idempotency-Key on every POST instead of only where the docs document it. Both are passed as --dialect and
    --idempotency; other options go through -ArgumentList.
    #>
    [CmdletBinding()]
    param(
        [int] $Port = 0,
        [string[]] $ArgumentList = @(),
        [ValidateSet('standard', 'alternate')]
        [string] $Dialect,
        [ValidateSet('documented', 'all')]
        [string] $Idempotency,
        [string] $Path = $script:DefaultDll,
        [int] $TimeoutSec = 30
    )
    $dll = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
    $options = @()
    if ($Dialect) { $options += '--dialect', $Dialect }
    if ($Idempotency) { $options += '--idempotency', $Idempotency }
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--urls', "http://127.0.0.1:$Port") + $options + $ArgumentList) { $psi.ArgumentList.Add([string]$a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $url = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not $url -and [DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLineAsync()
        if (-not $line.Wait([Math]::Max(1, ($deadline - [DateTime]::UtcNow).TotalMilliseconds))) { break }
        if ($null -eq $line.Result) { break }   # the process ended
        if ($line.Result -match '^LISTENING (http://\S+)') { $url = $Matches[1] }
    }
    if (-not $url) {
        $err = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { $process.Kill($true); '(no LISTENING line in time)' }
        throw "The emulator did not start: $err"
    }
    # Drain its output in the background so a chatty emulator can never block on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()
    [pscustomobject]@{ PSTypeName = 'OpenProspect.EmulatorInstance'; Url = $url; Process = $process }
}

function Stop-OPEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($Emulator.Process -and -not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill($true)
            $null = $Emulator.Process.WaitForExit(5000)
        }
    }
}

function Get-OPEmulatorKey {
    <# The seeded keys: name, key, scopes, organization. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Url, [string] $Name)
    $keys = @((Invoke-RestMethod -Uri "$Url/_emulator/keys") | ForEach-Object { $_ })
    if ($Name) {
        $k = $keys | Where-Object name -EQ $Name
        if (-not $k) { throw "The emulator has no key named '$Name'." }
        return $k
    }
    $keys
}

function Get-OPEmulatorRequest {
    <# The API requests the emulator recorded (method, path, query, status, header names). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Url)
    # Invoke-RestMethod returns a JSON array as one object; unroll it so an empty record is really empty.
    (Invoke-RestMethod -Uri "$Url/_emulator/requests") | ForEach-Object { $_ }
}

function Clear-OPEmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Url)
    $null = Invoke-RestMethod -Method Delete -Uri "$Url/_emulator/requests"
}

function Reset-OPEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Url)
    $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/reset"
}

function Get-OPEmulatorOption {
    <# The options now in force: dialect (standard|alternate) and idempotency (documented|all). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Url)
    Invoke-RestMethod -Uri "$Url/_emulator/options"
}

function Set-OPEmulatorOption {
    <# Switches the dialect or the idempotency mode of a running emulator; Reset-OPEmulator returns to the start-up values. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Url,
        [ValidateSet('standard', 'alternate')]
        [string] $Dialect,
        [ValidateSet('documented', 'all')]
        [string] $Idempotency
    )
    $body = @{}
    if ($Dialect) { $body.dialect = $Dialect }
    if ($Idempotency) { $body.idempotency = $Idempotency }
    Invoke-RestMethod -Method Patch -Uri "$Url/_emulator/options" -Body ($body | ConvertTo-Json) -ContentType 'application/json'
}

Export-ModuleMember -Function Start-OPEmulator, Stop-OPEmulator, Get-OPEmulatorKey, Get-OPEmulatorRequest, Clear-OPEmulatorRequest, Reset-OPEmulator,
    Get-OPEmulatorOption, Set-OPEmulatorOption

# Contract drift (tests of Test-OPApiContract); Export-ModuleMember calls add up.
function Set-OPEmulatorDrift {
    <#
    Makes answers under -PathPrefix differ from the documented shapes (POST /_emulator/drift), e.g.
    -RenameListKey @{ items = 'results' }, -AddField @{ tier = 'gold' }, -DropField 'city'. Returns the rule.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Url,
        [Parameter(Mandatory)][string] $PathPrefix,
        [string] $Method,
        [hashtable] $RenameListKey,
        [hashtable] $AddField,
        [string] $DropField
    )
    $rule = @{ path_prefix = $PathPrefix }
    if ($Method) { $rule.method = $Method }
    if ($RenameListKey) { $k = @($RenameListKey.Keys)[0]; $rule.rename_list_key = @{ from = $k; to = $RenameListKey[$k] } }
    if ($AddField) { $k = @($AddField.Keys)[0]; $rule.add_field = @{ name = $k; value = $AddField[$k] } }
    if ($DropField) { $rule.drop_field = $DropField }
    Invoke-RestMethod -Method Post -Uri "$Url/_emulator/drift" -ContentType 'application/json' -Body ($rule | ConvertTo-Json -Depth 10)
}

function Clear-OPEmulatorDrift {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Url)
    $null = Invoke-RestMethod -Method Delete -Uri "$Url/_emulator/drift"
}

Export-ModuleMember -Function Set-OPEmulatorDrift, Clear-OPEmulatorDrift
