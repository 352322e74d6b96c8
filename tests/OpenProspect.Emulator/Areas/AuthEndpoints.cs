using OpenProspect.Emulator.Infrastructure;

namespace OpenProspect.Emulator.Areas;

/// <summary>#1 GET /api/v1/auth/validate: any active key; answers with its scopes.</summary>
public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/auth/validate", (HttpContext ctx) => Json.Ok(new { valid = true, scopes = ctx.GetCaller().Key.Scopes }));
}
