using System.Text.Json;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;
using Problem = OpenProspect.Emulator.Infrastructure.ApiErrors.ValidationProblem;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Blacklists (#18–#27): CRUD, bulk entries (≤ 10,000 per request, de-duplicated on external id and website
/// domain), and the blacklists assigned to a prospect search. Other organizations' lists answer 404.
/// </summary>
public static class BlacklistEndpoints
{
    public const int MaxBatch = 10_000;
    private const string Read = "blacklists:read";
    private const string Write = "blacklists:write";

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var lists = app.MapGroup("/api/v1/blacklists");
        lists.MapPost("", (Func<HttpContext, Task<IResult>>)(ctx => Create(ctx, state))).RequireScopes(Write);
        lists.MapGet("", (HttpContext ctx) => List(ctx, state)).RequireScopes(Read);
        lists.MapGet("/{id}", (string id, HttpContext ctx) => WithList(ctx, state, id, b => Json.Ok(b.ToJson()))).RequireScopes(Read);
        lists.MapPatch("/{id}", (string id, HttpContext ctx) => Update(ctx, state, id)).RequireScopes(Write);
        lists.MapDelete("/{id}", (string id, HttpContext ctx) => Delete(ctx, state, id)).RequireScopes(Write);
        lists.MapPost("/{id}/entries", (string id, HttpContext ctx) => AddEntries(ctx, state, id)).RequireScopes(Write);
        lists.MapGet("/{id}/entries", (string id, HttpContext ctx) => ListEntries(ctx, state, id)).RequireScopes(Read);
        lists.MapDelete("/{id}/entries", (string id, HttpContext ctx) => RemoveEntries(ctx, state, id)).RequireScopes(Write);

        var assigned = app.MapGroup("/api/v1/prospect-searches/{searchId}/blacklists");
        assigned.MapGet("", (string searchId, HttpContext ctx) => GetAssignment(ctx, state, searchId)).RequireScopes(Read);
        assigned.MapPut("", (string searchId, HttpContext ctx) => SetAssignment(ctx, state, searchId)).RequireScopes(Write);
    }

    private static async Task<IResult> Create(HttpContext ctx, EmulatorState state)
    {
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<Problem>();
        var name = Body.String(body, "name", "name", problems);
        var description = Body.String(body, "description", "description", problems);
        if (string.IsNullOrWhiteSpace(name)) problems.Add(new("name", "is required and must not be blank", name));
        else if (name.Length > 200) problems.Add(new("name", "must be at most 200 characters", name.Length));
        if (problems.Count > 0) return ApiErrors.Validation("The blacklist is not valid", problems);

        lock (state.Gate)
        {
            var now = DateTimeOffset.UtcNow;
            var record = new BlacklistRecord
            {
                Id = state.NewId(), OrganizationId = ctx.GetCaller().OrganizationId, Name = name!, Description = description,
                CreatedAt = now, UpdatedAt = now,
            };
            state.Blacklists.Add(record);
            return Json.Ok(record.ToJson(), 201);
        }
    }

    private static IResult List(HttpContext ctx, EmulatorState state)
    {
        if (!Paging.TryRead(ctx.Request, out var limit, out var offset, out var error)) return error!;
        lock (state.Gate)
        {
            var mine = state.Blacklists.Where(b => b.OrganizationId == ctx.GetCaller().OrganizationId).ToList();
            return Json.Ok(Paging.Envelope(mine, limit, offset, b => b.ToJson()));
        }
    }

    /// <summary>Runs <paramref name="action"/> under the lock with the caller's blacklist, or answers 422/404.</summary>
    private static IResult WithList(HttpContext ctx, EmulatorState state, string id, Func<BlacklistRecord, IResult> action)
    {
        if (!ApiErrors.TryParseId(id, "blacklist_id", out var guid, out var error)) return error!;
        lock (state.Gate)
        {
            var list = state.FindBlacklist(guid, ctx.GetCaller().OrganizationId);
            return list is null ? ApiErrors.BlacklistNotFound(id) : action(list);
        }
    }

    private static async Task<IResult> Update(HttpContext ctx, EmulatorState state, string id)
    {
        if (!ApiErrors.TryParseId(id, "blacklist_id", out _, out var idError)) return idError!;
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<Problem>();
        var name = Body.String(body, "name", "name", problems);
        var description = Body.String(body, "description", "description", problems);
        if (body.TryGetProperty("name", out _) && string.IsNullOrWhiteSpace(name)) problems.Add(new("name", "must not be blank", name));
        if (problems.Count > 0) return ApiErrors.Validation("The update is not valid", problems);
        return WithList(ctx, state, id, b =>
        {
            if (name is not null) b.Name = name;
            if (body.TryGetProperty("description", out _)) b.Description = description;
            b.UpdatedAt = DateTimeOffset.UtcNow;
            return Json.Ok(b.ToJson());
        });
    }

    private static IResult Delete(HttpContext ctx, EmulatorState state, string id) =>
        WithList(ctx, state, id, b =>
        {
            state.Blacklists.Remove(b);
            foreach (var assigned in state.Assignments.Values) assigned.Remove(b.Id);
            return Results.NoContent();
        });

    private static async Task<IResult> AddEntries(HttpContext ctx, EmulatorState state, string id)
    {
        if (!ApiErrors.TryParseId(id, "blacklist_id", out _, out var idError)) return idError!;
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        if (!body.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() == 0)
            return ApiErrors.Validation("entries must be a non-empty array", new Problem("entries", "is required and must hold 1 to 10000 entries", null));
        if (entries.GetArrayLength() > MaxBatch)
            return ApiErrors.Validation($"At most {MaxBatch} entries per request", new Problem("entries", $"must hold at most {MaxBatch} entries", entries.GetArrayLength()));

        var problems = new List<Problem>();
        var parsed = new List<EntryInput>(entries.GetArrayLength());
        int index = 0;
        foreach (var e in entries.EnumerateArray())
        {
            var field = $"entries[{index++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(field, "must be an object", e.ToString()));
                continue;
            }
            var input = new EntryInput(
                Value(e, "company_name", field, problems), Value(e, "website_url", field, problems), Value(e, "external_id", field, problems),
                Value(e, "city", field, problems), Value(e, "country", field, problems));
            if (input.CompanyName is null && input.WebsiteUrl is null && input.ExternalId is null)
                problems.Add(new(field, "needs at least one of company_name, website_url, external_id", null));
            string? domain = null;
            if (input.WebsiteUrl is { } url)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https") || !uri.Host.Contains('.'))
                    problems.Add(new(field + ".website_url", "must be an absolute http or https URL", url));
                else domain = DomainOf(uri);
            }
            parsed.Add(input with { Domain = domain });
        }
        if (problems.Count > 0) return ApiErrors.Validation("Some entries are not valid; nothing was added", problems);

        return WithList(ctx, state, id, b =>
        {
            int added = 0, duplicates = 0;
            var now = DateTimeOffset.UtcNow;
            foreach (var input in parsed)
            {
                bool dup = (input.ExternalId is { } ext && b.ExternalIds.Contains(ext)) || (input.Domain is { } d && b.Domains.Contains(d));
                if (dup)
                {
                    duplicates++;
                    continue;
                }
                if (input.ExternalId is not null) b.ExternalIds.Add(input.ExternalId);
                if (input.Domain is not null) b.Domains.Add(input.Domain);
                b.Entries.Add(new EntryRecord
                {
                    Id = state.NewId(), BlacklistId = b.Id, CompanyName = input.CompanyName, WebsiteUrl = input.WebsiteUrl,
                    ExternalId = input.ExternalId, City = input.City, Country = input.Country, CreatedAt = now, Domain = input.Domain,
                });
                added++;
            }
            b.UpdatedAt = now;
            return Json.Ok(new { blacklist_id = b.Id, added, duplicates, entry_count = b.Entries.Count });
        });
    }

    private static IResult ListEntries(HttpContext ctx, EmulatorState state, string id)
    {
        if (!ApiErrors.TryParseId(id, "blacklist_id", out _, out var idError)) return idError!;
        if (!Paging.TryRead(ctx.Request, out var limit, out var offset, out var error)) return error!;
        return WithList(ctx, state, id, b => Json.Ok(Paging.Envelope(b.Entries, limit, offset, e => e.ToJson())));
    }

    private static async Task<IResult> RemoveEntries(HttpContext ctx, EmulatorState state, string id)
    {
        if (!ApiErrors.TryParseId(id, "blacklist_id", out _, out var idError)) return idError!;
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        if (!body.TryGetProperty("entry_ids", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() is 0 or > MaxBatch)
            return ApiErrors.Validation("entry_ids must hold 1 to 10000 ids", new Problem("entry_ids", "must be an array of 1 to 10000 UUIDs", null));
        var wanted = new HashSet<Guid>();
        var problems = new List<Problem>();
        int i = 0;
        foreach (var v in ids.EnumerateArray())
        {
            if (v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var g)) wanted.Add(g);
            else problems.Add(new($"entry_ids[{i}]", "must be a UUID", v.ToString()));
            i++;
        }
        if (problems.Count > 0) return ApiErrors.Validation("Some entry ids are not valid; nothing was removed", problems);
        return WithList(ctx, state, id, b =>
        {
            int before = b.Entries.Count;
            b.Entries.RemoveAll(e => wanted.Contains(e.Id));
            b.ExternalIds.Clear();
            b.Domains.Clear();
            foreach (var e in b.Entries)
            {
                if (e.ExternalId is not null) b.ExternalIds.Add(e.ExternalId);
                if (e.Domain is not null) b.Domains.Add(e.Domain);
            }
            b.UpdatedAt = DateTimeOffset.UtcNow;
            return Json.Ok(new { removed = before - b.Entries.Count, entry_count = b.Entries.Count });
        });
    }

    private static IResult GetAssignment(HttpContext ctx, EmulatorState state, string searchId)
    {
        if (!ApiErrors.TryParseId(searchId, "prospect_search_id", out var sid, out var idError)) return idError!;
        if (!Paging.TryRead(ctx.Request, out var limit, out var offset, out var error)) return error!;
        lock (state.Gate)
        {
            var org = ctx.GetCaller().OrganizationId;
            if (state.FindProspectSearch(sid, org) is null) return ApiErrors.ProspectSearchNotFound(searchId);
            return Json.Ok(Paging.Envelope(Assigned(state, sid, org), limit, offset, b => b.ToJson()));
        }
    }

    private static async Task<IResult> SetAssignment(HttpContext ctx, EmulatorState state, string searchId)
    {
        if (!ApiErrors.TryParseId(searchId, "prospect_search_id", out var sid, out var idError)) return idError!;
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        if (!body.TryGetProperty("blacklist_ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
            return ApiErrors.Validation("blacklist_ids is required", new Problem("blacklist_ids", "must be an array of UUIDs ([] clears)", null));
        var wanted = new List<Guid>();
        var problems = new List<Problem>();
        int i = 0;
        foreach (var v in ids.EnumerateArray())
        {
            if (v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var g)) { if (!wanted.Contains(g)) wanted.Add(g); }
            else problems.Add(new($"blacklist_ids[{i}]", "must be a UUID", v.ToString()));
            i++;
        }
        if (problems.Count > 0) return ApiErrors.Validation("Some blacklist ids are not valid", problems);
        lock (state.Gate)
        {
            var org = ctx.GetCaller().OrganizationId;
            if (state.FindProspectSearch(sid, org) is null) return ApiErrors.ProspectSearchNotFound(searchId);
            var unknown = wanted.FirstOrDefault(g => state.FindBlacklist(g, org) is null);
            if (unknown != Guid.Empty) return ApiErrors.BlacklistNotFound(unknown.ToString());
            state.Assignments[sid] = wanted;
            var now = Assigned(state, sid, org);
            return Json.Ok(Paging.Envelope(now, 100, 0, b => b.ToJson()));
        }
    }

    private static List<BlacklistRecord> Assigned(EmulatorState state, Guid searchId, Guid org) =>
        state.Assignments.TryGetValue(searchId, out var ids)
            ? ids.Select(g => state.FindBlacklist(g, org)).Where(b => b is not null).Select(b => b!).ToList()
            : new List<BlacklistRecord>();

    private sealed record EntryInput(string? CompanyName, string? WebsiteUrl, string? ExternalId, string? City, string? Country)
    {
        public string? Domain { get; init; }
    }

    /// <summary>A string field: blank counts as absent; surrounding white space is refused, as the API does.</summary>
    private static string? Value(JsonElement e, string name, string field, List<Problem> problems)
    {
        var v = Body.String(e, name, $"{field}.{name}", problems);
        if (v is null || v.Trim().Length == 0) return null;
        if (v.Trim().Length != v.Length)
        {
            problems.Add(new($"{field}.{name}", "must not start or end with white space", v));
            return null;
        }
        return v;
    }

    private static string DomainOf(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}
