namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Per-key sliding-window rate limit (api doc §5.4, Appendix A 9), off unless --rate-limit is above 0.
/// Every authenticated /api/v1 request counts, whatever its outcome; refused requests (401) do not.
/// Over the limit: 429 RATE_LIMIT_EXCEEDED with details.retry_after and a Retry-After header, both in whole
/// seconds until the oldest request in the window leaves it. (The header and the details placement are
/// emulator conventions; the docs name only the code and a retry_after value.)
/// </summary>
public sealed class RateLimiter
{
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly Dictionary<string, Queue<DateTime>> _hits = new(StringComparer.Ordinal);

    public RateLimiter(int limit, int windowSeconds)
    {
        _limit = limit;
        _window = TimeSpan.FromSeconds(windowSeconds);
    }

    public int Limit => _limit;

    public int WindowSeconds => (int)_window.TotalSeconds;

    public bool Enabled => _limit > 0;

    public void Clear()
    {
        lock (_hits) _hits.Clear();
    }

    /// <summary>Counts a request for <paramref name="key"/>; false with the wait in seconds when it is over the limit.</summary>
    public bool TryAcquire(string key, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (!Enabled) return true;
        var now = DateTime.UtcNow;
        lock (_hits)
        {
            if (!_hits.TryGetValue(key, out var times)) _hits[key] = times = new Queue<DateTime>();
            while (times.Count > 0 && now - times.Peek() >= _window) times.Dequeue();
            if (times.Count < _limit)
            {
                times.Enqueue(now);
                return true;
            }
            var wait = _window - (now - times.Peek());
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return false;
        }
    }
}

public static class RateLimiterExtensions
{
    /// <summary>Applies the limiter to authenticated API requests (after authentication, before the scope check).</summary>
    public static IApplicationBuilder UseRateLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<RateLimiter>();
        return app.Use(async (ctx, next) =>
        {
            var caller = ctx.FindCaller();
            if (caller is not null && !limiter.TryAcquire(caller.Key.Key, out var retryAfter))
            {
                ctx.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiErrors.WriteAsync(ctx, StatusCodes.Status429TooManyRequests, "RATE_LIMIT_EXCEEDED",
                    $"Rate limit exceeded: at most {limiter.Limit} requests per {limiter.WindowSeconds} seconds per key. Retry after {retryAfter} seconds.",
                    new { retry_after = retryAfter });
                return;
            }
            await next(ctx);
        });
    }
}
