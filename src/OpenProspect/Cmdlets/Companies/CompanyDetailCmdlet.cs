using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;

namespace OpenProspect.Cmdlets.Companies;

/// <summary>
/// Shape shared by Get-OPCompanyJob and Get-OPCompanyTechnology: a company id from the pipeline, then either the
/// paged list or, with -Summary, one summary object.
/// </summary>
public abstract class CompanyDetailCmdlet<TItem, TSummary> : OpenProspectCmdlet where TSummary : notnull
{
    protected const string ListSet = "List";
    protected const string SummarySet = "Summary";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateId]
    public string CompanyId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    private protected abstract Task<ListEnvelope<TItem>> ListAsync(OpenProspectClient client, string companyId, long offset, int limit, CancellationToken ct);

    private protected abstract Task<TSummary> SummaryAsync(OpenProspectClient client, string companyId, CancellationToken ct);

    protected override void ProcessRecord()
    {
        if (!Summary)
        {
            WritePages((offset, limit, ct) => ListAsync(Client, CompanyId, offset, limit, ct), PageSize, CompanyId);
            return;
        }
        if (TryCall((c, ct) => SummaryAsync(c, CompanyId, ct), CompanyId, out var summary)) WriteItem(summary);
    }
}
