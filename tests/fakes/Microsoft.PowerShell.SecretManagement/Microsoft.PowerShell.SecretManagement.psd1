# Test double of Microsoft.PowerShell.SecretManagement (the real module cannot be installed here).
# It serves secrets from memory with the real module's command names and error id.
@{
    RootModule        = 'Microsoft.PowerShell.SecretManagement.psm1'
    ModuleVersion     = '0.0.1'
    GUID              = 'b2a6d8f4-3c1e-4f7a-9b0d-5e6f7a8b9c0d'
    Description       = 'Fake SecretManagement for OpenProspect tests'
    FunctionsToExport = @('Get-Secret', 'Set-Secret', 'Remove-Secret')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
