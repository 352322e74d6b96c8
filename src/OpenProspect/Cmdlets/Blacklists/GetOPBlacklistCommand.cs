using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Lists blacklists, or gets them by id or by name (wildcards allowed).</summary>
[Cmdlet(VerbsCommon.Get, "OPBlacklist", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsRead)]
public sealed class GetOPBlacklistCommand : OpenProspectCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    // Not positional: a bare argument is a name, so `Get-OPBlacklist Customers` reads naturally.
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [Alias("BlacklistId")]
    [ValidateId]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, Paging.MaxPageSize)]
    public int PageSize { get; set; } = Paging.MaxPageSize;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            WriteEach(Id, (c, id, ct) => c.GetBlacklistAsync(id, ct));
            return;
        }

        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        bool found = false;
        bool complete = WritePages((offset, limit, ct) => Client.ListBlacklistsAsync(offset, limit, ct), PageSize, Name,
            filter: pattern is null ? null : b => pattern.IsMatch(b.Name),
            received: b => found |= pattern?.IsMatch(b.Name) == true);
        // Like Get-Process -Name: an exact name that matches nothing is an error, a wildcard that matches nothing is not.
        if (complete && Name is not null && !found && !WildcardPattern.ContainsWildcardCharacters(Name))
            WriteError(ErrorRecords.Create("BlacklistNameNotFound", ErrorCategory.ObjectNotFound,
                $"No blacklist is named '{Name}'.", Name, "Get-OPBlacklist lists every blacklist; use wildcards (e.g. 'Cust*') to match part of a name."));
    }
}
