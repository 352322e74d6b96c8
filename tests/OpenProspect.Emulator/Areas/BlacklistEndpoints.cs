using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Blacklists #18–#25: create, list, get, update, delete, and bulk entries. Paths are [DOC]; bodies and answers are
/// the emulator contract of api doc §2.4 (Blacklists). Another organization's blacklist answers 404 like an
/// unknown one. Order of checks inside a handler: path ids (422) → query/body (400/422) → existence (404).
/// </summary>
public static class BlacklistEndpoints
{
    public const string ReadScope = "blacklists:read";
    public const string WriteScope = "blacklists:write";
    /// <summary>Entries per add request and ids per remove request [DOC-B: bulk up to 10,000].</summary>
    public const int MaxBatch = 10_000;
    public const int MaxNameLength = 200;

    private static readonly string[] EntryFields = { "company_name", "website_url", "external_id", "city", "country" };

    public static void Map(IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/v1/blacklists");
        lists.MapPost("", Create).RequireScopes(WriteScope);
        lists.MapGet("", List).RequireScopes(ReadScope);
        lists.MapGet("/{blacklistId}", Get).RequireScopes(ReadScope);
        lists.MapPatch("/{blacklistId}", Update).RequireScopes(WriteScope);
        lists.MapDelete("/{blacklistId}", Delete).RequireScopes(WriteScope);
        lists.MapPost("/{blacklistId}/entries", AddEntries).RequireScopes(WriteScope);
        lists.MapGet("/{blacklistId}/entries", ListEntries).RequireScopes(ReadScope);
        lists.MapDelete("/{blacklistId}/entries", RemoveEntries).RequireScopes(WriteScope);
    }

    // #18 POST /api/v1/blacklists {name, description?} → 201 blacklist
    private static async Task<IResult> Create(HttpContext ctx, [FromServices] EmulatorState state)
    {
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var name = ReadName(body, required: true, problems);
        var description = Body.OptionalString(body, "description", "description", problems, out _);
        if (problems.Count > 0) return ApiErrors.Validation("The blacklist is not valid.", problems);

        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var now = state.Now();
            var blacklist = new BlacklistRecord
            {
                Id = state.NewId(), OrganizationId = organizationId, Name = name!, Description = description,
                CreatedAt = now, UpdatedAt = now,
            };
            state.AddBlacklist(blacklist);
            return Json.Ok(blacklist.ToJson(), StatusCodes.Status201Created);
        }
    }

    // #19 GET /api/v1/blacklists?limit&offset → the organization's blacklists in creation order
    private static IResult List(HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var mine = state.Blacklists.Where(b => b.OrganizationId == organizationId).ToList();
            return Json.Ok(Paging.Envelope(mine, page, b => b.ToJson()));
        }
    }

    // #20 GET /api/v1/blacklists/{id}
    private static IResult Get(string blacklistId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(blacklistId, "blacklist_id", out var id);
        if (error is not null) return error;
        lock (state.Gate)
        {
            var blacklist = state.FindBlacklist(id, ctx.GetCaller().OrganizationId);
            return blacklist is null ? ApiErrors.BlacklistNotFound(id) : Json.Ok(blacklist.ToJson());
        }
    }

    // #21 PATCH /api/v1/blacklists/{id} {name?, description?} → 200 blacklist; updated_at always moves on
    private static async Task<IResult> Update(string blacklistId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(blacklistId, "blacklist_id", out var id);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var name = ReadName(body, required: false, problems);
        var description = Body.OptionalString(body, "description", "description", problems, out var descriptionGiven);
        if (problems.Count > 0) return ApiErrors.Validation("The update is not valid.", problems);

        lock (state.Gate)
        {
            var blacklist = state.FindBlacklist(id, ctx.GetCaller().OrganizationId);
            if (blacklist is null) return ApiErrors.BlacklistNotFound(id);
            if (name is not null) blacklist.Name = name;
            if (descriptionGiven) blacklist.Description = description;
            blacklist.UpdatedAt = state.Now();
            return Json.Ok(blacklist.ToJson());
        }
    }

    // #22 DELETE /api/v1/blacklists/{id} → 204; also leaves every prospect search's assignment
    private static IResult Delete(string blacklistId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(blacklistId, "blacklist_id", out var id);
        if (error is not null) return error;
        lock (state.Gate)
        {
            var blacklist = state.FindBlacklist(id, ctx.GetCaller().OrganizationId);
            if (blacklist is null) return ApiErrors.BlacklistNotFound(id);
            state.RemoveBlacklist(blacklist);
            return Results.NoContent();
        }
    }

    // #23 POST /api/v1/blacklists/{id}/entries {entries:[...]} → 200 {blacklist_id, added, duplicates, entry_count}
    private static async Task<IResult> AddEntries(string blacklistId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(blacklistId, "blacklist_id", out var id);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;

        error = ReadBatch(body, "entries", "entry", "entries", out var entries);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var inputs = new List<EntryInput>(entries.GetArrayLength());
        var index = 0;
        foreach (var element in entries.EnumerateArray())
        {
            var input = ReadEntry(element, $"entries[{index++}]", problems);
            if (input is not null) inputs.Add(input);
        }
        if (problems.Count > 0)
            return ApiErrors.Validation("Some entries are not valid; nothing was added.", problems);

        lock (state.Gate)
        {
            var blacklist = state.FindBlacklist(id, ctx.GetCaller().OrganizationId);
            if (blacklist is null) return ApiErrors.BlacklistNotFound(id);
            var now = state.Now();
            int added = 0, duplicates = 0;
            foreach (var input in inputs)
            {
                // Duplicates of stored entries and of earlier entries of this request are counted, not stored.
                if (blacklist.IsDuplicate(input.ExternalId, input.Domain))
                {
                    duplicates++;
                    continue;
                }
                blacklist.AddEntry(new EntryRecord
                {
                    Id = state.NewId(), BlacklistId = blacklist.Id, CompanyName = input.CompanyName, WebsiteUrl = input.WebsiteUrl,
                    ExternalId = input.ExternalId, City = input.City, Country = input.Country, CreatedAt = now, Domain = input.Domain,
                });
                added++;
            }
            if (added > 0) blacklist.UpdatedAt = now;
            return Json.Ok(new { blacklist_id = blacklist.Id, added, duplicates, entry_count = blacklist.Entries.Count });
        }
    }

    // #24 GET /api/v1/blacklists/{id}/entries?limit&offset → entries in insertion order
    private static IResult ListEntries(string blacklistId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(blacklistId, "blacklist_id", out var id);
        if (error is not null) return error;
        error = Paging.Read(ctx.Request, out var page);
        if (error is not null) return error;
        lock (state.Gate)
        {
            var blacklist = state.FindBlacklist(id, ctx.GetCaller().OrganizationId);
            return blacklist is null
                ? ApiErrors.BlacklistNotFound(id)
                : Json.Ok(Paging.Envelope(blacklist.Entries, page, e => e.ToJson()));
        }
    }

    // #25 DELETE /api/v1/blacklists/{id}/entries {entry_ids:[...]} → 200 {removed, entry_count}; unknown ids are ignored
    private static async Task<IResult> RemoveEntries(string blacklistId, HttpContext ctx, [FromServices] EmulatorState state)
    {
        var error = ApiErrors.ParseId(blacklistId, "blacklist_id", out var id);
        if (error is not null) return error;
        JsonElement body;
        (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;
        error = ReadBatch(body, "entry_ids", "entry id", "entry ids", out var ids);
        if (error is not null) return error;
        var problems = new List<ValidationProblem>();
        var wanted = new HashSet<Guid>();
        var index = 0;
        foreach (var element in ids.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && ApiErrors.TryParseUuid(element.GetString(), out var entryId)) wanted.Add(entryId);
            else problems.Add(new ValidationProblem($"entry_ids[{index}]", "must be a UUID", Body.Provided(element)));
            index++;
        }
        if (problems.Count > 0) return ApiErrors.Validation("Some entry ids are not valid; nothing was removed.", problems);

        lock (state.Gate)
        {
            var blacklist = state.FindBlacklist(id, ctx.GetCaller().OrganizationId);
            if (blacklist is null) return ApiErrors.BlacklistNotFound(id);
            var removed = blacklist.RemoveEntries(wanted);
            if (removed > 0) blacklist.UpdatedAt = state.Now();
            return Json.Ok(new { removed, entry_count = blacklist.Entries.Count });
        }
    }

    /// <summary>name: a non-blank string of at most 200 characters; required on create, optional on update.</summary>
    private static string? ReadName(JsonElement body, bool required, List<ValidationProblem> problems)
    {
        if (!body.TryGetProperty("name", out var value))
        {
            if (required) problems.Add(new ValidationProblem("name", "is required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new ValidationProblem("name", "must be a non-blank string", Body.Provided(value)));
            return null;
        }
        var name = value.GetString()!;
        if (string.IsNullOrWhiteSpace(name)) problems.Add(new ValidationProblem("name", "must not be blank", name));
        else if (name.Length > MaxNameLength) problems.Add(new ValidationProblem("name", $"must be at most {MaxNameLength} characters", name.Length));
        else return name;
        return null;
    }

    /// <summary>A required array property with 1 to <see cref="MaxBatch"/> elements.</summary>
    private static IResult? ReadBatch(JsonElement body, string property, string noun, string nouns, out JsonElement array)
    {
        if (!body.TryGetProperty(property, out array) || array.ValueKind == JsonValueKind.Null)
            return ApiErrors.Validation($"{property} is required.", property, "is required");
        if (array.ValueKind != JsonValueKind.Array)
            return ApiErrors.Validation($"{property} must be an array.", property, "must be an array", Body.Provided(array));
        var count = array.GetArrayLength();
        if (count == 0)
            return ApiErrors.Validation($"{property} must not be empty.", property, $"must hold at least 1 {noun}", count);
        if (count > MaxBatch)
            return ApiErrors.Validation($"At most {MaxBatch} {nouns} per request; split the batch.", property,
                $"must hold at most {MaxBatch} {nouns}", count);
        return null;
    }

    private sealed record EntryInput(string? CompanyName, string? WebsiteUrl, string? ExternalId, string? City, string? Country, string? Domain);

    /// <summary>
    /// One entry, or null with problems added: every field is a string or null; "" counts as absent; a value with
    /// white space at either end (including one of only white space) is refused; at least one of company_name,
    /// website_url, external_id is needed; website_url must be an absolute http(s) URL with a host.
    /// </summary>
    private static EntryInput? ReadEntry(JsonElement element, string field, List<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ValidationProblem(field, "must be an object", Body.Provided(element)));
            return null;
        }
        var before = problems.Count;
        var values = new string?[EntryFields.Length];
        for (var i = 0; i < EntryFields.Length; i++)
        {
            var name = EntryFields[i];
            var value = Body.OptionalString(element, name, $"{field}.{name}", problems, out _);
            if (string.IsNullOrEmpty(value)) continue;
            if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
                problems.Add(new ValidationProblem($"{field}.{name}", "must not start or end with white space", value));
            else values[i] = value;
        }
        var (companyName, websiteUrl, externalId, city, country) = (values[0], values[1], values[2], values[3], values[4]);
        if (problems.Count > before) return null;
        if (companyName is null && websiteUrl is null && externalId is null)
        {
            problems.Add(new ValidationProblem(field, "needs at least one of company_name, website_url, external_id", Body.Provided(element)));
            return null;
        }
        string? domain = null;
        if (websiteUrl is not null)
        {
            domain = DomainOf(websiteUrl);
            if (domain is null)
            {
                problems.Add(new ValidationProblem($"{field}.website_url", "must be an absolute http or https URL, e.g. https://www.acme.com", websiteUrl));
                return null;
            }
        }
        return new EntryInput(companyName, websiteUrl, externalId, city, country, domain);
    }

    /// <summary>The de-duplication domain of a website URL (host lower-cased, a leading "www." removed); null when it is not a URL.</summary>
    private static string? DomainOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        var host = uri.Host.ToLowerInvariant();
        if (host.Length == 0) return null;
        return host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4 ? host[4..] : host;
    }
}
