using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// #9 the list of the caller's prospect searches (envelope without has_more, as the documented TS interface),
/// L1 one search with its version and detail fields, L2 the partial update with a field mask and optimistic
/// locking (api doc §2.4). API keys are never admins: geo_locations and search_keywords are dropped and named in
/// <c>stripped_fields</c>; language_config and *_extraction_commands are read-only (422).
/// Checks: 422 (id, body) → 404 → 409 (version).
/// </summary>
public static class ProspectSearchEndpoints
{
    public const string ReadScope = "prospect_searches:read";
    public const string WriteScope = "prospect_searches:write";
    public const int MaxNameLength = 200;
    public const int MaxProfileLength = 10_000;

    /// <summary>The fields an update may name, in the order the answer lists stripped ones.</summary>
    private static readonly string[] Editable = ["name", "ideal_customer_profile", "geo_locations", "search_keywords"];

    /// <summary>Admin/owner-only fields: an API key's value is dropped and reported in stripped_fields.</summary>
    private static readonly string[] AdminOnly = ["geo_locations", "search_keywords"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/v1/prospect-searches");
        searches.MapGet("", List).RequireScopes(ReadScope);
        searches.MapGet("/{prospectSearchId}", Get).RequireScopes(ReadScope);
        searches.MapPatch("/{prospectSearchId}", Update).RequireScopes(WriteScope);
    }

    /// <summary>The detail representation (L1), also the body of a successful update.</summary>
    public static Dictionary<string, object?> Full(ProspectSearchRecord search)
    {
        var details = ProspectSearchDetails.For(search.Id);
        return new Dictionary<string, object?>
        {
            ["id"] = search.Id,
            ["name"] = search.Name,
            ["status"] = search.Status,
            ["version"] = search.Version,
            ["ideal_customer_profile"] = search.IdealCustomerProfile,
            ["geo_locations"] = details.GeoLocations,
            ["search_keywords"] = details.SearchKeywords,
            ["language_config"] = details.LanguageConfig,
            ["created_at"] = search.CreatedAt,
            ["updated_at"] = search.UpdatedAt,
        };
    }

    // #9 GET /api/v1/prospect-searches?limit&offset → {items:[{id,name,status}], total, limit, offset} (no has_more)
    private static IResult List(HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var mine = state.ProspectSearches.Where(p => p.OrganizationId == organizationId).ToList();
            var items = mine.Skip(page.Offset).Take(page.Limit)
                .Select(p => new { id = p.Id, name = p.Name, status = p.Status }).ToArray();
            return Json.Ok(new { items, total = mine.Count, limit = page.Limit, offset = page.Offset });
        }
    }

    // L1 GET /api/v1/prospect-searches/{id}
    private static IResult Get(string prospectSearchId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(prospectSearchId, "prospect_search_id", out var id);
        if (error is not null) return error;
        lock (state.Gate)
        {
            var search = state.FindProspectSearch(id, ctx.GetCaller().OrganizationId);
            return search is null ? ApiErrors.ProspectSearchNotFound(id) : Json.Ok(Full(search));
        }
    }

    // L2 PATCH /api/v1/prospect-searches/{id} {version, update_mask?, name?, ideal_customer_profile?, geo_locations?, search_keywords?}
    private static async Task<IResult> Update(string prospectSearchId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(prospectSearchId, "prospect_search_id", out var id);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;

        var problems = new List<ValidationProblem>();
        var version = 0;
        if (!body.TryGetProperty("version", out var versionValue) || versionValue.ValueKind == JsonValueKind.Null)
            problems.Add(new ValidationProblem("version", "is required (the current version, for optimistic locking)"));
        else if (versionValue.ValueKind != JsonValueKind.Number || !versionValue.TryGetInt32(out version))
            problems.Add(new ValidationProblem("version", "must be an integer", Body.Provided(versionValue)));

        foreach (var property in body.EnumerateObject())
        {
            var field = property.Name;
            if (field is "version" or "update_mask" || Editable.Contains(field)) continue;
            problems.Add(IsReadOnly(field)
                ? new ValidationProblem(field, "is not editable (AI-generated, read-only)")
                : new ValidationProblem(field, "is not a field of a prospect search update"));
        }

        var mask = ReadMask(body, problems);
        var name = ReadText(body, "name", MaxNameLength, problems);
        var profile = ReadText(body, "ideal_customer_profile", MaxProfileLength, problems);
        foreach (var field in AdminOnly) ReadStringArray(body, field, problems);
        if (problems.Count > 0) return ApiErrors.Validation("The prospect search update is not valid.", problems);

        // Without a mask (or with an empty one) every editable field in the body is updated; with one, only those.
        var effective = mask is { Count: > 0 } ? mask : Editable.Where(f => body.TryGetProperty(f, out _)).ToList();
        var stripped = Editable.Where(f => AdminOnly.Contains(f) && effective.Contains(f)).ToArray();
        var applied = effective.Where(f => !AdminOnly.Contains(f)).ToList();

        lock (state.Gate)
        {
            var search = state.FindProspectSearch(id, ctx.GetCaller().OrganizationId);
            if (search is null) return ApiErrors.ProspectSearchNotFound(id);
            if (version != search.Version)
                return ApiErrors.Error(StatusCodes.Status409Conflict, "VERSION_CONFLICT",
                    $"Prospect search {id} is at version {search.Version}, not {version}: it was changed since you read it. Read it again and retry with the current version.",
                    new { current_version = search.Version });
            if (applied.Count > 0)
            {
                if (applied.Contains("name")) search.Name = name!;
                if (applied.Contains("ideal_customer_profile")) search.IdealCustomerProfile = profile!;
                search.Version++;
                search.UpdatedAt = state.Now();
            }
            var answer = Full(search);
            answer["stripped_fields"] = stripped;
            return Json.Ok(answer);
        }
    }

    private static bool IsReadOnly(string field) =>
        field == "language_config" || field.EndsWith("_extraction_commands", StringComparison.Ordinal);

    /// <summary>update_mask: null when absent; each entry an editable field that the body carries.</summary>
    private static List<string>? ReadMask(JsonElement body, List<ValidationProblem> problems)
    {
        if (!body.TryGetProperty("update_mask", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new ValidationProblem("update_mask", "must be an array of field names", Body.Provided(value)));
            return null;
        }
        var mask = new List<string>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var field = $"update_mask[{index++}]";
            if (element.ValueKind != JsonValueKind.String)
            {
                problems.Add(new ValidationProblem(field, "must be a string", Body.Provided(element)));
                continue;
            }
            var name = element.GetString()!;
            if (IsReadOnly(name)) problems.Add(new ValidationProblem(field, "names a field that is not editable (AI-generated, read-only)", name));
            else if (!Editable.Contains(name)) problems.Add(new ValidationProblem(field, "is not an updatable field (name, ideal_customer_profile, geo_locations, search_keywords)", name));
            else if (!body.TryGetProperty(name, out _)) problems.Add(new ValidationProblem(field, "names a field the body does not carry", name));
            else if (!mask.Contains(name)) mask.Add(name);
        }
        return mask;
    }

    /// <summary>An optional non-blank string of at most <paramref name="max"/> characters; null when absent.</summary>
    private static string? ReadText(JsonElement body, string field, int max, List<ValidationProblem> problems)
    {
        if (!body.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new ValidationProblem(field, "must be a string", Body.Provided(value)));
            return null;
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) problems.Add(new ValidationProblem(field, "must not be empty", text));
        else if (text.Length > max) problems.Add(new ValidationProblem(field, $"must be at most {max} characters", text.Length));
        else return text;
        return null;
    }

    private static void ReadStringArray(JsonElement body, string field, List<ValidationProblem> problems)
    {
        if (!body.TryGetProperty(field, out var value)) return;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            problems.Add(new ValidationProblem(field, "must be an array of strings", Body.Provided(value)));
    }
}
