using System.Text.Json;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// One recorded request. Header names only: values and bodies are never kept (Authorization is a secret). Of the
/// body only its size is kept, and for a JSON object with an <c>entries</c> array how many entries it carried.
/// </summary>
public sealed record RecordedRequest(
    long Seq, string Method, string Path, string Query, int Status, string[] Headers, string? KeyName, DateTimeOffset At,
    long? BodyBytes, int? Items);

/// <summary>
/// Records every request outside /_emulator: method, the path and raw query string exactly as sent, the answer's
/// status, the request's header names, the body's size and entries count, and the name of the seeded key it presented (null for none or an unknown
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
        var (bodyBytes, items) = await MeasureBodyAsync(ctx.Request);
        var recorded = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) != 0) return;
            var entry = new RecordedRequest(seq, ctx.Request.Method, path, query, ctx.Response.StatusCode, headers, ctx.PresentedKeyName(), at, bodyBytes, items);
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

    /// <summary>Bodies larger than this are not measured (the record shows null), so Kestrel's own limit still answers them.</summary>
    private const long MaxMeasuredBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The body's size and, for a JSON object with an <c>entries</c> array, that array's length, so a test can check
    /// a client's batch sizes. The body is buffered and rewound for the handler; nothing of it is kept.
    /// </summary>
    private static async Task<(long? Bytes, int? Items)> MeasureBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is not { } length || length > MaxMeasuredBytes) return (null, null);
        if (length == 0) return (0, null);
        request.EnableBuffering();
        using var copy = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return (null, null);   // the client went away mid-body; the handler meets the same failure
        }
        finally
        {
            request.Body.Position = 0;
        }
        int? items = null;
        try
        {
            using var doc = JsonDocument.Parse(copy.ToArray());
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Array)
                items = entries.GetArrayLength();
        }
        catch (JsonException)
        {
            // not JSON: only the size is recorded
        }
        return (copy.Length, items);
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
