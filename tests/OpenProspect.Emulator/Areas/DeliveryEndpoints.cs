using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// #8 delivery sync (api doc §4.1): the companies of a prospect search delivered strictly after
/// <c>delivered_since</c>, ascending by delivered_at then id, each with its prospects. Needs both companies:read and
/// prospects:read. Checks: 422 (path id, limit/offset, delivered_since) → 404 PROSPECT_SEARCH_NOT_FOUND.
/// </summary>
public static partial class DeliveryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/deliveries/{prospectSearchId}/companies", Companies)
            .RequireScopes(CompanyEndpoints.ReadScope, ProspectEndpoints.ReadScope);
    }

    /// <summary>ISO 8601: a date, optionally a time (seconds and up to 7 fraction digits optional) and a zone; no zone means UTC.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    /// <summary>Parses an ISO 8601 date-time; false for anything else.</summary>
    public static bool TryParseIso8601(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && Iso8601().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static IResult Companies(string prospectSearchId, HttpContext ctx, [FromServices] EmulatorState state, [FromServices] CompanyStore store)
    {
        var error = ApiErrors.ParseId(prospectSearchId, "prospect_search_id", out var searchId);
        if (error is not null) return error;
        error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var sinceText = CompanyEndpoints.Single(ctx.Request.Query, "delivered_since", problems);
        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (TryParseIso8601(sinceText, out var parsed)) since = parsed;
            else problems.Add(new ValidationProblem("delivered_since", "must be an ISO 8601 date-time such as 2025-11-30T12:00:00Z", sinceText));
        }
        if (problems.Count > 0) return ApiErrors.Validation("Query parameters failed validation.", problems);

        lock (state.Gate)
        {
            if (state.FindProspectSearch(searchId, ctx.GetCaller().OrganizationId) is null) return ApiErrors.ProspectSearchNotFound(searchId);
        }

        lock (store.Gate)
        {
            var search = store.Find(searchId);
            if (search is null) return Json.Ok(CompanyJson.Envelope([], 0, page));
            // Ordinals follow delivered_at strictly, so "ascending by delivered_at, then id" is ordinal order.
            var first = since is { } s ? search.FirstDeliveredAfter(s.UtcTicks) : 0;
            var total = search.Count - first;
            var items = new List<object>();
            for (var i = page.Offset; i < total && items.Count < page.Limit; i++)
                items.Add(CompanyJson.WithProspects(store.Company(search, first + i), store.Generator));
            return Json.Ok(CompanyJson.Envelope(items, total, page));
        }
    }
}
