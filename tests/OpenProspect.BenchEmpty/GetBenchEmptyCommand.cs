using System.Management.Automation;

namespace OpenProspect.BenchEmpty;

/// <summary>The one trivial cmdlet of the empty module: importing it costs what any binary module costs.</summary>
[Cmdlet(VerbsCommon.Get, "BenchEmpty")]
[OutputType(typeof(string))]
public sealed class GetBenchEmptyCommand : PSCmdlet
{
    protected override void ProcessRecord() => WriteObject("empty");
}
