using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Blacklists;

/// <summary>Renames a blacklist or changes its description.</summary>
[Cmdlet(VerbsCommon.Set, "OPBlacklist", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdSet)]
[OutputType(typeof(Blacklist))]
[RequiresScope(Scopes.BlacklistsWrite)]
public sealed class SetOPBlacklistCommand : OpenProspectCmdlet
{
    private const string IdSet = "Id";
    private const string NameSet = "Name";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [ArgumentCompleter(typeof(BlacklistIdCompleter))]
    [Alias("BlacklistId")]
    [ValidateId]
    public string Id { get; set; } = "";

    /// <summary>The blacklist to change by its current name: exact, or a wildcard that matches one blacklist.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(BlacklistNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? BlacklistName { get; set; }

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
        if (BlacklistName is not null) Id = BlacklistIdByName(BlacklistName);
    }

    protected override void ProcessRecord()
    {
        var what = Name is not null && Description is not null ? $"rename to '{Name}' and set the description"
            : Name is not null ? $"rename to '{Name}'" : "set the description";
        if (!ShouldChange("blacklist", Id, what)) return;
        if (TryCall((c, ct) => c.UpdateBlacklistAsync(Id, Name, Description, ct), Id, out var updated) && PassThru)
            WriteItem(updated);
    }
}
