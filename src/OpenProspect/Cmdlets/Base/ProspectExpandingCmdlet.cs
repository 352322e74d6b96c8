using System.Management.Automation;

namespace OpenProspect.Cmdlets.Base;

/// <summary>Base of the cmdlets that write companies with nested prospects and can flatten them (-ExpandProspect).</summary>
public abstract class ProspectExpandingCmdlet : OpenProspectCmdlet
{
    /// <summary>Writes one flat row per prospect (with its company's fields) instead of companies with nested prospects.</summary>
    [Parameter]
    public SwitchParameter ExpandProspect { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        ExpandProspects = ExpandProspect;
    }
}
