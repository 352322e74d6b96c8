using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Orders #4–#7 [DOC paths and scopes]. Bodies and answers are the emulator contract (api doc §2.4 #4, §3, all
/// [INFERRED] there): ENRICHMENT takes companies, DISCOVERY takes briefing_quantity and optional blacklist_ids.
/// The status follows the --order-seconds clock (see <see cref="OrderRecord"/>). The list uses the items envelope
/// like every other list; the alternate dialect answers the gen-B "orders" key and "order_id" instead (the §2.4 #5
/// conflict, see <see cref="ResourceShape.Order"/>). Results use the items envelope and are only there once the
/// order is COMPLETED (409 ORDER_NOT_COMPLETED before). Order of checks: 422 → 404 → 409.
/// </summary>
public static class OrderEndpoints
{
    public const string ReadScope = "orders:read";
    public const string WriteScope = "orders:write";
    public const int MaxCompanies = 10_000;
    public const int MaxBriefingQuantity = 1000;

    private static readonly string[] OrderTypes = { "ENRICHMENT", "DISCOVERY" };
    private static readonly string[] Features = { "COMPANY_DATA", "CONTACTS", "TECHNOLOGIES", "LEGAL_DATA", "MATCH_SCORING" };
    private static readonly string[] CompanyFields = { "website_url", "external_id", "city", "country" };

    public static void Map(IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders");
        orders.MapPost("", Create).RequireScopes(WriteScope).WithResourceShape(ResourceShape.Order);
        orders.MapGet("", List).RequireScopes(ReadScope).WithResourceShape(ResourceShape.Order);
        orders.MapGet("/{orderId}", Get).RequireScopes(ReadScope).WithResourceShape(ResourceShape.Order);
        orders.MapGet("/{orderId}/results", GetResults).RequireScopes(ReadScope);
    }

    /// <summary>The control-plane routes of this area, on the /_emulator group.</summary>
    public static void MapControl(IEndpointRouteBuilder control) => control.MapPost("/orders/{orderId}/status", SetStatus);

    private sealed record OrderInput(string OrderType, Guid ProfileId, string? Title, List<string> Features, int BriefingQuantity,
        List<OrderCompanyInput> Companies, List<Guid> BlacklistIds);

    // #4 POST /api/v1/orders → 201 order, status RECEIVED
    private static async Task<IResult> Create(HttpContext ctx, [FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var input = ReadOrder(body, problems);
        if (input is null) return ApiErrors.Validation("The order is not valid.", problems);

        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (!state.ProfileCreations.Any(c => c.ProfileId == input.ProfileId && c.OrganizationId == organizationId
                    && c.StatusAt(now, timing).Status == "SUCCEEDED"))
                return SearchProfileEndpoints.EntityNotFound("search_profile", input.ProfileId,
                    $"Search profile {input.ProfileId} was not found in your organization, or its creation has not SUCCEEDED.");
            var blacklists = new List<BlacklistRecord>();
            foreach (var id in input.BlacklistIds)
            {
                var blacklist = state.FindBlacklist(id, organizationId);
                if (blacklist is null) return ApiErrors.BlacklistNotFound(id);
                blacklists.Add(blacklist);
            }
            var order = new OrderRecord
            {
                Id = state.NewId(), OrganizationId = organizationId, OrderType = input.OrderType, Title = input.Title,
                ProfileId = input.ProfileId, Features = input.Features, BlacklistIds = input.BlacklistIds, CreatedAt = state.Now(),
                BriefingQuantity = input.BriefingQuantity, Companies = input.Companies,
                PoolIndexes = input.OrderType == "DISCOVERY" ? Discover(state.Pool, blacklists, input.BriefingQuantity) : Array.Empty<int>(),
            };
            state.AddOrder(order);
            return Json.Ok(order.ToJson(order.CreatedAt, timing), StatusCodes.Status201Created);
        }
    }

    // #5 GET /api/v1/orders?limit&offset → items envelope, in creation order
    private static IResult List(HttpContext ctx, [FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        var error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var now = DateTimeOffset.UtcNow;
            var mine = state.Orders.Where(o => o.OrganizationId == organizationId).ToList();
            return Json.Ok(Paging.Envelope(mine, page, o => o.ToJson(now, timing)));
        }
    }

    // #6 GET /api/v1/orders/{id} → 200 order with its current status
    private static IResult Get(string orderId, HttpContext ctx, [FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        var error = ApiErrors.ParseId(orderId, "order_id", out var id);
        if (error is not null) return error;
        lock (state.Gate)
        {
            var order = state.FindOrder(id, ctx.GetCaller().OrganizationId);
            return order is null ? OrderNotFound(id) : Json.Ok(order.ToJson(DateTimeOffset.UtcNow, timing));
        }
    }

    // #7 GET /api/v1/orders/{id}/results?limit&offset → items envelope of results; 409 until COMPLETED
    private static IResult GetResults(string orderId, HttpContext ctx, [FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        var error = ApiErrors.ParseId(orderId, "order_id", out var id);
        if (error is not null) return error;
        error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        lock (state.Gate)
        {
            var order = state.FindOrder(id, ctx.GetCaller().OrganizationId);
            if (order is null) return OrderNotFound(id);
            var status = order.StatusAt(DateTimeOffset.UtcNow, timing).Status;
            if (status != "COMPLETED")
                return ApiErrors.Error(StatusCodes.Status409Conflict, "ORDER_NOT_COMPLETED",
                    $"Order {id} is {status}; results are available once it is COMPLETED", new { status });
            var indexes = Enumerable.Range(0, order.ResultCount).ToArray();
            return Json.Ok(Paging.Envelope(indexes, page, i => order.ResultJson(i, state.Pool)));
        }
    }

    // POST /_emulator/orders/{id}/status {status, message?} → 204; the order stays at that status
    private static async Task<IResult> SetStatus(string orderId, HttpContext ctx, [FromServices] EmulatorState state,
        [FromServices] OrderTiming timing)
    {
        var error = ApiErrors.ParseId(orderId, "order_id", out var id);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var status = Body.OptionalString(body, "status", "status", problems, out _);
        var message = Body.OptionalString(body, "message", "message", problems, out _);
        if (problems.Count == 0 && (status is null || !OrderRecord.Statuses.Contains(status)))
            problems.Add(new ValidationProblem("status", "must be one of " + string.Join(", ", OrderRecord.Statuses), status));
        if (problems.Count > 0) return ApiErrors.Validation("The status is not valid.", problems);

        lock (state.Gate)
        {
            var order = state.FindOrder(id);
            if (order is null) return ApiErrors.NotFound($"No order has the id {id}.");
            message ??= OrderRecord.DefaultMessage(status!);
            var current = order.StatusAt(DateTimeOffset.UtcNow, timing);
            order.Frozen = current.Status == status && current.Message == message ? current : new StatusSnapshot(status!, message, state.Now());
            return Results.NoContent();
        }
    }

    private static IResult OrderNotFound(Guid id) =>
        ApiErrors.Error(StatusCodes.Status404NotFound, "ORDER_NOT_FOUND",
            $"Order {id} was not found in your organization; GET /api/v1/orders lists the orders you can see.");

    /// <summary>
    /// The first <paramref name="quantity"/> pool companies that no entry of the blacklists matches: on website
    /// domain, on company name and city (an entry with a city), or on company name alone (one without), ignoring case.
    /// </summary>
    private static int[] Discover(DiscoveryPool pool, List<BlacklistRecord> blacklists, int quantity)
    {
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var namesInCities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in blacklists.SelectMany(b => b.Entries))
        {
            if (entry.Domain is not null) domains.Add(entry.Domain);
            if (entry.CompanyName is null) continue;
            if (entry.City is null) names.Add(entry.CompanyName);
            else namesInCities.Add(entry.CompanyName + "\n" + entry.City);
        }
        var chosen = new List<int>(quantity);
        for (var i = 0; i < pool.Companies.Count && chosen.Count < quantity; i++)
        {
            var company = pool.Companies[i];
            if (domains.Contains(company.Domain) || names.Contains(company.Name) || namesInCities.Contains(company.Name + "\n" + company.City))
                continue;
            chosen.Add(i);
        }
        return chosen.ToArray();
    }

    /// <summary>The order body, or null with the problems (at most the first 100 are answered).</summary>
    private static OrderInput? ReadOrder(JsonElement body, List<ValidationProblem> problems)
    {
        var orderType = RequiredString(body, "order_type", "is required: ENRICHMENT or DISCOVERY", problems);
        if (orderType is not null && !OrderTypes.Contains(orderType))
        {
            problems.Add(new ValidationProblem("order_type", "must be ENRICHMENT or DISCOVERY", orderType));
            orderType = null;
        }
        var profileText = RequiredString(body, "profile_id", "is required: the profile_id of a SUCCEEDED search-profile creation", problems);
        var profileId = Guid.Empty;
        if (profileText is not null && !ApiErrors.TryParseUuid(profileText, out profileId))
            problems.Add(new ValidationProblem("profile_id", "must be a UUID", profileText));
        var title = Body.OptionalString(body, "title", "title", problems, out _);
        var features = BodyArrays.Strings(body, "features", problems,
            f => Features.Contains(f) ? null : "must be one of " + string.Join(", ", Features)) ?? new List<string>();

        var quantity = 0;
        var companies = new List<OrderCompanyInput>();
        var blacklistIds = new List<Guid>();
        if (orderType == "ENRICHMENT")
        {
            if (BodyArrays.IsPresent(body, "briefing_quantity"))
                problems.Add(new ValidationProblem("briefing_quantity", "must not be sent for ENRICHMENT orders; it is the number of companies",
                    Body.Provided(body.GetProperty("briefing_quantity"))));
            if (BodyArrays.IsPresent(body, "blacklist_ids"))
                problems.Add(new ValidationProblem("blacklist_ids", "is only allowed on DISCOVERY orders", Summary(body.GetProperty("blacklist_ids"))));
            companies = ReadCompanies(body, problems);
            quantity = companies.Count;
        }
        else if (orderType == "DISCOVERY")
        {
            if (BodyArrays.IsPresent(body, "companies"))
                problems.Add(new ValidationProblem("companies", "must not be sent for DISCOVERY orders; send briefing_quantity",
                    Summary(body.GetProperty("companies"))));
            quantity = ReadQuantity(body, problems);
            var ids = BodyArrays.Strings(body, "blacklist_ids", problems, v => ApiErrors.TryParseUuid(v, out _) ? null : "must be a UUID");
            foreach (var text in ids ?? new List<string>())
                if (ApiErrors.TryParseUuid(text, out var id) && !blacklistIds.Contains(id)) blacklistIds.Add(id);
        }
        if (problems.Count > 0) return null;
        return new OrderInput(orderType!, profileId, title, features.Distinct().ToList(), quantity, companies, blacklistIds);
    }

    private static int ReadQuantity(JsonElement body, List<ValidationProblem> problems)
    {
        if (!BodyArrays.IsPresent(body, "briefing_quantity"))
        {
            problems.Add(new ValidationProblem("briefing_quantity", $"is required for DISCOVERY orders: the number of companies to deliver, 1 to {MaxBriefingQuantity}"));
            return 0;
        }
        var value = body.GetProperty("briefing_quantity");
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var quantity) && quantity is >= 1 and <= MaxBriefingQuantity)
            return quantity;
        problems.Add(new ValidationProblem("briefing_quantity", $"must be an integer from 1 to {MaxBriefingQuantity}", Body.Provided(value)));
        return 0;
    }

    /// <summary>companies: 1–10,000 objects, each with a non-blank company_name; the other fields strings or null.</summary>
    private static List<OrderCompanyInput> ReadCompanies(JsonElement body, List<ValidationProblem> problems)
    {
        var companies = new List<OrderCompanyInput>();
        if (!BodyArrays.IsPresent(body, "companies"))
        {
            problems.Add(new ValidationProblem("companies", $"is required for ENRICHMENT orders: 1 to {MaxCompanies} companies"));
            return companies;
        }
        var array = body.GetProperty("companies");
        var problem = array.ValueKind != JsonValueKind.Array ? new ValidationProblem("companies", "must be an array of companies", Body.Provided(array))
            : array.GetArrayLength() == 0 ? new ValidationProblem("companies", "must hold at least 1 company", 0)
            : array.GetArrayLength() > MaxCompanies
                ? new ValidationProblem("companies", $"must hold at most {MaxCompanies} companies; split them into several orders", array.GetArrayLength())
                : null;
        if (problem is not null)
        {
            problems.Add(problem);
            return companies;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var field = $"companies[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ValidationProblem(field, "must be an object", Body.Provided(element)));
                continue;
            }
            var before = problems.Count;
            var name = RequiredString(element, "company_name", "is required", problems, field + ".");
            if (name is not null && string.IsNullOrWhiteSpace(name))
                problems.Add(new ValidationProblem(field + ".company_name", "must not be blank", name));
            var values = CompanyFields.Select(f => Body.OptionalString(element, f, $"{field}.{f}", problems, out _)).ToArray();
            if (problems.Count > before) continue;
            companies.Add(new OrderCompanyInput(name!, NullIfEmpty(values[0]), NullIfEmpty(values[1]), NullIfEmpty(values[2]), NullIfEmpty(values[3])));
        }
        return companies;
    }

    /// <summary>A required string property: a problem when absent or null (or, through Body, not a string).</summary>
    private static string? RequiredString(JsonElement obj, string name, string requirement, List<ValidationProblem> problems, string prefix = "")
    {
        var before = problems.Count;
        var value = Body.OptionalString(obj, name, prefix + name, problems, out _);
        if (value is null && problems.Count == before) problems.Add(new ValidationProblem(prefix + name, requirement));
        return value;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>What to show as "provided" for a value that may be a long array: its length.</summary>
    private static object? Summary(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : Body.Provided(value);
}
