# The same empty module with one format view: the import benchmark's second baseline, so the fixed cost of the
# first format file a session loads is measured apart from the cost of OpenProspect's own views.
@{
    ModuleVersion     = '1.0.0'
    RootModule        = 'OpenProspect.BenchEmpty.dll'
    GUID              = '6c1e2b7a-9d4f-4e3a-8b5c-0f1e2d3c4b5a'
    Author            = 'OpenProspect for PowerShell contributors'
    Description       = 'Empty binary module with one format view: a baseline of the import benchmark (build/Bench.ps1).'
    PowerShellVersion = '5.1'
    FormatsToProcess  = @('OpenProspect.BenchEmpty.format.ps1xml')
    CmdletsToExport   = @('Get-BenchEmpty')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
