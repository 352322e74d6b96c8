using System;
using System.Management.Automation;
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
        WritePages((offset, limit, ct) => Client.ListProspectsAsync(ProspectSearchId, CompanyId, offset, limit, ct), PageSize,
            (object?)CompanyId ?? ProspectSearchId);
    }
}
