using System;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>Lists orders (optionally by status), or gets them by id.</summary>
[Cmdlet(VerbsCommon.Get, "OPOrder", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(Order))]
[RequiresScope(Scopes.OrdersRead)]
public sealed class GetOPOrderCommand : OpenProspectCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(OrderIdCompleter))]
    [Alias("OrderId")]
    [ValidateId]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("RECEIVED", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "REJECTED", "FAILED", "CANCELLED", IgnoreCase = true)]
    public string[] Status { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            WriteEach(Id, (c, id, ct) => c.GetOrderAsync(id, ct));
            return;
        }
        // The API has no status filter, so it is applied here.
        var wanted = Status.Length == 0 ? null : new System.Collections.Generic.HashSet<string>(Status, StringComparer.OrdinalIgnoreCase);
        WritePages((offset, limit, ct) => Client.ListOrdersAsync(offset, limit, ct), PageSize, null,
            wanted is null ? null : o => wanted.Contains(o.Status));
    }
}
