# Secrets live in this module's scope, keyed by "vault/name"; the default vault is 'Default'.
$script:store = @{}

function Set-Secret {
    param([Parameter(Mandatory)][string] $Name, [Parameter(Mandatory)][object] $Secret, [string] $Vault = 'Default')
    $script:store["$Vault/$Name"] = $Secret
}

function Remove-Secret {
    param([Parameter(Mandatory)][string] $Name, [string] $Vault = 'Default')
    $script:store.Remove("$Vault/$Name")
}

function Get-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Name, [string] $Vault, [switch] $AsPlainText)
    $key = if ($Vault) { "$Vault/$Name" } else { $script:store.Keys | Where-Object { $_ -like "*/$Name" } | Select-Object -First 1 }
    if (-not $key -or -not $script:store.ContainsKey($key)) {
        $ex = [System.Management.Automation.ItemNotFoundException]::new("The secret $Name was not found.")
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new($ex, 'GetSecretNotFound', 'ObjectNotFound', $Name))
        return
    }
    $value = $script:store[$key]
    # Like the real module: string secrets come back as SecureString unless -AsPlainText.
    if ($value -is [string] -and -not $AsPlainText) { return (ConvertTo-SecureString $value -AsPlainText -Force) }
    $value
}
