using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Gets the blacklists assigned to a prospect search.</summary>
[Cmdlet(VerbsCommon.Get, "OPBlacklistAssignment")]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsRead)]
public sealed class GetOPBlacklistAssignmentCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string ProspectSearchId { get; set; } = "";

    protected override void ProcessRecord() =>
        WritePages((offset, limit, ct) => Client.GetAssignedBlacklistsAsync(ProspectSearchId, offset, limit, ct), Paging.MaxPageSize, ProspectSearchId);
}
