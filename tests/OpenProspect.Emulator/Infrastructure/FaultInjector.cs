using System.Globalization;

namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// Injected failures for testing clients' retries and partial runs (control plane: POST/GET/DELETE /_emulator/faults).
/// A fault counts the authenticated API requests whose path (after trailing-slash normalization, without the query)
/// starts with its <see cref="Fault.PathPrefix"/> (case-insensitive): the first <see cref="Fault.After"/> pass, the
/// next <see cref="Fault.Count"/> are answered with <see cref="Fault.Status"/> and the flat body
/// <c>{"code":"INTERNAL_ERROR","message":"Injected fault"}</c> (429: code RATE_LIMIT_EXCEEDED and <c>Retry-After: 1</c>),
/// later ones pass again. Every matching fault counts every matching request; when several would fail it, the
/// oldest fault's status wins. The request record keeps faulted requests with their status.
/// </summary>
public sealed class FaultInjector
{
    public sealed class Fault
    {
        public required int Id { get; init; }
        public required string PathPrefix { get; init; }
        public required int After { get; init; }
        public required int Count { get; init; }
        public required int Status { get; init; }
        /// <summary>Matching requests seen so far.</summary>
        public long Matched { get; set; }
        /// <summary>Requests answered with the fault so far.</summary>
        public long Injected { get; set; }

        public bool Spent => Matched >= (long)After + Count;

        public object ToJson() => new
        {
            id = Id,
            path_prefix = PathPrefix,
            after = After,
            count = Count,
            status = Status,
            matched = Matched,
            injected = Injected,
            active = !Spent,
        };
    }

    private readonly List<Fault> _faults = new();
    private int _nextId;

    public Fault Add(string pathPrefix, int after, int count, int status)
    {
        lock (_faults)
        {
            var fault = new Fault { Id = ++_nextId, PathPrefix = pathPrefix, After = after, Count = count, Status = status };
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

    /// <summary>Counts the request against every matching fault; the status to answer with, or null to pass it on.</summary>
    public int? Check(string path)
    {
        lock (_faults)
        {
            int? status = null;
            foreach (var fault in _faults)
            {
                if (!path.StartsWith(fault.PathPrefix, StringComparison.OrdinalIgnoreCase)) continue;
                var seen = fault.Matched++;
                if (seen < fault.After || seen >= (long)fault.After + fault.Count) continue;
                fault.Injected++;
                status ??= fault.Status;
            }
            return status;
        }
    }
}

public static class FaultInjectorExtensions
{
    /// <summary>Answers injected faults; place after authentication so only authenticated API requests count.</summary>
    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app)
    {
        var faults = app.ApplicationServices.GetRequiredService<FaultInjector>();
        return app.Use(async (ctx, next) =>
        {
            if (ctx.FindCaller() is not null && faults.Check(ctx.Request.Path.Value ?? "") is { } status)
            {
                if (status == StatusCodes.Status429TooManyRequests)
                {
                    ctx.Response.Headers.RetryAfter = 1.ToString(CultureInfo.InvariantCulture);
                    await ApiErrors.WriteAsync(ctx, status, "RATE_LIMIT_EXCEEDED", "Injected fault");
                }
                else await ApiErrors.WriteAsync(ctx, status, "INTERNAL_ERROR", "Injected fault");
                return;
            }
            await next(ctx);
        });
    }
}
