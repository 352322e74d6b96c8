using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Net.Http.Headers;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// How one endpoint's resource looks in each dialect: the name of its id and, for its list, the array's key
/// (<c>items</c> in the standard dialect). Declared on the endpoint with <see cref="DialectExtensions.WithResourceShape"/>.
/// </summary>
public sealed record ResourceShape(string StandardId, string AlternateId, string? AlternateListKey = null)
{
    /// <summary>Orders: <c>id</c> / <c>order_id</c>, listed under <c>orders</c> in the alternate dialect (api doc #4, #5).</summary>
    public static readonly ResourceShape Order = new("id", "order_id", "orders");

    /// <summary>Search-profile creations: <c>profile_creation_id</c> / <c>id</c> (api doc #2).</summary>
    public static readonly ResourceShape ProfileCreation = new("profile_creation_id", "id");
}

/// <summary>
/// The dialect the emulator speaks (<c>--dialect standard|alternate</c>, switchable at run time through
/// <c>PATCH /_emulator/options</c>; a reset restores the start-up value).
/// <para>
/// The standard dialect is what the endpoints write: the current docs' flat error envelope, <c>items</c> lists
/// with <c>has_more</c>, times with <c>Z</c>, 429 with a <c>Retry-After</c> header, paths with or without a
/// trailing slash. The alternate dialect plays the other shapes the docs leave open or show in older versions,
/// so a client's guesses can be told from the facts:
/// </para>
/// <list type="bullet">
/// <item>routes are canonical with a trailing slash; a request without one gets 307 to the slash form with an
/// absolute same-origin Location (as a FastAPI app with redirect_slashes does), before authentication;</item>
/// <item>lists have no <c>has_more</c>; the orders list is under <c>orders</c>;</item>
/// <item>ids named per <see cref="ResourceShape"/> (<c>order_id</c>; <c>id</c> for profile creations);</item>
/// <item>times without a zone (<c>2026-11-30T12:00:00.123456</c>, meaning UTC);</item>
/// <item>errors in the gen-A string form <c>{"error":"CODE","message":"…"}</c> with the details at the top level,
/// so 429 is the documented <c>{"error":"RATE_LIMIT_EXCEEDED","message":"…","retry_after":N}</c>, and without a
/// <c>Retry-After</c> header.</item>
/// </list>
/// Everything is done here, on the way out (<see cref="Json.Ok"/> answers of /api/v1 requests) and in one
/// middleware; the endpoints only declare their <see cref="ResourceShape"/>. Answers written as raw bytes
/// (the <c>body</c> fault, idempotent replays of an earlier answer) are sent as they are.
/// </summary>
public sealed class Dialect
{
    public const string Standard = "standard";
    public const string Alternate = "alternate";

    public Dialect(string name)
    {
        Option = new RuntimeOption("dialect", [Standard, Alternate], name);
    }

    /// <summary>The dialect in force: --dialect, switchable at run time.</summary>
    public RuntimeOption Option { get; }

    public bool IsAlternate => Option.Value == Alternate;

    /// <summary>Writes a JSON answer of an /api/v1 request in the alternate dialect.</summary>
    internal Task WriteAlternateAsync(HttpContext ctx, object value, int status)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(value, Json.ZonelessOptions);
        if (node is JsonObject body)
        {
            if (status >= 400 && body["code"] is JsonValue code && code.TryGetValue<string>(out _))
            {
                node = ErrorBody(body);
                ctx.Response.Headers.Remove(HeaderNames.RetryAfter);
            }
            else if (status < 300)
                Reshape(body, ctx.GetEndpoint()?.Metadata.GetMetadata<ResourceShape>());
        }
        return Results.Json(node, Json.ZonelessOptions, "application/json", status).ExecuteAsync(ctx);
    }

    /// <summary>The gen-A error body: the code under "error", the message, then details and other context flattened.</summary>
    private static JsonObject ErrorBody(JsonObject flat)
    {
        var result = new JsonObject { ["error"] = flat["code"]!.DeepClone(), ["message"] = flat["message"]?.DeepClone() };
        if (flat["details"] is JsonObject details)
            foreach (var (name, value) in details)
                result.TryAdd(name, value?.DeepClone());
        foreach (var (name, value) in flat)
            if (name is not ("code" or "message" or "details"))
                result.TryAdd(name, value?.DeepClone());
        return result;
    }

    /// <summary>A list envelope loses has_more (and takes the alternate list key); the resource's id is renamed.</summary>
    private static void Reshape(JsonObject body, ResourceShape? shape)
    {
        if (body["items"] is JsonArray items && body.ContainsKey("total"))
        {
            body.Remove("has_more");
            if (shape is null) return;
            foreach (var item in items)
                if (item is JsonObject resource) Rename(resource, shape.StandardId, shape.AlternateId);
            if (shape.AlternateListKey is { } key) Rename(body, "items", key);
        }
        else if (shape is not null)
            Rename(body, shape.StandardId, shape.AlternateId);
    }

    /// <summary>Renames a property in place, keeping the order of the properties.</summary>
    private static void Rename(JsonObject obj, string from, string to)
    {
        if (!obj.ContainsKey(from)) return;
        var properties = obj.ToList();
        obj.Clear();
        foreach (var (name, value) in properties) obj[name == from ? to : name] = value;
    }
}

public static class DialectExtensions
{
    /// <summary>Declares what the endpoint answers with, for the alternate dialect's id and list-key names.</summary>
    public static TBuilder WithResourceShape<TBuilder>(this TBuilder builder, ResourceShape shape) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(shape);

    /// <summary>
    /// The alternate dialect's 307 from <c>/api/v1/x</c> to <c>/api/v1/x/</c> (absolute, same origin, query kept),
    /// sent before authentication like a framework's redirect_slashes; the client re-sends the request, body
    /// included, to the Location. Runs after the recorder, so both requests are recorded as sent.
    /// </summary>
    public static IApplicationBuilder UseDialectRedirects(this IApplicationBuilder app)
    {
        var dialect = app.ApplicationServices.GetRequiredService<Dialect>();
        return app.Use((ctx, next) =>
        {
            var path = ctx.Request.Path.Value;
            if (!dialect.IsAlternate || !ctx.IsApiPath() || path is null || path.EndsWith('/')) return next(ctx);
            ctx.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            ctx.Response.Headers.Location = UriHelper.BuildAbsolute(ctx.Request.Scheme, ctx.Request.Host, ctx.Request.PathBase,
                new PathString(path + "/"), ctx.Request.QueryString);
            ctx.Response.ContentLength = 0;
            return Task.CompletedTask;
        });
    }
}
