using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Assigns blacklists to prospect searches in addition to the ones already assigned: "apply this blacklist"
/// without unassigning any other.
/// </summary>
[Cmdlet(VerbsCommon.Add, "OPBlacklistAssignment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdSet)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsRead, Scopes.BlacklistsWrite)]
public sealed class AddOPBlacklistAssignmentCommand : BlacklistAssignmentChangeCmdlet
{
    private readonly List<Blacklist> _toAdd = new();

    /// <summary>
    /// Looks each blacklist up once: the prompt can name it, and an unknown id is an error about that id alone
    /// instead of a failed PUT of the whole set.
    /// </summary>
    private protected override bool Prepare(List<string> ids)
    {
        foreach (var id in ids)
            if (TryCall((c, ct) => c.GetBlacklistAsync(id, ct), id, out var blacklist)) _toAdd.Add(blacklist);
        return _toAdd.Count > 0;
    }

    private protected override List<Blacklist> Plan(List<Blacklist> current, List<string> ids, string searchId, out string? action)
    {
        var added = _toAdd.Where(b => !Contains(current, b.Id)).ToList();
        foreach (var b in _toAdd.Where(b => Contains(current, b.Id)))
            WriteVerbose($"Blacklist '{b.Name}' ({b.Id}) is already assigned to {Named("prospect search", searchId)}.");
        if (added.Count == 0)
        {
            action = null;
            return current;
        }
        action = $"Assign {Describe(added)}; keep the {current.Count} already assigned" + (current.Count == 0 ? "" : $" ({Describe(current)})");
        return current.Concat(added).ToList();
    }
}
