using OpenProspect.Emulator.Infrastructure;

namespace OpenProspect.Emulator.Areas;

/// <summary>#1 GET /api/v1/auth/validate: any active key, no scope needed; answers with the key's scopes [DOC].</summary>
public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/auth/validate", Validate);
    }

    // Authentication already refused missing, malformed, unknown, expired and revoked keys with 401,
    // so reaching the handler means the key is valid: the API never answers 200 with valid:false.
    private static IResult Validate(HttpContext ctx) =>
        Json.Ok(new { valid = true, scopes = ctx.GetCaller().Key.Scopes });
}
