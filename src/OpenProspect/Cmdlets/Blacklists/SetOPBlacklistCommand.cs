using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Renames a blacklist or changes its description.</summary>
[Cmdlet(VerbsCommon.Set, "OPBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class SetOPBlacklistCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [Alias("BlacklistId")]
    [ValidateId]
    public string Id { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [AllowEmptyString]
    public string? Description { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Name is null && Description is null)
            ThrowTerminatingError(ErrorRecords.Create("NothingToChange", ErrorCategory.InvalidArgument,
                "Give -Name, -Description or both: there is nothing else to change on a blacklist.", null));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var what = Name is not null && Description is not null ? $"rename to '{Name}' and set the description"
            : Name is not null ? $"rename to '{Name}'" : "set the description";
        if (!ShouldProcess($"blacklist {Id}", what)) return;
        if (TryCall((c, ct) => c.UpdateBlacklistAsync(Id, Name, Description, ct), Id, out var updated) && PassThru)
            WriteItem(updated);
    }
}
