using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Raw;

/// <summary>
/// Calls each read endpoint the module uses (GET, one item) and reports, per endpoint, where the answer differs from
/// what the module's models expect. Never writes: a live tenant can be checked safely.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "OPApiContract")]
[OutputType(typeof(ApiContractResult))]
public sealed class TestOPApiContractCommand : OpenProspectCmdlet
{
    [Parameter]
    [ArgumentCompleter(typeof(ProspectSearchIdCompleter))]
    [ValidateId]
    public string? ProspectSearchId { get; set; }

    [Parameter]
    [ValidateId]
    public string? ProfileCreationId { get; set; }

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Endpoint { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Endpoint ?? new[] { "*" }).Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToArray();
        var selected = ApiContract.Endpoints.Where(e => patterns.Any(p => p.IsMatch(e.Name))).ToList();
        if (selected.Count == 0)
        {
            WriteError(ErrorRecords.Create("UnknownEndpoint", ErrorCategory.ObjectNotFound,
                $"No endpoint matches -Endpoint {string.Join(", ", Endpoint!)}. The endpoints are: {string.Join(", ", ApiContract.Endpoints.Select(e => e.Name))}.", Endpoint));
            return;
        }
        // Parents are called for the ids they give, even when only their children were asked for.
        var needed = new HashSet<ContractEndpoint>(selected.Concat(selected.SelectMany(ApiContract.Parents)));
        var ids = new Dictionary<string, string>();
        var noId = new Dictionary<string, string>
        {
            ["creation"] = "no search-profile creation id is known (the API cannot list them); give one with -ProfileCreationId",
        };
        if (ProspectSearchId is not null) ids["search"] = ProspectSearchId;
        if (ProfileCreationId is not null) ids["creation"] = ProfileCreationId;

        foreach (var endpoint in ApiContract.Endpoints.Where(needed.Contains))
        {
            var result = Check(endpoint, ids, noId);
            if (selected.Contains(endpoint)) WriteObject(result);
        }
    }

    private ApiContractResult Check(ContractEndpoint endpoint, Dictionary<string, string> ids, Dictionary<string, string> noId)
    {
        var result = new ApiContractResult { Endpoint = endpoint.Name, Model = endpoint.Model.FullName };
        void Skip(string reason)
        {
            result.Verdict = "Skipped";
            result.Reason = char.ToUpperInvariant(reason[0]) + reason.Substring(1) + ".";
            if (endpoint.Provides is { } p && !ids.ContainsKey(p)) noId[p] = $"no {Noun(p)}: {endpoint.Name} was skipped ({reason})";
        }

        var scopes = ActiveSession.Scopes;
        var missingScopes = scopes is null ? Array.Empty<string>() : OpenProspect.Session.Scopes.Missing(endpoint.Scopes, scopes);
        if (missingScopes.Length > 0)
        {
            Skip($"the key lacks the scope {string.Join(" and ", missingScopes)}");
            return result;
        }
        if (endpoint.Needs is { } need && !ids.ContainsKey(need))
        {
            Skip(noId.TryGetValue(need, out var why) ? why : $"no {Noun(need)} is known");
            return result;
        }

        var request = ApiContract.BuildRequest(endpoint, ids);
        result.Path = request.PathAndQuery;
        if (!TryRead(request, result, out var answer))
        {
            if (endpoint.Provides is { } p && !ids.ContainsKey(p)) noId[p] = $"no {Noun(p)}: {endpoint.Name} failed";
            return result;
        }
        result.StatusCode = answer.StatusCode;
        var item = ApiContract.Compare(endpoint, answer.Root, result);
        if (endpoint.Provides is { } provides && !ids.ContainsKey(provides))
        {
            if (ApiContract.IdOf(endpoint, item) is { } id) ids[provides] = id;
            else noId[provides] = provides == "completed-order" && item is Order order
                ? $"no completed order: the first order ({order.Id}) is {order.Status}, and results exist once an order is COMPLETED"
                : $"no {Noun(provides)}: {endpoint.Name} gave none{(result.Verdict == "Skipped" ? " (the list is empty)" : "")}";
        }
        return result;
    }

    /// <summary>One GET; a failure is the row's verdict (401 still ends the command: nothing else could work).</summary>
    private bool TryRead(ApiRequest request, ApiContractResult result, out RawJsonAnswer answer)
    {
        try
        {
            answer = Await(Client.SendRawJsonAsync(request, StopToken));
            return true;
        }
        catch (OpenProspectApiException ex)
        {
            if (ex.StatusCode == 401) ThrowTerminatingError(ErrorRecords.FromApi(ex, request.PathAndQuery));
            result.Verdict = "Failed";
            result.StatusCode = ex.StatusCode == 0 ? null : ex.StatusCode;
            result.ErrorId = ex.ErrorId;
            result.Reason = $"{ex.ErrorId}: {ex.Message}";
            answer = null!;
            return false;
        }
    }

    private static string Noun(string idKind) => idKind switch
    {
        "search" => "prospect search",
        "creation" => "search-profile creation",
        "completed-order" => "completed order",
        _ => idKind,
    };
}
