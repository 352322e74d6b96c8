using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Replaces the set of blacklists assigned to a prospect search with the ids given or piped in. Clearing needs
/// -Clear (or an explicit empty -BlacklistId), so an empty pipeline can never remove every assignment by accident.
/// </summary>
[Cmdlet(VerbsCommon.Set, "OPBlacklistAssignment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SetSet)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class SetOPBlacklistAssignmentCommand : OpenProspectCmdlet
{
    private const string SetSet = "Set";
    private const string ClearSet = "Clear";
    private const string SetByNameSet = "SetByName";
    private const string ClearByNameSet = "ClearByName";
    private readonly List<string> _ids = new();
    private bool _bound;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SetSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClearSet)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string ProspectSearchId { get; set; } = "";

    /// <summary>The search by name: exact, or a wildcard that matches one search.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SetByNameSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClearByNameSet)]
    [ArgumentCompleter(typeof(ProspectSearchNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ProspectSearchName { get; set; }

    [Parameter(Position = 1, ParameterSetName = SetSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(Position = 1, ParameterSetName = SetByNameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string[] BlacklistId { get; set; } = Array.Empty<string>();

    /// <summary>Blacklists by name (each exact, or a wildcard that matches one), with or instead of -BlacklistId.</summary>
    [Parameter(ParameterSetName = SetSet)]
    [Parameter(ParameterSetName = SetByNameSet)]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? BlacklistName { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClearSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClearByNameSet)]
    public SwitchParameter Clear { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ProspectSearchName is not null) ProspectSearchId = ProspectSearchIdByName(ProspectSearchName);
        if (BlacklistName is not null)
        {
            _bound = true;
            _ids.AddRange(BlacklistIdsByName(BlacklistName));
        }
    }

    protected override void ProcessRecord()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(BlacklistId))) return;
        _bound = true;
        _ids.AddRange(BlacklistId);
    }

    protected override void EndProcessing()
    {
        bool clearing = ParameterSetName is ClearSet or ClearByNameSet;
        var search = NamedForChange("prospect search", ProspectSearchId);
        if (!clearing && !_bound)
            ThrowTerminatingError(ErrorRecords.Create("NoBlacklistGiven", ErrorCategory.InvalidArgument,
                $"No blacklists were given for {search}, so the assignment was left as it is. Pipe blacklists in, pass -BlacklistId or -BlacklistName, or use -Clear to remove every assigned blacklist.",
                ProspectSearchId));

        var ids = _ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var removed = Removals(ids);
        if (ids.Count > 0 && removed is { Count: > 0 })
            WriteWarning($"Set-OPBlacklistAssignment replaces the whole set: it unassigns {BlacklistAssignmentChangeCmdlet.Describe(removed)} from {search}. To assign a blacklist and keep the others, use Add-OPBlacklistAssignment.");
        var action = ids.Count > 0 ? $"Assign exactly these {ids.Count} blacklist(s): {string.Join(", ", ids.Select(id => Named("blacklist", id)))}"
            : removed is null ? "Remove every assigned blacklist" : $"Remove every assigned blacklist ({BlacklistAssignmentChangeCmdlet.Describe(removed)})";
        if (!ShouldChange("prospect search", ProspectSearchId, action)) return;
        if (TryCall((c, ct) => c.SetAssignedBlacklistsAsync(ProspectSearchId, ids, ct), ProspectSearchId, out var assigned) && PassThru)
            foreach (var b in assigned.Rows) WriteItem(b);
    }

    /// <summary>
    /// The assigned blacklists the new set leaves out, read before ShouldProcess so the warning (and -WhatIf) can
    /// name them: replacing the set has unassigned blacklists users meant to keep. Null when the set cannot be
    /// read (e.g. a key without blacklists:read); the replacement then goes ahead as before, with a warning.
    /// </summary>
    private List<Blacklist>? Removals(List<string> ids)
    {
        try
        {
            var current = Await(Client.GetAllAssignedBlacklistsAsync(ProspectSearchId, StopToken));
            foreach (var b in current) Remember(b);
            return current.Where(b => !ids.Contains(b.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        }
        catch (OpenProspectApiException ex)
        {
            WriteWarning($"Could not read the blacklists now assigned to {Named("prospect search", ProspectSearchId)} ({ex.ErrorId}), so the ones this replacement removes cannot be named.");
            return null;
        }
    }
}
