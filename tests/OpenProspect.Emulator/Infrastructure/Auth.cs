using System.Text.RegularExpressions;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>The authenticated caller of an API request: the key and, through it, the organization.</summary>
public sealed record Caller(ApiKeyRecord Key)
{
    public Guid OrganizationId => Key.OrganizationId;
}

/// <summary>Endpoint metadata: the scopes a key needs for the endpoint (all of them).</summary>
public sealed record RequiredScopesMetadata(string[] Scopes);

/// <summary>
/// Authentication and authorization for /api/v1 (api doc §1.2, §1.5, Appendix A 1–2).
/// <list type="bullet">
/// <item>401 UNAUTHORIZED: no Authorization header, another scheme than Bearer, a key that does not match
/// <c>^lnc_(live|test)_[A-Za-z0-9]+$</c>, an unknown, a revoked or an expired key. The message says which.</item>
/// <item>403 AUTHORIZATION_ERROR: the key lacks a scope the endpoint declares with <see cref="RequireScopes"/>.</item>
/// </list>
/// Authentication runs before routing, so even an unknown /api/v1 path needs a valid key; the scope check runs
/// after routing and before the handler, so 401 → 403 → (handler: 422 → 404 → ...).
/// </summary>
public static partial class Auth
{
    private const string CallerItem = "emulator.caller";
    private const string KeyNameItem = "emulator.key-name";
    public const string ApiPrefix = "/api/v1";

    [GeneratedRegex("^lnc_(live|test)_[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();

    /// <summary>The caller of an authenticated API request (throws outside /api/v1).</summary>
    public static Caller GetCaller(this HttpContext ctx) =>
        ctx.Items[CallerItem] as Caller ?? throw new InvalidOperationException("The request was not authenticated.");

    public static Caller? FindCaller(this HttpContext ctx) => ctx.Items[CallerItem] as Caller;

    /// <summary>The name of the seeded key the request presented, even when it was refused (revoked, expired); else null.</summary>
    public static string? PresentedKeyName(this HttpContext ctx) => ctx.Items[KeyNameItem] as string;

    public static bool IsApiPath(this HttpContext ctx) => ctx.Request.Path.StartsWithSegments(ApiPrefix);

    /// <summary>Declares the scopes an endpoint requires; checked by <see cref="UseScopeCheck"/>.</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScopesMetadata(scopes));

    public static IApplicationBuilder UseApiKeyAuthentication(this IApplicationBuilder app)
    {
        var state = app.ApplicationServices.GetRequiredService<EmulatorState>();
        return app.Use(async (ctx, next) =>
        {
            if (!ctx.IsApiPath())
            {
                await next(ctx);
                return;
            }
            var problem = Authenticate(ctx, state, out var key);
            if (problem is not null)
            {
                await ApiErrors.Unauthorized(problem).ExecuteAsync(ctx);
                return;
            }
            ctx.Items[CallerItem] = new Caller(key!);
            await next(ctx);
        });
    }

    public static IApplicationBuilder UseScopeCheck(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var required = ctx.GetEndpoint()?.Metadata.GetMetadata<RequiredScopesMetadata>();
            var caller = ctx.FindCaller();
            if (required is not null && caller is not null)
            {
                var missing = required.Scopes.Where(s => !caller.Key.HasScope(s)).ToArray();
                if (missing.Length > 0)
                {
                    await ApiErrors.MissingScopes(required.Scopes, missing, caller.Key.Scopes).ExecuteAsync(ctx);
                    return;
                }
            }
            await next(ctx);
        });

    /// <summary>Null and the key when the request carries an active key; otherwise the 401 message.</summary>
    private static string? Authenticate(HttpContext ctx, EmulatorState state, out ApiKeyRecord? key)
    {
        key = null;
        var headers = ctx.Request.Headers.Authorization;
        if (headers.Count == 0 || string.IsNullOrWhiteSpace(headers.ToString()))
            return "Missing API key: send the header 'Authorization: Bearer <your API key>'.";
        if (headers.Count > 1)
            return "Malformed Authorization header: send exactly one 'Authorization: Bearer <your API key>' header.";

        var value = headers.ToString();
        var space = value.IndexOf(' ');
        if (space <= 0 || !value.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return "Malformed Authorization header: expected the Bearer scheme, 'Authorization: Bearer <your API key>'.";

        var token = value[(space + 1)..];
        if (!KeyShape().IsMatch(token))
            return "Malformed API key: keys are lnc_live_ or lnc_test_ followed by letters and digits.";

        ApiKeyRecord? found;
        lock (state.Gate) found = state.FindKey(token);
        if (found is null) return "Unknown API key: no active key with this value exists.";
        ctx.Items[KeyNameItem] = found.Name;
        if (found.Revoked) return "The API key has been revoked.";
        if (found.ExpiresAt is { } expires && expires <= DateTimeOffset.UtcNow)
            return $"The API key expired at {Json.FormatTime(expires)}.";
        key = found;
        return null;
    }
}
