using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets;

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
        WarnAboutRemovals(ids);
        var action = ids.Count == 0 ? "Remove every assigned blacklist" : $"Assign exactly these {ids.Count} blacklist(s): {string.Join(", ", ids)}";
        if (!ShouldProcess($"prospect search {ProspectSearchId}", action)) return;
        if (TryCall((c, ct) => c.SetAssignedBlacklistsAsync(ProspectSearchId, ids, ct), ProspectSearchId, out var assigned) && PassThru)
            foreach (var b in assigned.Rows) WriteItem(b);
    }

    /// <summary>
    /// Replacing the set unassigns whatever is not in it, which users meant to keep more than once; the warning
    /// names those blacklists before ShouldProcess, so -WhatIf shows it too. Without read access the replacement
    /// still goes ahead, as it did before, with a warning that the removals could not be named.
    /// </summary>
    private void WarnAboutRemovals(List<string> ids)
    {
        List<Blacklist> current;
        try
        {
            current = Read(ct => Client.GetAllAssignedBlacklistsAsync(ProspectSearchId, ct));
        }
        catch (OpenProspect.Api.OpenProspectApiException ex)
        {
            WriteWarning($"Could not read the blacklists now assigned to prospect search {ProspectSearchId} ({ex.ErrorId}), so the ones this replacement removes cannot be named.");
            return;
        }
        var removed = current.Where(b => !ids.Contains(b.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (removed.Count > 0)
            WriteWarning($"Set-OPBlacklistAssignment replaces the whole set: it unassigns {BlacklistAssignmentChangeCmdlet.Describe(removed)} from prospect search {ProspectSearchId}. To assign a blacklist and keep the others, use Add-OPBlacklistAssignment.");
    }
}
