using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>Endpoint metadata: the docs say this endpoint honours the Idempotency-Key header.</summary>
public sealed record IdempotencyKeyDocumented;

/// <summary>
/// The Idempotency-Key header. The docs document it on POST /api/v1/search-profile-creations only (api doc §6.2),
/// so by default (<c>--idempotency documented</c>) it is honoured on the endpoints that declare
/// <see cref="IdempotencyExtensions.HonoursIdempotencyKey"/> and ignored everywhere else: a repeated POST /orders
/// places a second order, as the least forgiving server the docs allow would. <c>--idempotency all</c> (or
/// <c>PATCH /_emulator/options</c>) honours it on every POST under /api/v1 that carries it. Where honoured,
/// answers are stored per (organization, method + path, Idempotency-Key):
/// <list type="bullet">
/// <item>same key, byte-identical body: the stored status and body are replayed (header Idempotent-Replayed: true);</item>
/// <item>same key, another body: 409 IDEMPOTENCY_KEY_REUSED, nothing is executed;</item>
/// <item>only successful (2xx) answers are stored, so a request that failed (422, 404, ...) can be corrected and
/// retried under the same key.</item>
/// </list>
/// Requests with the same slot are serialized, so a concurrent retry waits for the first and then replays it.
/// Runs after authentication and the scope check, so 401/403 are never masked by a replay.
/// </summary>
public sealed class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const string Documented = "documented";
    public const string All = "all";

    public Idempotency(string mode)
    {
        Mode = new RuntimeOption("idempotency", [Documented, All], mode);
    }

    /// <summary>Where the header is honoured: <see cref="Documented"/> endpoints only, or <see cref="All"/> POSTs.</summary>
    public RuntimeOption Mode { get; }

    private sealed record StoredAnswer(byte[] RequestHash, int Status, string? ContentType, byte[] Body);

    private readonly ConcurrentDictionary<string, StoredAnswer> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public int Count => _answers.Count;

    /// <summary>Forgets every stored answer and returns to the start-up mode (reset).</summary>
    public void Reset()
    {
        _answers.Clear();
        Mode.Reset();
    }

    internal async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var caller = ctx.FindCaller();
        var key = ctx.Request.Headers[HeaderName].ToString();
        if (caller is null || !HttpMethods.IsPost(ctx.Request.Method) || string.IsNullOrEmpty(key)
            || (Mode.Value == Documented && ctx.GetEndpoint()?.Metadata.GetMetadata<IdempotencyKeyDocumented>() is null))
        {
            await next(ctx);
            return;
        }

        var slot = string.Join('\n', caller.OrganizationId.ToString("N"), ctx.Request.Method,
            (ctx.Request.Path.Value ?? "").ToLowerInvariant(), key);

        // Buffer the body so it can be hashed and still be read by the endpoint.
        ctx.Request.EnableBuffering();
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        ctx.Request.Body.Position = 0;
        var hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));

        var gate = _gates.GetOrAdd(slot, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ctx.RequestAborted);
        try
        {
            if (_answers.TryGetValue(slot, out var earlier))
            {
                if (!CryptographicOperations.FixedTimeEquals(earlier.RequestHash, hash))
                {
                    await ApiErrors.WriteAsync(ctx, StatusCodes.Status409Conflict, "IDEMPOTENCY_KEY_REUSED",
                        $"The {HeaderName} '{key}' was already used with a different request body. Reuse a key only to retry the identical request; use a new key for a new request.");
                    return;
                }
                ctx.Response.StatusCode = earlier.Status;
                if (earlier.ContentType is not null) ctx.Response.ContentType = earlier.ContentType;
                ctx.Response.Headers[ReplayedHeaderName] = "true";
                ctx.Response.ContentLength = earlier.Body.Length;
                await ctx.Response.Body.WriteAsync(earlier.Body, ctx.RequestAborted);
                return;
            }

            // Run the endpoint with the response captured, store a success, then send it on.
            var original = ctx.Response.Body;
            using var captured = new MemoryStream();
            ctx.Response.Body = captured;
            try
            {
                await next(ctx);
            }
            finally
            {
                ctx.Response.Body = original;
            }
            var bytes = captured.ToArray();
            if (ctx.Response.StatusCode is >= 200 and < 300)
                _answers[slot] = new StoredAnswer(hash, ctx.Response.StatusCode, ctx.Response.ContentType, bytes);
            if (bytes.Length > 0)
            {
                ctx.Response.ContentLength = bytes.Length;
                await original.WriteAsync(bytes, ctx.RequestAborted);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Declares that the docs document the Idempotency-Key header on this endpoint.</summary>
    public static TBuilder HonoursIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyKeyDocumented());

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<Idempotency>();
        return app.Use((ctx, next) => store.InvokeAsync(ctx, next));
    }
}
