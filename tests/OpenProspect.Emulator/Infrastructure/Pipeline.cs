namespace OpenProspect.Emulator.Infrastructure;

/// <summary>Request-pipeline conventions shared by every area.</summary>
public static class Pipeline
{
    /// <summary>
    /// Both <c>/api/v1/x</c> and <c>/api/v1/x/</c> reach the same endpoint (the older docs write the slash,
    /// api doc §1.1). Runs after the recorder, so the record keeps the path as it was sent.
    /// </summary>
    public static IApplicationBuilder UseTrailingSlashNormalization(this IApplicationBuilder app) =>
        app.Use((ctx, next) =>
        {
            var path = ctx.Request.Path.Value;
            if (path is { Length: > 1 } && path[^1] == '/')
            {
                var trimmed = path.TrimEnd('/');
                ctx.Request.Path = trimmed.Length == 0 ? "/" : trimmed;
            }
            return next(ctx);
        });

    /// <summary>
    /// Turns what would otherwise be an empty or framework-made answer into a JSON error: an oversized or
    /// unreadable request 413/400 and an unexpected exception 500 INTERNAL_ERROR in the flat error envelope; an
    /// unknown /api/v1 route 404 and a known path with another method 405 as a bare <c>{"detail":…}</c>.
    /// </summary>
    public static IApplicationBuilder UseErrorEnvelope(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                return;   // the client went away; nobody is left to answer
            }
            catch (BadHttpRequestException ex) when (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                    await ApiErrors.WriteAsync(ctx, ex.StatusCode, "PAYLOAD_TOO_LARGE", "The request body is too large.");
                else
                    await ApiErrors.WriteAsync(ctx, ex.StatusCode, "INVALID_REQUEST", ex.Message);
                return;
            }
            catch (Exception ex) when (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                await ApiErrors.WriteAsync(ctx, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR",
                    $"The emulator failed: {ex.GetType().Name}: {ex.Message}");
                return;
            }

            if (ctx.Response.HasStarted || !ctx.IsApiPath()) return;
            // A route the API does not have is answered the way web frameworks do, without the API's error
            // envelope: the docs do not say the envelope covers it, and a client must not mistake it for an
            // unknown id (which does carry a code such as ORDER_NOT_FOUND).
            if (ctx.Response.StatusCode == StatusCodes.Status404NotFound && ctx.GetEndpoint() is null)
                await Results.Json(new { detail = "Not Found" }, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(ctx);
            else if (ctx.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
                await Results.Json(new { detail = "Method Not Allowed" }, statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(ctx);
        });
}
