namespace OpenProspect.Emulator.Infrastructure;

/// <summary>The documented flat error envelope: {"code","message","details"?}.</summary>
public static class ApiErrors
{
    public sealed record ValidationProblem(string Field, string Error, object? Provided);

    public static IResult Error(int status, string code, string message, object? details = null)
    {
        var body = new Dictionary<string, object?> { ["code"] = code, ["message"] = message };
        if (details is not null) body["details"] = details;
        return Results.Json(body, Json.Options, statusCode: status);
    }

    public static Task Write(HttpContext ctx, int status, string code, string message, object? details = null) =>
        Error(status, code, message, details).ExecuteAsync(ctx);

    public static IResult Unauthorized(string message) => Error(401, "UNAUTHORIZED", message);

    public static IResult Validation(string message, params ValidationProblem[] problems) =>
        Error(422, "VALIDATION_ERROR", message, new { validation_errors = problems.Take(100).ToArray() });

    public static IResult Validation(string message, IEnumerable<ValidationProblem> problems) => Validation(message, problems.ToArray());

    public static IResult InvalidJson(string message) => Error(400, "INVALID_JSON", message);

    public static IResult BlacklistNotFound(string id) =>
        Error(404, "BLACKLIST_NOT_FOUND", $"Blacklist {id} not found");

    public static IResult ProspectSearchNotFound(string id) =>
        Error(404, "PROSPECT_SEARCH_NOT_FOUND", $"Prospect search {id} not found");

    /// <summary>A path id must be a UUID; anything else fails validation (422) before existence is checked.</summary>
    public static bool TryParseId(string value, string field, out Guid id, out IResult? error)
    {
        error = null;
        if (Guid.TryParse(value, out id)) return true;
        error = Validation($"{field} must be a UUID", new ValidationProblem(field, "must be a UUID", value));
        return false;
    }
}
