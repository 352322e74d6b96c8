namespace OpenProspect.Emulator.Infrastructure;

/// <summary>For middleware that changes an answer after the handler wrote it (fault modes, contract drift).</summary>
public static class ResponseCapture
{
    /// <summary>Runs the rest of the pipeline into a buffer and returns what it wrote; the real body stream is restored, nothing is sent yet.</summary>
    public static async Task<byte[]> RunCapturedAsync(this HttpContext ctx, RequestDelegate next)
    {
        var original = ctx.Response.Body;
        using var captured = new MemoryStream();
        ctx.Response.Body = captured;
        try { await next(ctx); }
        finally { ctx.Response.Body = original; }
        return captured.ToArray();
    }
}
