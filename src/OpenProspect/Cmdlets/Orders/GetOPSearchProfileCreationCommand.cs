using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>Reads a search-profile creation: its status and, once SUCCEEDED, the ProfileId to order with.</summary>
[Cmdlet(VerbsCommon.Get, "OPSearchProfileCreation")]
[OutputType(typeof(SearchProfileCreation))]
[RequiresScope(Scopes.OrdersRead)]
public sealed class GetOPSearchProfileCreationCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ProfileCreationId")]
    [ValidateId]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        WriteEach(Id, (c, id, ct) => c.GetSearchProfileCreationAsync(id, ct));
    }
}
