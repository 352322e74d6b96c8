using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Idempotency-Key on POSTs (api doc §6.2): the same key with the same body replays the first answer; the same
/// key with another body is 409. Only successful answers are stored, so a failed request can be retried.
/// Stored per organization, route and key.
/// </summary>
public sealed class Idempotency
{
    private sealed record Stored(string BodyHash, int Status, string? ContentType, byte[] Body);

    private readonly ConcurrentDictionary<string, Stored> _stored = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public void Clear() => _stored.Clear();

    public IApplicationBuilder Middleware(IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var key = ctx.Request.Headers["Idempotency-Key"].ToString();
            if (!HttpMethods.IsPost(ctx.Request.Method) || string.IsNullOrEmpty(key) || !ctx.Items.ContainsKey(Auth.CallerItem))
            {
                await next();
                return;
            }
            var slot = $"{ctx.GetCaller().OrganizationId}|{ctx.Request.Path.Value?.TrimEnd('/')}|{key}";
            ctx.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            ctx.Request.Body.Position = 0;
            var hash = Convert.ToHexString(SHA256.HashData(buffer.ToArray()));

            var gate = _locks.GetOrAdd(slot, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync();
            try
            {
                if (_stored.TryGetValue(slot, out var earlier))
                {
                    if (earlier.BodyHash != hash)
                    {
                        await ApiErrors.Write(ctx, 409, "IDEMPOTENCY_KEY_REUSED",
                            "This Idempotency-Key was already used with a different request body; use a new key for a new request.");
                        return;
                    }
                    ctx.Response.StatusCode = earlier.Status;
                    ctx.Response.ContentType = earlier.ContentType;
                    ctx.Response.Headers["Idempotent-Replayed"] = "true";
                    await ctx.Response.Body.WriteAsync(earlier.Body);
                    return;
                }

                var original = ctx.Response.Body;
                using var captured = new MemoryStream();
                ctx.Response.Body = captured;
                try
                {
                    await next();
                }
                finally
                {
                    ctx.Response.Body = original;
                }
                var bytes = captured.ToArray();
                if (ctx.Response.StatusCode is >= 200 and < 300)
                    _stored[slot] = new Stored(hash, ctx.Response.StatusCode, ctx.Response.ContentType, bytes);
                await original.WriteAsync(bytes);
            }
            finally
            {
                gate.Release();
            }
        });
}
