@{
    # The single source of the module version: Directory.Build.props reads it for the assembly,
    # the User-Agent and the package.
    ModuleVersion        = '0.1.0'
    RootModule           = 'OpenProspect.dll'
    GUID                 = '69969f55-b77a-4b6b-a1c5-3ed5a776d952'
    Author               = 'OpenProspect for PowerShell contributors'
    CompanyName          = 'OpenProspect for PowerShell contributors'
    Copyright            = '(c) OpenProspect for PowerShell contributors. MIT licence.'
    Description          = 'PowerShell cmdlets for the OpenProspect external API: validate API keys, place enrichment and discovery orders, pull delivered companies and prospects, and keep company blacklists in sync.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('OpenProspect.format.ps1xml')
    TypesToProcess       = @('OpenProspect.types.ps1xml')
    CmdletsToExport      = @(
        'Connect-OpenProspect'
        'Disconnect-OpenProspect'
        'Get-OpenProspectSession'
        'Test-OpenProspectKey'
        'New-OPSearchProfile'
        'Get-OPSearchProfileCreation'
        'New-OPOrder'
        'Get-OPOrder'
        'Wait-OPOrder'
        'Get-OPOrderResult'
        'Get-OPProspectSearch'
        'Set-OPProspectSearch'
        'Get-OPCompany'
        'Get-OPCompanyJob'
        'Get-OPCompanyTechnology'
        'Get-OPProspect'
        'Get-OPDelivery'
        'Sync-OPDelivery'
        'Complete-OPDeliverySync'
        'New-OPBlacklist'
        'Get-OPBlacklist'
        'Set-OPBlacklist'
        'Remove-OPBlacklist'
        'Add-OPBlacklistEntry'
        'Get-OPBlacklistEntry'
        'Remove-OPBlacklistEntry'
        'Get-OPBlacklistAssignment'
        'Set-OPBlacklistAssignment'
        'Add-OPBlacklistAssignment'
        'Remove-OPBlacklistAssignment'
        'Invoke-OPApiRequest'
        'Test-OPApiContract'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('OpenProspect', 'Prospecting', 'Enrichment', 'CRM', 'SalesOps', 'RevOps', 'Blacklist', 'API', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/openprospect/OpenProspect.PowerShell'
            LicenseUri = 'https://github.com/openprospect/OpenProspect.PowerShell/blob/main/LICENSE'
            ReleaseNotes = 'Session and key cmdlets, blacklists with bulk CRM import, search profiles and orders, company data, delivery sync; retries honouring Retry-After, idempotent POSTs, redacted logging.'
        }
    }
}
