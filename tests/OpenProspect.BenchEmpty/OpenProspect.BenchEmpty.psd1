# Manifest of the empty baseline module: imported through a manifest like OpenProspect.psd1, so the benchmark
# compares the modules, not a manifest against a bare dll.
@{
    ModuleVersion     = '1.0.0'
    RootModule        = 'OpenProspect.BenchEmpty.dll'
    GUID              = '2f0c1d6e-3b8a-4c5e-9d7f-1a2b3c4d5e6f'
    Author            = 'OpenProspect for PowerShell contributors'
    Description       = 'Empty binary module: the baseline of the import benchmark (build/Bench.ps1).'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-BenchEmpty')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
