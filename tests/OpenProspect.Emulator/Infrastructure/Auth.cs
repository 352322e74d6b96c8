using System.Text.RegularExpressions;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>The caller of an API request, resolved from the bearer key.</summary>
public sealed record Caller(ApiKeyRecord Key)
{
    public Guid OrganizationId => Key.OrganizationId;
}

/// <summary>
/// Bearer-key authentication for /api/v1 (401 UNAUTHORIZED for missing, malformed, unknown, expired or revoked
/// keys) and the per-endpoint scope check (403 AUTHORIZATION_ERROR with required and user scopes).
/// </summary>
public static partial class Auth
{
    public const string CallerItem = "op.caller";

    [GeneratedRegex("^lnc_(live|test)_[A-Za-z0-9]+$")]
    private static partial Regex KeyShape();

    public static Caller GetCaller(this HttpContext ctx) => (Caller)ctx.Items[CallerItem]!;

    public static IApplicationBuilder UseApiKeyAuthentication(this IApplicationBuilder app, EmulatorState state, RateLimiter limiter) =>
        app.Use(async (ctx, next) =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/api/v1"))
            {
                await next();
                return;
            }
            var header = ctx.Request.Headers.Authorization.ToString();
            string? problem = null;
            ApiKeyRecord? key = null;
            if (string.IsNullOrEmpty(header)) problem = "Missing Authorization header; send 'Authorization: Bearer lnc_live_...'";
            else if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) problem = "The Authorization header must use the Bearer scheme";
            else
            {
                var token = header["Bearer ".Length..];
                if (!KeyShape().IsMatch(token)) problem = "Malformed API key";
                else
                {
                    lock (state.Gate) key = state.FindKey(token);
                    if (key is null) problem = "Invalid API key";
                    else if (key.Revoked) problem = "The API key has been revoked";
                    else if (key.ExpiresAt is { } exp && exp <= DateTimeOffset.UtcNow) problem = "The API key has expired";
                }
            }
            if (problem is not null)
            {
                await ApiErrors.Unauthorized(problem).ExecuteAsync(ctx);
                return;
            }
            ctx.Items[CallerItem] = new Caller(key!);
            if (limiter.Exceeded(key!.Key, out var retryAfter))
            {
                ctx.Response.Headers.RetryAfter = retryAfter.ToString();
                await ApiErrors.Write(ctx, 429, "RATE_LIMIT_EXCEEDED", $"Rate limit exceeded. Retry after {retryAfter} seconds.", new { retry_after = retryAfter });
                return;
            }
            await next();
        });

    /// <summary>Adds the scope check to an endpoint; it runs before the handler, so 403 precedes validation.</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = context.HttpContext.GetCaller();
            var missing = scopes.Where(s => !caller.Key.Scopes.Contains(s)).ToArray();
            if (missing.Length > 0)
                return ApiErrors.Error(403, "AUTHORIZATION_ERROR", "Missing required scopes: " + string.Join(", ", missing),
                    new { required_scopes = scopes, user_scopes = caller.Key.Scopes });
            return await next(context);
        });
}
