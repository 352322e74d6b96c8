namespace OpenProspect.Emulator.Infrastructure;

/// <summary>One recorded request. Header names only: values and bodies are never kept (Authorization is a secret).</summary>
public sealed record RecordedRequest(
    long Seq, string Method, string Path, string Query, int Status, string[] Headers, string? KeyName, DateTimeOffset At);

/// <summary>
/// Records every request outside /_emulator: method, the path and raw query string exactly as sent, the answer's
/// status, the request's header names, and the name of the seeded key it presented (null for none or an unknown
/// key). <c>seq</c> numbers requests in arrival order and keeps counting after a clear. A request is recorded
/// when its answer starts, i.e. before the client can see the answer, so a test can read the record right away.
/// </summary>
public sealed class RequestRecorder
{
    private readonly List<RecordedRequest> _requests = new();
    private long _seq;

    public RecordedRequest[] Snapshot()
    {
        lock (_requests) return _requests.OrderBy(r => r.Seq).ToArray();
    }

    public void Clear()
    {
        lock (_requests) _requests.Clear();
    }

    internal async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.Request.Path.StartsWithSegments("/_emulator"))
        {
            await next(ctx);
            return;
        }
        var seq = Interlocked.Increment(ref _seq);
        var at = DateTimeOffset.UtcNow;
        var path = ctx.Request.Path.Value ?? "";          // before the trailing-slash normalization
        var query = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value![1..] : "";
        var headers = ctx.Request.Headers.Keys.ToArray();
        var recorded = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) != 0) return;
            var entry = new RecordedRequest(seq, ctx.Request.Method, path, query, ctx.Response.StatusCode, headers, ctx.PresentedKeyName(), at);
            lock (_requests) _requests.Add(entry);
        }
        ctx.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            await next(ctx);
        }
        finally
        {
            Record();   // an answer that never started (aborted connection) is still recorded
        }
    }
}

public static class RequestRecorderExtensions
{
    public static IApplicationBuilder UseRequestRecorder(this IApplicationBuilder app)
    {
        var recorder = app.ApplicationServices.GetRequiredService<RequestRecorder>();
        return app.Use((ctx, next) => recorder.InvokeAsync(ctx, next));
    }
}
