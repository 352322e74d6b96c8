using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Companies #10–#15: the filtered list of a prospect search's companies (delivery order), one company with its
/// description and prospects, and its jobs and technologies with their summaries. Companies are generated on
/// demand (<see cref="CompanyStore"/>). Another organization's company answers 404 ENTITY_NOT_FOUND like an
/// unknown one. Checks: 422 (path id, query) → 404.
/// </summary>
public static class CompanyEndpoints
{
    public const string ReadScope = "companies:read";

    public static void Map(IEndpointRouteBuilder app)
    {
        var companies = app.MapGroup("/api/v1/companies");
        companies.MapGet("", List).RequireScopes(ReadScope);
        companies.MapGet("/{companyId}", Get).RequireScopes(ReadScope);
        companies.MapGet("/{companyId}/jobs", Jobs).RequireScopes(ReadScope);
        companies.MapGet("/{companyId}/jobs/summary", JobSummary).RequireScopes(ReadScope);
        companies.MapGet("/{companyId}/webtech-intel", Technologies).RequireScopes(ReadScope);
        companies.MapGet("/{companyId}/webtech-intel/summary", TechnologySummary).RequireScopes(ReadScope);
    }

    // #10 GET /api/v1/companies?prospect_search_id&limit&offset&min_match_score&review_status&review_status_list&search
    private static IResult List(HttpContext ctx, [FromServices] EmulatorState state, [FromServices] CompanyStore store)
    {
        var error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var query = ctx.Request.Query;
        var problems = new List<ValidationProblem>();

        Guid searchId = Guid.Empty;
        var searchText = Single(query, "prospect_search_id", problems);
        if (searchText is null && !problems.Any(p => p.Field == "prospect_search_id"))
            problems.Add(new ValidationProblem("prospect_search_id", "is required"));
        else if (searchText is not null && !ApiErrors.TryParseUuid(searchText, out searchId))
            problems.Add(new ValidationProblem("prospect_search_id", "must be a UUID", searchText));

        double? minScore = null;
        var minText = Single(query, "min_match_score", problems);
        if (minText is not null)
        {
            if (double.TryParse(minText, NumberStyles.Float, CultureInfo.InvariantCulture, out var min) && double.IsFinite(min) && min is >= 0 and <= 10)
                minScore = min;
            else problems.Add(new ValidationProblem("min_match_score", "must be a number from 0 to 10", minText));
        }

        HashSet<string>? statuses = null;
        var statusText = Single(query, "review_status", problems);
        if (statusText is not null)
        {
            if (CompanyGenerator.ReviewStatuses.Contains(statusText)) statuses = [statusText];
            else problems.Add(new ValidationProblem("review_status", "must be one of accepted, rejected, pending", statusText));
        }
        if (query.TryGetValue("review_status_list", out var listValues))
        {
            var list = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var value in listValues)
            {
                if (value is not null && CompanyGenerator.ReviewStatuses.Contains(value)) list.Add(value);
                else problems.Add(new ValidationProblem($"review_status_list[{index}]", "must be one of accepted, rejected, pending", value));
                index++;
            }
            statuses = list;   // preferred over review_status
        }

        var term = Single(query, "search", problems);
        if (string.IsNullOrEmpty(term)) term = null;
        if (problems.Count > 0) return ApiErrors.Validation("Query parameters failed validation.", problems);

        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            if (state.FindProspectSearch(searchId, organizationId) is null) return ApiErrors.ProspectSearchNotFound(searchId);
        }

        lock (store.Gate)
        {
            var search = store.Find(searchId);
            if (search is null) return Json.Ok(CompanyJson.Envelope([], 0, page));
            IReadOnlyList<int> ordinals;
            if (minScore is null && statuses is null && term is null) ordinals = new OrdinalRange(search.Count);
            else
            {
                var matches = new List<int>();
                for (var ordinal = 0; ordinal < search.Count; ordinal++)
                {
                    if (minScore is { } min && CompanyGenerator.ScoreTenths(search, ordinal) / 10.0 < min) continue;
                    if (statuses is not null && !statuses.Contains(CompanyGenerator.ReviewStatus(ordinal))) continue;
                    if (term is not null)
                    {
                        var (name, city, businessType) = store.Generator.Texts(search, ordinal);
                        if (!name.Contains(term, StringComparison.OrdinalIgnoreCase) && !city.Contains(term, StringComparison.OrdinalIgnoreCase)
                            && !businessType.Contains(term, StringComparison.OrdinalIgnoreCase)) continue;
                    }
                    matches.Add(ordinal);
                }
                ordinals = matches;
            }
            return Json.Ok(Paging.Envelope(ordinals, page, ordinal => CompanyJson.Item(store.Company(search, ordinal))));
        }
    }

    // #11 GET /api/v1/companies/{id} → the list item plus description and prospects
    private static IResult Get(string companyId, HttpContext ctx, [FromServices] CompanyStore store) =>
        WithCompany(companyId, ctx, store, company => Json.Ok(CompanyJson.Detail(company, store.Generator)));

    // #12 GET /api/v1/companies/{id}/jobs?limit&offset → newest first
    private static IResult Jobs(string companyId, HttpContext ctx, [FromServices] CompanyStore store)
    {
        var error = Paging.Read(ctx.Request, out var page);
        return error ?? WithCompany(companyId, ctx, store, company =>
            Json.Ok(Paging.Envelope(store.Generator.Jobs(company), page, CompanyJson.Job)));
    }

    // #13 GET /api/v1/companies/{id}/jobs/summary
    private static IResult JobSummary(string companyId, HttpContext ctx, [FromServices] CompanyStore store) =>
        WithCompany(companyId, ctx, store, company =>
        {
            var jobs = store.Generator.Jobs(company);
            var departments = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var job in jobs) departments[job.Department] = departments.GetValueOrDefault(job.Department) + 1;
            return Json.Ok(new
            {
                company_id = company.Id,
                total_jobs = jobs.Count,
                open_jobs = jobs.Count(store.Generator.IsOpen),
                departments,
                latest_posted_at = jobs.Count == 0 ? (DateTimeOffset?)null : jobs.Max(j => j.PostedAt),
                hiring_trend = CompanyGenerator.HiringTrend(jobs.Count),
            });
        });

    // #14 GET /api/v1/companies/{id}/webtech-intel?limit&offset
    private static IResult Technologies(string companyId, HttpContext ctx, [FromServices] CompanyStore store)
    {
        var error = Paging.Read(ctx.Request, out var page);
        return error ?? WithCompany(companyId, ctx, store, company =>
            Json.Ok(Paging.Envelope(store.Generator.TechnologiesOf(company), page, CompanyJson.Technology)));
    }

    // #15 GET /api/v1/companies/{id}/webtech-intel/summary: top_technologies = up to 3 names by confidence
    private static IResult TechnologySummary(string companyId, HttpContext ctx, [FromServices] CompanyStore store) =>
        WithCompany(companyId, ctx, store, company =>
        {
            var technologies = store.Generator.TechnologiesOf(company);
            var categories = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var t in technologies) categories[t.Category] = categories.GetValueOrDefault(t.Category) + 1;
            return Json.Ok(new
            {
                company_id = company.Id,
                total_technologies = technologies.Count,
                categories,
                top_technologies = technologies.OrderByDescending(t => t.Confidence).ThenBy(t => t.Name, StringComparer.Ordinal)
                    .Take(3).Select(t => t.Name).ToArray(),
            });
        });

    /// <summary>Parses the company id (422), resolves it within the caller's organization (404), and answers.</summary>
    private static IResult WithCompany(string companyId, HttpContext ctx, CompanyStore store, Func<GeneratedCompany, IResult> answer)
    {
        var error = ApiErrors.ParseId(companyId, "company_id", out var id);
        if (error is not null) return error;
        lock (store.Gate)
        {
            if (!store.TryResolve(id, GeneratedKind.Company, ctx.GetCaller().OrganizationId, out var search, out var ordinal, out _))
                return CompanyJson.EntityNotFound("company", id);
            return answer(store.Company(search, ordinal));
        }
    }

    /// <summary>A query parameter given at most once: null when absent; a problem when repeated.</summary>
    internal static string? Single(IQueryCollection query, string name, List<ValidationProblem> problems)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count == 1) return values[0];
        problems.Add(new ValidationProblem(name, "must be given once", values.ToArray()));
        return null;
    }

    /// <summary>0, 1, ..., count - 1 without an array.</summary>
    internal sealed class OrdinalRange(int count) : IReadOnlyList<int>
    {
        public int this[int index] => (uint)index < (uint)count ? index : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => count;

        public IEnumerator<int> GetEnumerator() => Enumerable.Range(0, count).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
