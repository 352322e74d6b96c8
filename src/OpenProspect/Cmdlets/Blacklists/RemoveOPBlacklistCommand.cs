using System.Management.Automation;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets;

/// <summary>Deletes blacklists, with their entries and their assignments to prospect searches.</summary>
[Cmdlet(VerbsCommon.Remove, "OPBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
[OutputType(typeof(void))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class RemoveOPBlacklistCommand : OpenProspectCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("BlacklistId")]
    [ValidateId]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Blacklist InputObject { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            Remove(InputObject.Id, $"blacklist '{InputObject.Name}' ({InputObject.Id}, {InputObject.EntryCount} entries)", InputObject);
            return;
        }
        foreach (var id in Id) Remove(id, $"blacklist {id}", id);
    }

    private void Remove(string id, string description, object target)
    {
        if (!ShouldProcess(description, "Delete")) return;
        if (TryCall(async (c, ct) => { await c.DeleteBlacklistAsync(id, ct).ConfigureAwait(false); return true; }, target, out _))
            WriteVerbose($"Deleted {description}.");
    }
}
