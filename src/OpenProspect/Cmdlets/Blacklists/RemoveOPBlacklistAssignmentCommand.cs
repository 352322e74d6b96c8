using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Unassigns the given blacklists from prospect searches and keeps every other assigned blacklist.</summary>
[Cmdlet(VerbsCommon.Remove, "OPBlacklistAssignment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsRead, Scopes.BlacklistsWrite)]
public sealed class RemoveOPBlacklistAssignmentCommand : BlacklistAssignmentChangeCmdlet
{
    private protected override List<Blacklist> Plan(List<Blacklist> current, List<string> ids, string searchId, out string? action)
    {
        foreach (var id in ids.Where(id => !Contains(current, id)))
            WriteWarning($"The {Named("blacklist", id)} is not assigned to {Named("prospect search", searchId)}, so there is nothing to remove.");
        var removed = current.Where(b => ids.Contains(b.Id, System.StringComparer.OrdinalIgnoreCase)).ToList();
        var kept = current.Where(b => !removed.Contains(b)).ToList();
        action = removed.Count == 0 ? null
            : $"Unassign {Describe(removed)}; keep " + (kept.Count == 0 ? "none" : Describe(kept));
        return kept;
    }
}
