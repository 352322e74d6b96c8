using System;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.ProspectSearches;

/// <summary>Lists the prospect searches the key's organization can see, or gets them by id (with their version).</summary>
[Cmdlet(VerbsCommon.Get, "OPProspectSearch", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(ProspectSearch))]
[RequiresScope(Scopes.ProspectSearchesRead)]
public sealed class GetOPProspectSearchCommand : OpenProspectCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [Alias("ProspectSearchId")]
    [ValidateId]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ListSet)
        {
            WritePages((offset, limit, ct) => Client.ListProspectSearchesAsync(offset, limit, ct), PageSize, null);
            return;
        }
        WriteEach(Id, (c, id, ct) => c.GetProspectSearchAsync(id, ct));
    }
}
