using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>
/// Search-profile creations #2/#3 [DOC paths and scopes]. POST needs an Idempotency-Key (422 without one); the
/// Idempotency middleware replays a repeated key with the same body and answers 409 to another body (this is the
/// one endpoint whose key the docs document, so it is honoured in every --idempotency mode). The status
/// follows the --profile-seconds clock (see <see cref="ProfileCreationRecord"/>). Another organization's creation
/// answers 404 ENTITY_NOT_FOUND with entity_type and identifier at the top level (gen-B style).
/// </summary>
public static class SearchProfileEndpoints
{
    public const string ReadScope = "orders:read";
    public const string WriteScope = "orders:write";
    public const int MaxNameLength = 200;

    private static readonly string[] ListFields = { "target_cities", "target_industries", "excluded_industries", "contact_roles" };

    public static void Map(IEndpointRouteBuilder app)
    {
        var creations = app.MapGroup("/api/v1/search-profile-creations").WithResourceShape(ResourceShape.ProfileCreation);
        creations.MapPost("", Create).RequireScopes(WriteScope).HonoursIdempotencyKey();
        creations.MapGet("/{profileCreationId}", Get).RequireScopes(ReadScope);
    }

    /// <summary>The control-plane routes of this area, on the /_emulator group.</summary>
    public static void MapControl(IEndpointRouteBuilder control)
    {
        control.MapGet("/profiles", ListProfiles);
        control.MapPost("/profile-creations/{profileCreationId}/status", SetStatus);
    }

    /// <summary>404 ENTITY_NOT_FOUND with the gen-B top-level fields entity_type and identifier.</summary>
    public static IResult EntityNotFound(string entityType, Guid id, string message) =>
        Json.Ok(new Dictionary<string, object?>
        {
            ["code"] = "ENTITY_NOT_FOUND", ["message"] = message, ["entity_type"] = entityType, ["identifier"] = id.ToString(),
        }, StatusCodes.Status404NotFound);

    // #2 POST /api/v1/search-profile-creations (Idempotency-Key required) → 201 creation, status PENDING
    private static async Task<IResult> Create(HttpContext ctx, [FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        if (string.IsNullOrWhiteSpace(ctx.Request.Headers[Idempotency.HeaderName].ToString()))
            return ApiErrors.Validation($"The {Idempotency.HeaderName} header is required; reuse a key only to retry the identical request.",
                Idempotency.HeaderName, "is required");
        var (body, error) = await Body.ReadObjectAsync(ctx.Request);
        if (error is not null) return error;

        var problems = new List<ValidationProblem>();
        var name = RequiredText(body, "profile_name", MaxNameLength, problems);
        var idealCustomerProfile = RequiredText(body, "ideal_customer_profile", null, problems);
        Body.OptionalString(body, "seller_offering", "seller_offering", problems, out _);
        Body.OptionalString(body, "seller_industry", "seller_industry", problems, out _);
        BodyArrays.Strings(body, "target_countries", problems,
            v => IsCode(v, 'A', 'Z') ? null : "must be an ISO 3166-1 alpha-2 code of 2 upper-case letters, e.g. DE");
        foreach (var field in ListFields) BodyArrays.Strings(body, field, problems);
        var language = Body.OptionalString(body, "output_language", "output_language", problems, out _);
        if (language is not null && !IsCode(language, 'a', 'z'))
            problems.Add(new ValidationProblem("output_language", "must be an ISO 639-1 code of 2 lower-case letters, e.g. en", language));
        if (problems.Count > 0) return ApiErrors.Validation("The search profile is not valid.", problems);

        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var creation = new ProfileCreationRecord
            {
                Id = state.NewId(), OrganizationId = organizationId, ProfileId = state.NewId(), ProfileName = name!,
                IdealCustomerProfile = idealCustomerProfile!, CreatedAt = state.Now(),
            };
            state.ProfileCreations.Add(creation);
            return Json.Ok(creation.ToJson(creation.CreatedAt, timing), StatusCodes.Status201Created);
        }
    }

    // #3 GET /api/v1/search-profile-creations/{id} → 200 creation with its current status
    private static IResult Get(string profileCreationId, HttpContext ctx, [FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        var error = ApiErrors.ParseId(profileCreationId, "profile_creation_id", out var id);
        if (error is not null) return error;
        var organizationId = ctx.GetCaller().OrganizationId;
        lock (state.Gate)
        {
            var creation = state.ProfileCreations.FirstOrDefault(c => c.Id == id && c.OrganizationId == organizationId);
            return creation is null
                ? EntityNotFound("search_profile_creation", id, $"Search profile creation {id} was not found in your organization.")
                : Json.Ok(creation.ToJson(DateTimeOffset.UtcNow, timing));
        }
    }

    // GET /_emulator/profiles → every creation (seeded ones first): profile_id is null until SUCCEEDED
    private static IResult ListProfiles([FromServices] EmulatorState state, [FromServices] OrderTiming timing)
    {
        var now = DateTimeOffset.UtcNow;
        lock (state.Gate)
            return Json.Ok(state.ProfileCreations.Select(c =>
            {
                var status = c.StatusAt(now, timing).Status;
                return new
                {
                    profile_id = status == "SUCCEEDED" ? c.ProfileId : (Guid?)null,
                    name = c.ProfileName,
                    status,
                    organization = state.OrganizationName(c.OrganizationId),
                    organization_id = c.OrganizationId,
                    profile_creation_id = c.Id,
                };
            }).ToArray());
    }

    // POST /_emulator/profile-creations/{id}/status {status} → 204; the creation stays at that status
    private static async Task<IResult> SetStatus(string profileCreationId, HttpContext ctx, [FromServices] EmulatorState state,
        [FromServices] OrderTiming timing)
    {
        var error = ApiErrors.ParseId(profileCreationId, "profile_creation_id", out var id);
        if (error is not null) return error;
        var (body, bodyError) = await Body.ReadObjectAsync(ctx.Request);
        if (bodyError is not null) return bodyError;
        var problems = new List<ValidationProblem>();
        var status = Body.OptionalString(body, "status", "status", problems, out _);
        if (problems.Count == 0 && (status is null || !ProfileCreationRecord.Statuses.Contains(status)))
            problems.Add(new ValidationProblem("status", "must be one of " + string.Join(", ", ProfileCreationRecord.Statuses), status));
        if (problems.Count > 0) return ApiErrors.Validation("The status is not valid.", problems);

        lock (state.Gate)
        {
            var creation = state.ProfileCreations.FirstOrDefault(c => c.Id == id);
            if (creation is null) return ApiErrors.NotFound($"No search profile creation has the id {id}.");
            var current = creation.StatusAt(DateTimeOffset.UtcNow, timing);
            var message = status == "FAILED" ? ProfileCreationRecord.FailedMessage : null;
            creation.Frozen = current.Status == status ? current : new StatusSnapshot(status!, message, state.Now());
            return Results.NoContent();
        }
    }

    /// <summary>A required non-blank string, at most <paramref name="maxLength"/> characters when given.</summary>
    private static string? RequiredText(JsonElement body, string name, int? maxLength, List<ValidationProblem> problems)
    {
        var before = problems.Count;
        var value = Body.OptionalString(body, name, name, problems, out _);
        if (problems.Count > before) return null;
        if (string.IsNullOrWhiteSpace(value)) problems.Add(new ValidationProblem(name, "is required and must not be blank", value));
        else if (value.Length > maxLength) problems.Add(new ValidationProblem(name, $"must be at most {maxLength} characters", value.Length));
        else return value;
        return null;
    }

    private static bool IsCode(string value, char low, char high) =>
        value.Length == 2 && value[0] >= low && value[0] <= high && value[1] >= low && value[1] <= high;
}

/// <summary>Array fields of request bodies, with a problem per bad element (field like "features[2]").</summary>
public static class BodyArrays
{
    /// <summary>True when the property is in the object with a value other than null.</summary>
    public static bool IsPresent(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>
    /// An optional array of strings: null when absent or null; a problem for a non-array, for an element that is not
    /// a string, and for one that <paramref name="check"/> refuses (it returns the error text, or null when fine).
    /// </summary>
    public static List<string>? Strings(JsonElement body, string name, List<ValidationProblem> problems, Func<string, string?>? check = null)
    {
        if (!IsPresent(body, name)) return null;
        var array = body.GetProperty(name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new ValidationProblem(name, "must be an array of strings", Body.Provided(array)));
            return null;
        }
        var values = new List<string>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var field = $"{name}[{index++}]";
            if (element.ValueKind != JsonValueKind.String)
            {
                problems.Add(new ValidationProblem(field, "must be a string", Body.Provided(element)));
                continue;
            }
            var value = element.GetString()!;
            var problem = check?.Invoke(value);
            if (problem is null) values.Add(value);
            else problems.Add(new ValidationProblem(field, problem, value));
        }
        return values;
    }
}
