using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>Streams the results of a completed order: companies with their contacts and technologies.</summary>
[Cmdlet(VerbsCommon.Get, "OPOrderResult", SupportsPaging = true)]
[OutputType(typeof(OrderResult), typeof(ProspectRow))]
[RequiresScope(Scopes.OrdersRead)]
public sealed class GetOPOrderResultCommand : ProspectExpandingCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(OrderIdCompleter))]
    [Alias("Id")]
    [ValidateId]
    public string OrderId { get; set; } = "";

    [Parameter]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void ProcessRecord() =>
        WritePages((offset, limit, ct) => Client.ListOrderResultsAsync(OrderId, offset, limit, ct), PageSize, OrderId,
            progress: () => $"Reading the results of {NamedOrder(OrderId)}");
}
