using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Creates a named blacklist.</summary>
[Cmdlet(VerbsCommon.New, "OPBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class NewOPBlacklistCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdempotencyKey { get; set; }

    private int _records;

    protected override void ProcessRecord()
    {
        _records++;
        if (!ShouldProcess($"blacklist '{Name}'", "Create")) return;
        // A pinned key names the first creation; later piped names get a numbered key of their own, so a rerun
        // replays each creation instead of colliding with the first.
        var key = IdempotencyKey is null ? null : _records == 1 ? IdempotencyKey : $"{IdempotencyKey}-{_records}";
        var lost = new LostCreation("BLACKLIST_OUTCOME_UNKNOWN", "blacklist", $"blacklist {Quote(Name)}",
            since => $"Get-OPBlacklist | Where-Object {{ $_.Name -eq {Quote(Name)} -and $_.CreatedAt -ge {Quote(since.ToString("yyyy-MM-ddTHH:mm:ssZ"))} }}");
        if (TryCreate((c, ct) => c.CreateBlacklistAsync(Name, Description, key, ct),
                (c, since, ct) => c.FindCreatedBlacklistsAsync(Name, since, ct), lost, Name, out var created))
            WriteItem(created);
    }
}
