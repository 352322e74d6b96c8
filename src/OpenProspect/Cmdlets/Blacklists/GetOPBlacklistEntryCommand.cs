using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Streams the entries of a blacklist, page by page.</summary>
[Cmdlet(VerbsCommon.Get, "OPBlacklistEntry", SupportsPaging = true)]
[OutputType(typeof(BlacklistEntry))]
[RequiresScope(Scopes.BlacklistsRead)]
public sealed class GetOPBlacklistEntryCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string BlacklistId { get; set; } = "";

    [Parameter]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void ProcessRecord() =>
        WritePages((offset, limit, ct) => Client.ListBlacklistEntriesAsync(BlacklistId, offset, limit, ct), PageSize, BlacklistId);
}
