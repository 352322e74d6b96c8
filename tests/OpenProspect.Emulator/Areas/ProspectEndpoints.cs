using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Prospects #16–#17 (the contacts of the generated companies, 1–3 each). The list filters by prospect search and/or
/// company (both optional; none lists the whole organization's), in company delivery order. A filter naming an
/// unknown or another organization's search is 404 PROSPECT_SEARCH_NOT_FOUND, an unknown company 404
/// ENTITY_NOT_FOUND; a company outside the named search gives an empty list. Checks: 422 → 404.
/// </summary>
public static class ProspectEndpoints
{
    public const string ReadScope = "prospects:read";

    public static void Map(IEndpointRouteBuilder app)
    {
        var prospects = app.MapGroup("/api/v1/prospects");
        prospects.MapGet("", List).RequireScopes(ReadScope);
        prospects.MapGet("/{prospectId}", Get).RequireScopes(ReadScope);
    }

    // #16 GET /api/v1/prospects?prospect_search_id&company_id&limit&offset
    private static IResult List(HttpContext ctx, [FromServices] EmulatorState state, [FromServices] CompanyStore store)
    {
        var error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var searchId = OptionalUuid(ctx.Request.Query, "prospect_search_id", problems);
        var companyId = OptionalUuid(ctx.Request.Query, "company_id", problems);
        if (problems.Count > 0) return ApiErrors.Validation("Query parameters failed validation.", problems);

        var organizationId = ctx.GetCaller().OrganizationId;
        if (searchId is { } sid)
        {
            lock (state.Gate)
            {
                if (state.FindProspectSearch(sid, organizationId) is null) return ApiErrors.ProspectSearchNotFound(sid);
            }
        }

        lock (store.Gate)
        {
            // The companies to take prospects from, as (search, first ordinal, end ordinal) runs.
            var runs = new List<(CompanySearch Search, int From, int To)>();
            if (companyId is { } cid)
            {
                if (!store.TryResolve(cid, GeneratedKind.Company, organizationId, out var search, out var ordinal, out _))
                    return CompanyJson.EntityNotFound("company", cid);
                if (searchId is null || search.Id == searchId) runs.Add((search, ordinal, ordinal + 1));
            }
            else if (searchId is { } only)
            {
                if (store.Find(only) is { } search) runs.Add((search, 0, search.Count));
            }
            else
            {
                foreach (var search in store.Searches)
                    if (search.OrganizationId == organizationId) runs.Add((search, 0, search.Count));
            }

            // Count everything, shape only the page.
            long total = 0;
            var items = new List<object>();
            foreach (var (search, from, to) in runs)
            {
                for (var ordinal = from; ordinal < to; ordinal++)
                {
                    var count = store.Generator.ProspectCount(search, ordinal);
                    var first = total;
                    total += count;
                    if (items.Count >= page.Limit || total <= page.Offset) continue;
                    var company = store.Company(search, ordinal);
                    for (var n = 0; n < count; n++)
                        if (first + n >= page.Offset && items.Count < page.Limit)
                            items.Add(CompanyJson.Prospect(store.Generator.Prospect(company, n)));
                }
            }
            return Json.Ok(CompanyJson.Envelope(items, total, page));
        }
    }

    // #17 GET /api/v1/prospects/{id}
    private static IResult Get(string prospectId, HttpContext ctx, [FromServices] CompanyStore store)
    {
        var error = ApiErrors.ParseId(prospectId, "prospect_id", out var id);
        if (error is not null) return error;
        lock (store.Gate)
        {
            if (store.TryResolve(id, GeneratedKind.Prospect, ctx.GetCaller().OrganizationId, out var search, out var ordinal, out var n))
            {
                var company = store.Company(search, ordinal);
                if (n < CompanyGenerator.ProspectCount(company))
                    return Json.Ok(CompanyJson.Prospect(store.Generator.Prospect(company, n)));
            }
            return CompanyJson.EntityNotFound("prospect", id);
        }
    }

    private static Guid? OptionalUuid(IQueryCollection query, string name, List<ValidationProblem> problems)
    {
        var text = CompanyEndpoints.Single(query, name, problems);
        if (text is null) return null;
        if (ApiErrors.TryParseUuid(text, out var id)) return id;
        problems.Add(new ValidationProblem(name, "must be a UUID", text));
        return null;
    }
}
