using System.Management.Automation;
using OpenProspect.Cmdlets.Output;

namespace OpenProspect.Cmdlets.Base;

/// <summary>Base of the cmdlets that write companies with nested prospects and can flatten them (-ExpandProspect).</summary>
public abstract class ProspectExpandingCmdlet : OpenProspectCmdlet
{
    /// <summary>Writes one flat row per prospect (with its company's fields) instead of companies with nested prospects.</summary>
    [Parameter]
    public SwitchParameter ExpandProspect { get; set; }

    private protected override void WriteItem(object item)
    {
        if (!ExpandProspect)
        {
            base.WriteItem(item);
            return;
        }
        foreach (var row in ProspectRows.Expand(item)) WriteObject(row);
    }
}
