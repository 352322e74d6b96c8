using System.Management.Automation;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets;

/// <summary>Creates a named blacklist.</summary>
[Cmdlet(VerbsCommon.New, "OPBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class NewOPBlacklistCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 200)]
    public string Name { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"blacklist '{Name}'", "Create")) return;
        if (TryCall((c, ct) => c.CreateBlacklistAsync(Name, Description, IdempotencyKey, ct), Name, out var created))
            WriteItem(created);
    }
}
