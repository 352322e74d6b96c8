using System;
using System.Collections.Generic;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.ProspectSearches;

/// <summary>
/// Updates a prospect search's name, ideal customer profile and (for admins) geo locations and keywords, with
/// the API's field mask and optimistic locking. Without -Version the current version is read first, and one
/// conflict (someone changed it in between) is resolved by reading again; with -Version a conflict is an error.
/// </summary>
[Cmdlet(VerbsCommon.Set, "OPProspectSearch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProspectSearch))]
// No scope pre-check for the write: prospect_searches:write is named only by the previous docs generation, not by
// the current scope table, so the server decides.
public sealed class SetOPProspectSearchCommand : OpenProspectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [Alias("ProspectSearchId")]
    [ValidateId]
    public string Id { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IdealCustomerProfile { get; set; }

    [Parameter]
    public string[]? GeoLocation { get; set; }

    [Parameter]
    public string[]? SearchKeyword { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Version { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Name is null && IdealCustomerProfile is null && GeoLocation is null && SearchKeyword is null)
            ThrowTerminatingError(ErrorRecords.Create("NothingToChange", ErrorCategory.InvalidArgument,
                "Give at least one of -Name, -IdealCustomerProfile, -GeoLocation, -SearchKeyword.", null));
        base.BeginProcessing();
        // Without -Version the current version is read first, which needs the read scope.
        if (Version is null) RequireScopes(ActiveSession, new[] { Scopes.ProspectSearchesRead });
    }

    protected override void ProcessRecord()
    {
        var change = new ProspectSearchChange { Name = Name, IdealCustomerProfile = IdealCustomerProfile, GeoLocations = GeoLocation, SearchKeywords = SearchKeyword };
        if (!ShouldChange("prospect search", Id, "Update " + string.Join(", ", change.Mask))) return;
        int sentVersion;

        // With a caller's version a conflict is theirs to resolve; otherwise read, write, and on conflict read once more.
        int attempts = Version is null ? 2 : 1;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            if (Version is { } pinned) sentVersion = pinned;
            else if (TryCall((c, ct) => c.GetProspectSearchAsync(Id, ct), Id, out var current))
            {
                if (current.Version is not { } version)
                {
                    WriteError(ErrorRecords.Create("ProspectSearchVersionUnknown", ErrorCategory.InvalidResult,
                        $"The API did not say which version prospect search {Id} is at, and an update must name it. Nothing was changed.", Id,
                        "Give the version with -Version if you know it, or edit the search in the OpenProspect app."));
                    return;
                }
                sentVersion = version;
            }
            else return;

            OpenProspectApiException failure;
            try
            {
                var updated = Await(Client.UpdateProspectSearchAsync(Id, change, sentVersion, StopToken));
                if (updated.StrippedFields is { Length: > 0 } stripped)
                    WriteWarning($"The API did not apply {string.Join(", ", stripped)} to prospect search {Id}: only admins and owners may change them.");
                if (PassThru) WriteItem(updated);
                return;
            }
            catch (OpenProspectApiException ex)
            {
                failure = ex;
            }

            // Decided outside the catch: these steps make requests, write and may stop the pipeline.
            if (failure.IsRouteMissing)
            {
                WriteError(ErrorRecords.Create("ProspectSearchEditingUnavailable", ErrorCategory.NotImplemented,
                    $"The API no longer offers editing prospect searches: {failure.Method} {failure.Path} answered {failure.StatusCode} without the API's error body, so the route itself is missing (an unknown id would say PROSPECT_SEARCH_NOT_FOUND). Nothing was changed.",
                    Id, "Edit the search in the OpenProspect app. Test-OPApiContract shows which endpoints this API offers.", failure));
                return;
            }
            if (failure.StatusCode != 409)
            {
                WriteApiError(failure, Id);
                return;
            }
            if (attempt < attempts)
            {
                WriteVerbose($"Prospect search {Id} changed since version {sentVersion} was read; reading it again.");
                continue;
            }
            if (failure.Attempts > 1 && TryCall((c, ct) => c.GetProspectSearchAsync(Id, ct), Id, out var now) && change.IsHeldBy(now, sentVersion))
            {
                // An earlier attempt of this PATCH was applied but its answer was lost; the retry then conflicted with it.
                WriteVerbose($"Prospect search {Id}: the update was applied by an earlier attempt whose answer was lost.");
                if (PassThru) WriteItem(now);
                return;
            }
            WriteApiError(failure, Id, $"Prospect search {Id} was changed by someone else since version {sentVersion}: {failure.Message}",
                "Read it again (Get-OPProspectSearch -Id " + Id + "), check the change, and update with the new -Version — or leave out -Version to update the current state.");
            return;
        }
    }
}
