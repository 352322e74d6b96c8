using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Streams the entries of a blacklist, page by page.</summary>
[Cmdlet(VerbsCommon.Get, "OPBlacklistEntry", SupportsPaging = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(BlacklistEntry))]
[RequiresScope(Scopes.BlacklistsRead)]
public sealed class GetOPBlacklistEntryCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [Alias("Id")]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string BlacklistId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = "Name")]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? BlacklistName { get; set; }

    [Parameter]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (BlacklistName is not null) BlacklistId = BlacklistIdByName(BlacklistName);
    }

    protected override void ProcessRecord() =>
        WritePages((offset, limit, ct) => Client.ListBlacklistEntriesAsync(BlacklistId, offset, limit, ct), PageSize, BlacklistId,
            progress: () => $"Reading the entries of {NamedBlacklist(BlacklistId)}");
}
