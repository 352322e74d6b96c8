using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api.Wire;

namespace OpenProspect.Api;

/// <summary>Filters of GET /api/v1/companies (api doc #10); null means "not filtered".</summary>
internal sealed class CompanyQuery
{
    public string ProspectSearchId { get; set; } = "";

    public double? MinMatchScore { get; set; }

    public string[]? ReviewStatus { get; set; }

    public string? Search { get; set; }
}

internal sealed partial class OpenProspectClient
{
    private static string Invariant(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>GET /api/v1/prospect-searches</summary>
    public Task<ListEnvelope<ProspectSearch>> ListProspectSearchesAsync(long offset, int limit, CancellationToken ct) =>
        GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/prospect-searches"), offset, limit, Json.ListEnvelopeProspectSearch, ct);

    /// <summary>
    /// GET /api/v1/prospect-searches/{id}, documented only by the previous docs generation. When the route is gone
    /// (404/405 without the API's error body, not "no such id") the search is looked up in the list instead.
    /// </summary>
    public async Task<ProspectSearch> GetProspectSearchAsync(string id, CancellationToken ct)
    {
        try
        {
            return await GetAsync(new ApiRequest(HttpMethod.Get, "/api/v1/prospect-searches/" + ApiRequest.Segment(id)), Json.ProspectSearch, ct).ConfigureAwait(false);
        }
        catch (OpenProspectApiException ex) when (ex.IsRouteMissing)
        {
            _log.Verbose($"{ex.Method} {ex.Path} is not offered by this API ({ex.StatusCode} without the API's error body); looking the search up in the list instead.");
        }
        for (long? offset = 0; offset is long o;)
        {
            var page = await ListProspectSearchesAsync(o, Paging.MaxPageSize, ct).ConfigureAwait(false);
            foreach (var search in page.Rows)
                if (string.Equals(search.Id, id, StringComparison.OrdinalIgnoreCase)) return search;
            offset = Paging.NextOffset(page, o, Paging.MaxPageSize);
        }
        throw new OpenProspectApiException(404, "PROSPECT_SEARCH_NOT_FOUND",
            $"Prospect search {id} is not among the prospect searches this key can see (looked up in GET /api/v1/prospect-searches, as this API does not offer GET /api/v1/prospect-searches/{{id}}).",
            method: "GET", path: "/api/v1/prospect-searches");
    }

    /// <summary>PATCH /api/v1/prospect-searches/{id}: 409 when the version is stale.</summary>
    public Task<ProspectSearch> UpdateProspectSearchAsync(string id, ProspectSearchChange change, int version, CancellationToken ct) =>
        SendJsonAsync(new HttpMethod("PATCH"), "/api/v1/prospect-searches/" + ApiRequest.Segment(id), change.ToBody(version),
            Json.UpdateProspectSearchBody, Json.ProspectSearch, ct, carriesVersion: true);

    /// <summary>GET /api/v1/companies with the documented filters; several review statuses go as review_status_list.</summary>
    public Task<ListEnvelope<Company>> ListCompaniesAsync(CompanyQuery query, long offset, int limit, CancellationToken ct)
    {
        var request = new ApiRequest(HttpMethod.Get, "/api/v1/companies").AddQuery("prospect_search_id", query.ProspectSearchId);
        if (query.MinMatchScore is { } min) request.AddQuery("min_match_score", Invariant(min));
        if (query.ReviewStatus is { Length: 1 } one) request.AddQuery("review_status", one[0]);
        else if (query.ReviewStatus is { Length: > 1 } several)
            foreach (var s in several) request.AddQuery("review_status_list", s);
        if (!string.IsNullOrEmpty(query.Search)) request.AddQuery("search", query.Search);
        return GetPageAsync(request, offset, limit, Json.ListEnvelopeCompany, ct);
    }

    /// <summary>GET /api/v1/companies/{id}</summary>
    public Task<Company> GetCompanyAsync(string id, CancellationToken ct) =>
        GetAsync(new ApiRequest(HttpMethod.Get, CompanyPath(id)), Json.Company, ct);

    /// <summary>GET /api/v1/companies/{id}/jobs</summary>
    public async Task<ListEnvelope<CompanyJob>> ListCompanyJobsAsync(string id, long offset, int limit, CancellationToken ct)
    {
        var page = await GetPageAsync(new ApiRequest(HttpMethod.Get, CompanyPath(id) + "/jobs"), offset, limit, Json.ListEnvelopeCompanyJob, ct).ConfigureAwait(false);
        foreach (var j in page.Rows) j.CompanyId = id;
        return page;
    }

    /// <summary>GET /api/v1/companies/{id}/jobs/summary</summary>
    public async Task<CompanyJobSummary> GetCompanyJobSummaryAsync(string id, CancellationToken ct)
    {
        var summary = await GetAsync(new ApiRequest(HttpMethod.Get, CompanyPath(id) + "/jobs/summary"), Json.CompanyJobSummary, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(summary.CompanyId)) summary.CompanyId = id;
        return summary;
    }

    /// <summary>GET /api/v1/companies/{id}/webtech-intel</summary>
    public async Task<ListEnvelope<CompanyTechnology>> ListCompanyTechnologiesAsync(string id, long offset, int limit, CancellationToken ct)
    {
        var page = await GetPageAsync(new ApiRequest(HttpMethod.Get, CompanyPath(id) + "/webtech-intel"), offset, limit, Json.ListEnvelopeCompanyTechnology, ct).ConfigureAwait(false);
        foreach (var t in page.Rows) t.CompanyId = id;
        return page;
    }

    /// <summary>GET /api/v1/companies/{id}/webtech-intel/summary</summary>
    public async Task<CompanyTechnologySummary> GetCompanyTechnologySummaryAsync(string id, CancellationToken ct)
    {
        var summary = await GetAsync(new ApiRequest(HttpMethod.Get, CompanyPath(id) + "/webtech-intel/summary"), Json.CompanyTechnologySummary, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(summary.CompanyId)) summary.CompanyId = id;
        return summary;
    }

    /// <summary>GET /api/v1/prospects, filtered by prospect search and/or company.</summary>
    public Task<ListEnvelope<Prospect>> ListProspectsAsync(string? prospectSearchId, string? companyId, long offset, int limit, CancellationToken ct) =>
        GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/prospects").AddQuery("prospect_search_id", prospectSearchId).AddQuery("company_id", companyId),
            offset, limit, Json.ListEnvelopeProspect, ct);

    /// <summary>GET /api/v1/prospects/{id}</summary>
    public Task<Prospect> GetProspectAsync(string id, CancellationToken ct) =>
        GetAsync(new ApiRequest(HttpMethod.Get, "/api/v1/prospects/" + ApiRequest.Segment(id)), Json.Prospect, ct);

    /// <summary>GET /api/v1/deliveries/{prospect_search_id}/companies: companies delivered after <paramref name="deliveredSince"/>.</summary>
    public async Task<ListEnvelope<Company>> ListDeliveredCompaniesAsync(string prospectSearchId, DateTimeOffset? deliveredSince, long offset, int limit, CancellationToken ct)
    {
        var page = await GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/deliveries/" + ApiRequest.Segment(prospectSearchId) + "/companies")
                .AddQuery("delivered_since", deliveredSince?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
            offset, limit, Json.ListEnvelopeCompany, ct).ConfigureAwait(false);
        foreach (var c in page.Rows)
            if (string.IsNullOrEmpty(c.ProspectSearchId)) c.ProspectSearchId = prospectSearchId;
        return page;
    }

    private static string CompanyPath(string id) => "/api/v1/companies/" + ApiRequest.Segment(id);
}
