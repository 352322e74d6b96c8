using System;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Deliveries;

/// <summary>Lists the companies delivered to a prospect search, with their prospects, optionally only those delivered after a time.</summary>
[Cmdlet(VerbsCommon.Get, "OPDelivery", SupportsPaging = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(Company), typeof(ProspectRow))]
[RequiresScope(Scopes.CompaniesRead, Scopes.ProspectsRead)]
public sealed class GetOPDeliveryCommand : ProspectExpandingCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string ProspectSearchId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = "Name")]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ProspectSearchName { get; set; }

    [Parameter(Position = 1)]
    public DateTimeOffset? DeliveredSince { get; set; }

    [Parameter]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ProspectSearchName is not null) ProspectSearchId = ProspectSearchIdByName(ProspectSearchName);
    }

    protected override void ProcessRecord() =>
        WritePages((offset, limit, ct) => Client.ListDeliveredCompaniesAsync(ProspectSearchId, DeliveredSince, offset, limit, ct), PageSize, ProspectSearchId,
            progress: () => $"Reading the deliveries of {NamedSearch(ProspectSearchId)}");
}
