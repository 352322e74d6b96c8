namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Records every API request: method, path, query, status, header NAMES and the seeded key's name. Header values
/// and bodies are never recorded (the Authorization value is a secret).
/// </summary>
public sealed class RequestRecorder
{
    private readonly List<object> _requests = new();
    private long _seq;

    public void Add(HttpContext ctx, DateTimeOffset at)
    {
        var caller = ctx.Items.TryGetValue(Auth.CallerItem, out var c) ? (Caller?)c : null;
        var record = new
        {
            seq = Interlocked.Increment(ref _seq),
            method = ctx.Request.Method,
            path = ctx.Request.Path.Value,
            query = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value!.TrimStart('?') : "",
            status = ctx.Response.StatusCode,
            headers = ctx.Request.Headers.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray(),
            key_name = caller?.Key.Name,
            at,
        };
        lock (_requests) _requests.Add(record);
    }

    public object[] Snapshot()
    {
        lock (_requests) return _requests.ToArray();
    }

    public void Clear()
    {
        lock (_requests) _requests.Clear();
    }

    public IApplicationBuilder Middleware(IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/_emulator"))
            {
                await next();
                return;
            }
            var at = DateTimeOffset.UtcNow;
            try
            {
                await next();
            }
            finally
            {
                Add(ctx, at);
            }
        });
}
