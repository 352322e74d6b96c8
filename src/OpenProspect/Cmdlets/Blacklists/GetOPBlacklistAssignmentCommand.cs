using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Gets the blacklists assigned to a prospect search.</summary>
[Cmdlet(VerbsCommon.Get, "OPBlacklistAssignment", DefaultParameterSetName = IdSet)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsRead)]
public sealed class GetOPBlacklistAssignmentCommand : OpenProspectCmdlet
{
    private const string IdSet = "Id";
    private const string NameSet = "Name";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string ProspectSearchId { get; set; } = "";

    /// <summary>The search by name: exact, or a wildcard that matches one search.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ProspectSearchName { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ProspectSearchName is not null) ProspectSearchId = ProspectSearchIdByName(ProspectSearchName);
    }

    protected override void ProcessRecord() =>
        WritePages((offset, limit, ct) => Client.GetAssignedBlacklistsAsync(ProspectSearchId, offset, limit, ct), Paging.MaxPageSize, ProspectSearchId);
}
