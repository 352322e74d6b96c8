using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
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
    private string? _searchByName;

    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string? ProspectSearchId { get; set; }

    /// <summary>The search by name (exact, or a wildcard that matches one search), instead of -ProspectSearchId.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ProspectSearchName { get; set; }

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

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ProspectSearchName is null) return;
        // One list set, so that companies piped in by property name keep binding to it as before.
        if (ProspectSearchId is not null)
            ThrowTerminatingError(ErrorRecords.Create("ProspectSearchGivenTwice", ErrorCategory.InvalidArgument,
                "Give -ProspectSearchId or -ProspectSearchName, not both. Nothing was sent.", ProspectSearchName));
        _searchByName = ProspectSearchIdByName(ProspectSearchName);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            WriteEach(Id, (c, id, ct) => c.GetProspectAsync(id, ct));
            return;
        }
        // No filter is sent as it is: the docs do not say that one is required, so the server decides.
        string? searchId = _searchByName ?? ProspectSearchId, companyId = CompanyId;
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
