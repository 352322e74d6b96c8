using System.Collections.Generic;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Deletes blacklists, with their entries and their assignments to prospect searches. Piped blacklists are
/// deleted once the input has ended: deleting while Get-OPBlacklist is still paging would shift its pages and
/// skip lists.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "OPBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
[OutputType(typeof(void))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class RemoveOPBlacklistCommand : OpenProspectCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";
    private const string NameSet = "Name";
    private readonly List<(string Id, string? Description, object Target)> _pending = new();   // no description: named on demand

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [Alias("BlacklistId")]
    [ValidateId]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    /// <summary>Blacklists by name: each exact, or a wildcard that matches exactly one (a wildcard never deletes several).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [Alias("BlacklistName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Blacklist InputObject { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
            _pending.Add((InputObject.Id, $"blacklist '{InputObject.Name}' ({InputObject.Id}, {InputObject.EntryCount} entries)", InputObject));
        else if (ParameterSetName == NameSet)
            foreach (var id in BlacklistIdsByName(Name!)) _pending.Add((id, Named("blacklist", id), id));
        else
            foreach (var id in Id) _pending.Add((id, null, id));
    }

    protected override void EndProcessing()
    {
        foreach (var (id, description, target) in _pending)
        {
            if (description is null ? !ShouldChange("blacklist", id, "Delete") : !ShouldProcess(description, "Delete")) continue;
            if (TryCall(async (c, ct) => { await c.DeleteBlacklistAsync(id, ct).ConfigureAwait(false); return true; }, target, out _))
                WriteVerbose($"Deleted {description ?? Named("blacklist", id)}.");
        }
    }
}
