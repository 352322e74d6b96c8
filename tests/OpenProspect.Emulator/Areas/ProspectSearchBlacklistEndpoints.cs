using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// #26/#27: the blacklists assigned to a prospect search. GET lists them (items envelope of blacklist objects, in
/// the order they were set); PUT {blacklist_ids:[...]} replaces the whole set ([] clears it) and answers with the
/// same envelope. A PUT naming an unknown or another organization's blacklist is 404 BLACKLIST_NOT_FOUND and
/// changes nothing. An unknown prospect search is 404 PROSPECT_SEARCH_NOT_FOUND.
/// </summary>
public static class ProspectSearchBlacklistEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var assigned = app.MapGroup("/api/v1/prospect-searches/{prospectSearchId}/blacklists");
        assigned.MapGet("", Get).RequireScopes(BlacklistEndpoints.ReadScope);
        assigned.MapPut("", Set).RequireScopes(BlacklistEndpoints.WriteScope);
    }

    private static IResult Get(string prospectSearchId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(prospectSearchId, "prospect_search_id", out var searchId);
        if (error is not null) return error;
        error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            if (state.FindProspectSearch(searchId, organizationId) is null) return ApiErrors.ProspectSearchNotFound(searchId);
            return Json.Ok(Paging.Envelope(Assigned(state, searchId, organizationId), page, b => b.ToJson()));
        }
    }

    private static async Task<IResult> Set(string prospectSearchId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(prospectSearchId, "prospect_search_id", out var searchId);
        if (error is not null) return error;
        error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;

        if (!body.TryGetProperty("blacklist_ids", out var ids) || ids.ValueKind == JsonValueKind.Null)
            return ApiErrors.Validation("blacklist_ids is required; send [] to clear the assignment.", "blacklist_ids", "is required");
        if (ids.ValueKind != JsonValueKind.Array)
            return ApiErrors.Validation("blacklist_ids must be an array.", "blacklist_ids", "must be an array of UUIDs", Body.Provided(ids));
        var wanted = new List<Guid>();
        var problems = new List<ValidationProblem>();
        var index = 0;
        foreach (var element in ids.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && ApiErrors.TryParseUuid(element.GetString(), out var id))
            {
                if (!wanted.Contains(id)) wanted.Add(id);
            }
            else problems.Add(new ValidationProblem($"blacklist_ids[{index}]", "must be a UUID", Body.Provided(element)));
            index++;
        }
        if (problems.Count > 0) return ApiErrors.Validation("Some blacklist ids are not valid; nothing was changed.", problems);

        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            if (state.FindProspectSearch(searchId, organizationId) is null) return ApiErrors.ProspectSearchNotFound(searchId);
            foreach (var id in wanted)
                if (state.FindBlacklist(id, organizationId) is null) return ApiErrors.BlacklistNotFound(id);
            state.BlacklistAssignments[searchId] = wanted;
            return Json.Ok(Paging.Envelope(Assigned(state, searchId, organizationId), page, b => b.ToJson()));
        }
    }

    private static List<BlacklistRecord> Assigned(EmulatorState state, Guid searchId, Guid organizationId)
    {
        var result = new List<BlacklistRecord>();
        if (state.BlacklistAssignments.TryGetValue(searchId, out var ids))
            foreach (var id in ids)
                if (state.FindBlacklist(id, organizationId) is { } blacklist) result.Add(blacklist);
        return result;
    }
}
