using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>
/// Creates a named blacklist. Names are how people refer to blacklists, so a name that already exists is refused
/// (checked against one listing per command) unless -Force says a second one is wanted.
/// </summary>
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

    /// <summary>Creates the blacklist even when one with the same name exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private int _records;
    private List<Blacklist>? _existing;
    private bool _unchecked;

    protected override void ProcessRecord()
    {
        _records++;
        if (!Force && Existing() is { } existing)
        {
            WriteError(ErrorRecords.Create("BlacklistNameExists", ErrorCategory.ResourceExists,
                $"A blacklist named '{existing.Name}' already exists (id {existing.Id}, {existing.EntryCount:N0} entries). Nothing was created.", existing,
                $"Use the existing one (Get-OPBlacklist -Name {Quote(existing.Name)}), choose another name, or add -Force to create a second blacklist with this name."));
            return;
        }
        if (!ShouldProcess($"blacklist '{Name}'", "Create")) return;
        // A pinned key names the first creation; later piped names get a numbered key of their own, so a rerun
        // replays each creation instead of colliding with the first.
        var key = IdempotencyKey is null ? null : _records == 1 ? IdempotencyKey : $"{IdempotencyKey}-{_records}";
        var lost = new LostCreation("BLACKLIST_OUTCOME_UNKNOWN", "blacklist", $"blacklist {Quote(Name)}",
            since => $"Get-OPBlacklist | Where-Object {{ $_.Name -eq {Quote(Name)} -and $_.CreatedAt -ge {Quote(since.ToString("yyyy-MM-ddTHH:mm:ssZ"))} }}");
        if (TryCreate((c, ct) => c.CreateBlacklistAsync(Name, Description, key, ct),
                (c, since, ct) => c.FindCreatedBlacklistsAsync(Name, since, ct), lost, Name, out var created))
        {
            _existing?.Add(created);   // a name piped twice is refused the second time
            WriteItem(created);
        }
    }

    /// <summary>The blacklist that already has this name, or null; the check needs blacklists:read, and without it the name is created unchecked.</summary>
    private Blacklist? Existing()
    {
        if (_unchecked) return null;
        if (_existing is null)
        {
            if (ActiveSession.Scopes is { } scopes && Scopes.Missing(new[] { Scopes.BlacklistsRead }, scopes).Length > 0)
                return Unchecked("the key does not have the blacklists:read scope");
            try
            {
                _existing = Await(Client.ListAllBlacklistsAsync(StopToken));
            }
            catch (OpenProspectApiException ex) when (ex.StatusCode == 403)
            {
                return Unchecked("the key may not list blacklists (blacklists:read)");
            }
        }
        return _existing.FirstOrDefault(b => string.Equals(b.Name, Name, StringComparison.OrdinalIgnoreCase));
    }

    private Blacklist? Unchecked(string why)
    {
        _unchecked = true;
        WriteWarning($"Whether a blacklist named '{Name}' already exists was not checked: {why}. It is created; Get-OPBlacklist with a key that has blacklists:read shows duplicates.");
        return null;
    }
}
