using System.Globalization;
using System.Text;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Injected failures for testing a client's retries, partial runs and error handling (control plane:
/// GET/POST/DELETE /_emulator/faults). A fault matches authenticated API requests by path prefix
/// (case-insensitive) and optionally method. Of the matching requests the first <see cref="Fault.After"/> pass;
/// after that, up to <see cref="Fault.Count"/> are failed — each one, or a share <see cref="Fault.Rate"/> drawn
/// from a generator seeded with <see cref="Fault.Seed"/>, so a run is reproducible. Modes:
/// <list type="bullet">
/// <item>status: the flat error envelope with <see cref="Fault.Status"/> (429 adds Retry-After)</item>
/// <item>drop: the connection is closed without an answer before the request is processed: nothing is stored
/// (the handler never runs), so a client may safely send it again</item>
/// <item>lost: the request is processed in full (the order, blacklist or entries are stored; an honoured
/// Idempotency-Key keeps the answer), then the connection is closed without a single byte of the answer: the
/// answer is buffered, never sent. The client cannot tell this from drop: the ambiguous failure a POST that is
/// not idempotent must survive without repeating itself. The request record shows the status the handler chose.</item>
/// <item>slow: the request waits <see cref="Fault.DelayMs"/> before it is processed</item>
/// <item>truncated: the request is processed, then its answer is cut off halfway and the connection closed</item>
/// <item>body: answers <see cref="Fault.Status"/> with a given body (HTML pages, bad JSON, enormous bodies) and
/// any <see cref="Fault.Headers"/> (a 3xx with a Location, a Retry-After as an HTTP date)</item>
/// </list>
/// When several faults fail a request, the oldest one applies. Faulted requests stay in the request record.
/// </summary>
public sealed class FaultInjector
{
    public static readonly string[] Modes = { "status", "drop", "lost", "slow", "truncated", "body" };

    public sealed class Fault
    {
        public required int Id { get; init; }
        public required string PathPrefix { get; init; }
        public string? Method { get; init; }
        public required string Mode { get; init; }
        public int After { get; init; }
        public int Count { get; init; } = int.MaxValue;
        public double? Rate { get; init; }
        public int Seed { get; init; }
        public int Status { get; init; } = 500;
        public int RetryAfter { get; init; } = 1;
        public int DelayMs { get; init; } = 2000;
        public string? Body { get; init; }
        public int Repeat { get; init; } = 1;
        public string ContentType { get; init; } = "application/json";
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
        public long Matched { get; set; }
        public long Injected { get; set; }
        internal Random? Draw { get; set; }

        public object ToJson() => new
        {
            id = Id, path_prefix = PathPrefix, method = Method, mode = Mode, after = After,
            count = Count == int.MaxValue ? (int?)null : Count, rate = Rate, seed = Seed, status = Status,
            matched = Matched, injected = Injected, active = Injected < Count,
        };
    }

    private readonly List<Fault> _faults = new();
    private int _nextId;

    public int NextId() => Interlocked.Increment(ref _nextId);

    public Fault Add(Fault fault)
    {
        lock (_faults)
        {
            if (fault.Rate is not null) fault.Draw = new Random(fault.Seed);
            _faults.Add(fault);
            return fault;
        }
    }

    public object[] Snapshot()
    {
        lock (_faults) return _faults.Select(f => f.ToJson()).ToArray();
    }

    /// <summary>Removes every fault (DELETE /_emulator/faults, reset). Ids keep counting.</summary>
    public void Clear()
    {
        lock (_faults) _faults.Clear();
    }

    /// <summary>Counts the request against every matching fault; the fault to apply, or null to pass it on.</summary>
    public Fault? Check(string method, string path)
    {
        lock (_faults)
        {
            Fault? chosen = null;
            foreach (var fault in _faults)
            {
                if (!path.StartsWith(fault.PathPrefix, StringComparison.OrdinalIgnoreCase)) continue;
                if (fault.Method is not null && !string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                var seen = fault.Matched++;
                if (seen < fault.After || fault.Injected >= fault.Count) continue;
                if (fault.Draw is not null && fault.Draw.NextDouble() >= fault.Rate) continue;
                if (chosen is not null) continue;   // an older fault answers; this one keeps its turn for later
                fault.Injected++;
                chosen = fault;
            }
            return chosen;
        }
    }
}

public static class FaultInjectorExtensions
{
    /// <summary>Applies injected faults; placed after authentication so only authenticated API requests count.</summary>
    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app)
    {
        var faults = app.ApplicationServices.GetRequiredService<FaultInjector>();
        return app.Use(async (ctx, next) =>
        {
            var fault = ctx.FindCaller() is null ? null : faults.Check(ctx.Request.Method, ctx.Request.Path.Value ?? "");
            if (fault is null)
            {
                await next(ctx);
                return;
            }
            switch (fault.Mode)
            {
                case "drop":
                    ctx.Abort();   // before next: the request is never processed
                    return;
                case "lost":
                    await Lost(ctx, next);
                    return;
                case "slow":
                    try { await Task.Delay(fault.DelayMs, ctx.RequestAborted); }
                    catch (OperationCanceledException) { return; }
                    await next(ctx);
                    return;
                case "truncated":
                    await Truncated(ctx, next);
                    return;
                case "body":
                    ctx.Response.StatusCode = fault.Status;
                    ctx.Response.ContentType = fault.ContentType;
                    foreach (var (name, value) in fault.Headers) ctx.Response.Headers[name] = value;
                    var bytes = Encoding.UTF8.GetBytes(fault.Body ?? "");
                    for (int i = 0; i < fault.Repeat; i++) await ctx.Response.Body.WriteAsync(bytes);
                    return;
                default:
                    if (fault.Status == StatusCodes.Status429TooManyRequests)
                    {
                        ctx.Response.Headers.RetryAfter = fault.RetryAfter.ToString(CultureInfo.InvariantCulture);
                        await ApiErrors.WriteAsync(ctx, fault.Status, "RATE_LIMIT_EXCEEDED", "Injected fault", new { retry_after = fault.RetryAfter });
                    }
                    else await ApiErrors.WriteAsync(ctx, fault.Status, fault.Status >= 500 ? "INTERNAL_ERROR" : "INJECTED_FAULT", "Injected fault");
                    return;
            }
        });
    }

    /// <summary>Lets the request do its work with the answer held back, then closes the connection without sending any of it.</summary>
    private static async Task Lost(HttpContext ctx, RequestDelegate next)
    {
        var original = ctx.Response.Body;
        using var held = new MemoryStream();
        ctx.Response.Body = held;
        try { await next(ctx); }
        finally
        {
            ctx.Response.Body = original;
            ctx.Abort();
        }
    }

    /// <summary>Lets the request do its work, then sends half of the answer it produced and closes the connection.</summary>
    private static async Task Truncated(HttpContext ctx, RequestDelegate next)
    {
        var bytes = await ctx.RunCapturedAsync(next);
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await ctx.Response.Body.FlushAsync();
        ctx.Abort();
    }
}
