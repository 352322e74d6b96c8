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
    private readonly List<string> _ids = new();
    private bool _bound;

    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string ProspectSearchId { get; set; } = "";

    [Parameter(Position = 1, ParameterSetName = SetSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [ValidateId]
    public string[] BlacklistId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ClearSet)]
    public SwitchParameter Clear { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(BlacklistId))) return;
        _bound = true;
        _ids.AddRange(BlacklistId);
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == SetSet && !_bound)
            ThrowTerminatingError(ErrorRecords.Create("NoBlacklistGiven", ErrorCategory.InvalidArgument,
                $"No blacklist ids were given for prospect search {ProspectSearchId}, so the assignment was left as it is. Pipe blacklists in, pass -BlacklistId, or use -Clear to remove every assigned blacklist.",
                ProspectSearchId));

        var ids = _ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var removed = Removals(ids);
        if (ids.Count > 0 && removed is { Count: > 0 })
            WriteWarning($"Set-OPBlacklistAssignment replaces the whole set: it unassigns {BlacklistAssignmentChangeCmdlet.Describe(removed)} from prospect search {ProspectSearchId}. To assign a blacklist and keep the others, use Add-OPBlacklistAssignment.");
        var action = ids.Count > 0 ? $"Assign exactly these {ids.Count} blacklist(s): {string.Join(", ", ids)}"
            : removed is null ? "Remove every assigned blacklist" : $"Remove every assigned blacklist ({BlacklistAssignmentChangeCmdlet.Describe(removed)})";
        if (!ShouldProcess($"prospect search {ProspectSearchId}", action)) return;
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
            return current.Where(b => !ids.Contains(b.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        }
        catch (OpenProspectApiException ex)
        {
            WriteWarning($"Could not read the blacklists now assigned to prospect search {ProspectSearchId} ({ex.ErrorId}), so the ones this replacement removes cannot be named.");
            return null;
        }
    }
}
