using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Control plane for companies and faults (no key, never recorded): deliver new companies now, see the company
/// counts, and inject failures into API requests (see <see cref="FaultInjector"/>). POST /_emulator/reset resets
/// both (ControlEndpoints).
/// </summary>
public static class CompanyControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator");
        control.MapGet("/deliveries", Deliveries);
        control.MapPost("/deliveries/{prospectSearchId}", Deliver);
        control.MapGet("/faults", ([FromServices] FaultInjector faults) => Json.Ok(faults.Snapshot()));
        control.MapPost("/faults", AddFault);
        control.MapDelete("/faults", ([FromServices] FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }

    // GET /_emulator/deliveries → per search: how many companies, how many delivered at run time, the latest delivered_at
    private static IResult Deliveries([FromServices] CompanyStore store)
    {
        lock (store.Gate)
            return Json.Ok(store.Searches.Select(s => new
            {
                prospect_search_id = s.Id,
                organization_id = s.OrganizationId,
                companies = s.Count,
                seeded = s.SeededCount,
                delivered_at_run_time = s.Delivered.Count,
                last_delivered_at = s.Count == 0 ? (DateTimeOffset?)null : s.DeliveredAt(s.Count - 1),
            }).ToArray());
    }

    // POST /_emulator/deliveries/{prospect_search_id} {"count": N} → 200 {delivered, ids}; any organization's search
    private static async Task<IResult> Deliver(string prospectSearchId, HttpContext ctx, [FromServices] EmulatorState state, [FromServices] CompanyStore store)
    {
        var error = ApiErrors.ParseId(prospectSearchId, "prospect_search_id", out var searchId);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var count = Integer(body, "count", null, 0, CompanyStore.MaxDeliveryCount, problems);
        if (problems.Count > 0) return ApiErrors.Validation("The delivery is not valid.", problems);

        Guid organizationId;
        lock (state.Gate)
        {
            var search = state.ProspectSearches.FirstOrDefault(p => p.Id == searchId);
            if (search is null)
                return ApiErrors.Error(StatusCodes.Status404NotFound, "PROSPECT_SEARCH_NOT_FOUND", $"No prospect search {searchId} exists.");
            organizationId = search.OrganizationId;
        }
        lock (store.Gate)
        {
            var ids = store.Deliver(searchId, organizationId, count);
            return Json.Ok(new { delivered = ids.Count, ids });
        }
    }

    // POST /_emulator/faults {path_prefix, method?, mode?: status|drop|lost|slow|truncated|body, after?: 0, count?: unlimited,
    //   rate?: 0..1, seed?: 0, status?: 500, retry_after?: 1, delay_ms?: 2000, body?, repeat?: 1, content_type?,
//   headers?: {name: value}} → 201 the fault
    private static async Task<IResult> AddFault(HttpContext ctx, [FromServices] FaultInjector faults)
    {
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var prefix = Body.OptionalString(body, "path_prefix", "path_prefix", problems, out _);
        if (prefix is null && !problems.Any(p => p.Field == "path_prefix"))
            problems.Add(new ValidationProblem("path_prefix", "is required (e.g. /api/v1/deliveries/)"));
        else if (prefix is not null && !prefix.StartsWith('/'))
            problems.Add(new ValidationProblem("path_prefix", "must start with /", prefix));
        var method = Body.OptionalString(body, "method", "method", problems, out _);
        var mode = Body.OptionalString(body, "mode", "mode", problems, out _) ?? "status";
        if (!FaultInjector.Modes.Contains(mode)) problems.Add(new ValidationProblem("mode", "must be one of " + string.Join(", ", FaultInjector.Modes), mode));
        double? rate = null;
        if (body.TryGetProperty("rate", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.Number && r.GetDouble() is >= 0 and <= 1) rate = r.GetDouble();
            else problems.Add(new ValidationProblem("rate", "must be a number from 0 to 1", Body.Provided(r)));
        }
        var fault = new FaultInjector.Fault
        {
            Id = faults.NextId(),
            PathPrefix = prefix ?? "/",
            Method = method,
            Mode = mode,
            After = Integer(body, "after", 0, 0, int.MaxValue, problems),
            Count = Integer(body, "count", int.MaxValue, 1, int.MaxValue, problems),
            Rate = rate,
            Seed = Integer(body, "seed", 0, int.MinValue, int.MaxValue, problems),
            Status = Integer(body, "status", 500, 200, 599, problems),
            RetryAfter = Integer(body, "retry_after", 1, 0, 86400, problems),
            DelayMs = Integer(body, "delay_ms", 2000, 0, 600_000, problems),
            Body = Body.OptionalString(body, "body", "body", problems, out _),
            Repeat = Integer(body, "repeat", 1, 1, 100_000, problems),
            ContentType = Body.OptionalString(body, "content_type", "content_type", problems, out _) ?? "application/json",
            Headers = Headers(body, problems),
        };
        if (problems.Count > 0) return ApiErrors.Validation("The fault is not valid.", problems);
        return Json.Ok(faults.Add(fault).ToJson(), StatusCodes.Status201Created);
    }

    /// <summary>The optional <c>headers</c> object of a body fault: header names to string values.</summary>
    private static Dictionary<string, string> Headers(JsonElement body, List<ValidationProblem> problems)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!body.TryGetProperty("headers", out var value) || value.ValueKind == JsonValueKind.Null) return headers;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ValidationProblem("headers", "must be an object of header names and string values", Body.Provided(value)));
            return headers;
        }
        foreach (var h in value.EnumerateObject())
        {
            if (h.Value.ValueKind == JsonValueKind.String) headers[h.Name] = h.Value.GetString()!;
            else problems.Add(new ValidationProblem($"headers.{h.Name}", "must be a string", Body.Provided(h.Value)));
        }
        return headers;
    }

    /// <summary>An integer property from <paramref name="min"/> to <paramref name="max"/>; required when <paramref name="fallback"/> is null.</summary>
    private static int Integer(JsonElement body, string name, int? fallback, int min, int max, List<ValidationProblem> problems)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (fallback is { } f) return f;
            problems.Add(new ValidationProblem(name, "is required"));
            return 0;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max) return number;
        problems.Add(new ValidationProblem(name, $"must be an integer from {min} to {max}", Body.Provided(value)));
        return 0;
    }
}
