using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Add-OPBlacklistAssignment and Remove-OPBlacklistAssignment: a read-modify-write of the set of blacklists assigned
/// to each prospect search (GET the set, change it, PUT the whole set). The API has no version or ETag for the set,
/// so a change someone else makes between the read and the PUT is overwritten without notice; the set is read again
/// after the PUT, and a result that differs from what was written is reported as an error.
/// </summary>
public abstract class BlacklistAssignmentChangeCmdlet : OpenProspectCmdlet
{
    // Searches by id or by name, blacklists by id (or piped in) or by name: four sets, so each pair stays mandatory.
    private protected const string IdSet = "Id";
    private const string BlacklistNameSet = "BlacklistName";
    private const string SearchNameSet = "ProspectSearchName";
    private const string NamesSet = "Names";
    private readonly List<string> _ids = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BlacklistNameSet)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string[] ProspectSearchId { get; set; } = Array.Empty<string>();

    /// <summary>Searches by name: each name exact, or a wildcard that matches one search.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SearchNameSet)]
    [Parameter(Mandatory = true, ParameterSetName = NamesSet)]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ProspectSearchName { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SearchNameSet)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string[] BlacklistId { get; set; } = Array.Empty<string>();

    /// <summary>Blacklists by name: each name exact, or a wildcard that matches one blacklist.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BlacklistNameSet)]
    [Parameter(Mandatory = true, ParameterSetName = NamesSet)]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? BlacklistName { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ProspectSearchName is not null) ProspectSearchId = ProspectSearchIdsByName(ProspectSearchName).ToArray();
        if (BlacklistName is not null) _ids.AddRange(BlacklistIdsByName(BlacklistName));
    }

    protected override void ProcessRecord()
    {
        if (BlacklistName is null) _ids.AddRange(BlacklistId);
    }

    protected override void EndProcessing()
    {
        var ids = _ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0)
        {
            WriteWarning("No blacklists were received, so no assignment was changed.");
            return;
        }
        if (!Prepare(ids)) return;
        foreach (var searchId in ProspectSearchId.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!TryCall((c, ct) => c.GetAllAssignedBlacklistsAsync(searchId, ct), searchId, out var current)) continue;
            var next = Plan(current, ids, searchId, out var action);
            if (action is null)
            {
                if (PassThru) foreach (var b in current) WriteItem(b);
                continue;
            }
            if (!ShouldChange("prospect search", searchId, action)) continue;
            var written = next.Select(b => b.Id).ToList();
            if (!TryCall((c, ct) => c.SetAssignedBlacklistsAsync(searchId, written, ct), searchId, out _)) continue;
            if (!TryCall((c, ct) => c.GetAllAssignedBlacklistsAsync(searchId, ct), searchId, out var after)) continue;
            if (!SameIds(written, after.Select(b => b.Id)))
                WriteError(ErrorRecords.Create("BlacklistAssignmentNotAsWritten", ErrorCategory.InvalidResult,
                    $"{Capital(Named("prospect search", searchId))} was given {Describe(next)}, but reading it back shows {Describe(after)}. Someone else may have changed the assignment at the same time; the API cannot tell, because the set has no version.",
                    searchId, $"Check with Get-OPBlacklistAssignment -ProspectSearchId {searchId} and run the command again if the set is not what you want."));
            if (PassThru) foreach (var b in after) WriteItem(b);
        }
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

    /// <summary>Work done once before the searches are changed (Add looks the blacklists up); false stops the command.</summary>
    private protected virtual bool Prepare(List<string> ids) => true;

    /// <summary>The set to write, and the ShouldProcess action that describes the change (null: nothing to change).</summary>
    private protected abstract List<Blacklist> Plan(List<Blacklist> current, List<string> ids, string searchId, out string? action);

    private protected static bool Contains(IEnumerable<Blacklist> set, string id) =>
        set.Any(b => string.Equals(b.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Blacklists as people know them: by name, with the id to tell equal names apart.</summary>
    internal static string Describe(IReadOnlyCollection<Blacklist> set) =>
        set.Count == 0 ? "no blacklists" : string.Join(", ", set.Select(b => $"'{b.Name}' ({b.Id})"));

    private static bool SameIds(IEnumerable<string> a, IEnumerable<string> b) =>
        new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);
}
