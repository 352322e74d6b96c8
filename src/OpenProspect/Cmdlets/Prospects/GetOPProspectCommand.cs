using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Prospects;

/// <summary>Lists prospects (contacts) of a prospect search and/or a company, or gets prospects by id.</summary>
[Cmdlet(VerbsCommon.Get, "OPProspect", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(Prospect))]
[RequiresScope(Scopes.ProspectsRead)]
public sealed class GetOPProspectCommand : OpenProspectCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string? ProspectSearchId { get; set; }

    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [ValidateId]
    public string? CompanyId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ProspectId")]
    [ValidateId]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            WriteEach(Id, (c, id, ct) => c.GetProspectAsync(id, ct));
            return;
        }
        // No filter is sent as it is: the docs do not say that one is required, so the server decides.
        string? searchId = ProspectSearchId, companyId = CompanyId;
        WritePages((offset, limit, ct) => ListAsync(searchId, companyId, offset, limit, ct), PageSize,
            (object?)companyId ?? searchId);
    }

    /// <summary>
    /// One page; listed by company, each prospect carries that company's id even when the API leaves it out (its
    /// prospect schema is undocumented), so prospects piped from several companies can still be told apart.
    /// </summary>
    private async Task<ListEnvelope<Prospect>> ListAsync(string? searchId, string? companyId, long offset, int limit, CancellationToken ct)
    {
        var page = await Client.ListProspectsAsync(searchId, companyId, offset, limit, ct).ConfigureAwait(false);
        if (companyId is not null)
            foreach (var prospect in page.Rows)
                if (string.IsNullOrEmpty(prospect.CompanyId)) prospect.CompanyId = companyId;
        return page;
    }
}
