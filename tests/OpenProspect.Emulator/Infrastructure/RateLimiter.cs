namespace OpenProspect.Emulator.Infrastructure;

/// <summary>A sliding-window limit per key (off unless --rate-limit is given).</summary>
public sealed class RateLimiter(int limit, int windowSeconds)
{
    private readonly Dictionary<string, Queue<DateTime>> _hits = new();

    public bool Exceeded(string key, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (limit <= 0) return false;
        var now = DateTime.UtcNow;
        lock (_hits)
        {
            if (!_hits.TryGetValue(key, out var q)) _hits[key] = q = new Queue<DateTime>();
            while (q.Count > 0 && (now - q.Peek()).TotalSeconds >= windowSeconds) q.Dequeue();
            if (q.Count < limit)
            {
                q.Enqueue(now);
                return false;
            }
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(windowSeconds - (now - q.Peek()).TotalSeconds));
            return true;
        }
    }
}
