using System;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Companies;

/// <summary>Lists the companies of a prospect search with the documented filters, or gets companies by id.</summary>
[Cmdlet(VerbsCommon.Get, "OPCompany", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(Company))]
[RequiresScope(Scopes.CompaniesRead)]
public sealed class GetOPCompanyCommand : OpenProspectCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";
    private const string ListByNameSet = "ListByName";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string ProspectSearchId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ListByNameSet)]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ProspectSearchName { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("CompanyId")]
    [ValidateId]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>A company to read again in full (details, prospects); binds companies piped in by value.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Company InputObject { get; set; } = null!;

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = ListByNameSet)]
    [ValidateRange(0.0, 10.0)]
    public double? MinMatchScore { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = ListByNameSet)]
    [ValidateSet("accepted", "rejected", "pending", IgnoreCase = true)]
    public string[]? ReviewStatus { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = ListByNameSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = ListByNameSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ProspectSearchName is not null) ProspectSearchId = ProspectSearchIdByName(ProspectSearchName);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName is not (ListSet or ListByNameSet))
        {
            WriteEach(ParameterSetName == IdSet ? Id : new[] { InputObject.Id }, (c, id, ct) => c.GetCompanyAsync(id, ct));
            return;
        }
        var query = new CompanyQuery
        {
            ProspectSearchId = ProspectSearchId,
            MinMatchScore = MinMatchScore,
            ReviewStatus = ReviewStatus?.Select(s => s.ToLowerInvariant()).Distinct().ToArray(),
            Search = Search,
        };
        WritePages((offset, limit, ct) => Client.ListCompaniesAsync(query, offset, limit, ct), PageSize, ProspectSearchId,
            progress: () => $"Reading the companies of {NamedSearch(ProspectSearchId)}");
    }
}
