# The stream-cmdlet baseline of the streaming benchmark (build/Bench.ps1): one binary cmdlet, no format views.
@{
    ModuleVersion     = '1.0.0'
    RootModule        = 'OpenProspect.BenchStream.dll'
    GUID              = '3d7f9a21-5b6c-4e8d-9f0a-1b2c3d4e5f60'
    Author            = 'OpenProspect for PowerShell contributors'
    Description       = 'Minimal binary cmdlet that pages the companies endpoint: a baseline of the streaming benchmark (build/Bench.ps1).'
    PowerShellVersion = '7.4'
    CmdletsToExport   = @('Get-BenchStreamCompany')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
