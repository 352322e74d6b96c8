namespace OpenProspect.Emulator.Infrastructure;

/// <summary>One entry of details.validation_errors: which input, what is wrong with it, and what was sent.</summary>
public sealed record ValidationProblem(string Field, string Error, object? Provided = null);

/// <summary>
/// The documented flat error envelope <c>{"code","message","details"?}</c> (api doc §5.1) and the codes the
/// emulator uses. <c>details</c> is left out entirely when there is nothing to put in it.
/// </summary>
public static class ApiErrors
{
    /// <summary>At most this many problems are listed in details.validation_errors.</summary>
    public const int MaxListedProblems = 100;

    public static IResult Error(int status, string code, string message, object? details = null)
    {
        var body = new Dictionary<string, object?> { ["code"] = code, ["message"] = message };
        if (details is not null) body["details"] = details;
        return Json.Ok(body, status);
    }

    /// <summary>Writes an error directly from middleware.</summary>
    public static Task WriteAsync(HttpContext ctx, int status, string code, string message, object? details = null) =>
        Error(status, code, message, details).ExecuteAsync(ctx);

    /// <summary>401: the message says which problem (missing, malformed, unknown, expired, revoked).</summary>
    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", message);

    /// <summary>403 with the documented details: every scope the endpoint requires and every scope the key has.</summary>
    public static IResult MissingScopes(IReadOnlyList<string> required, IReadOnlyList<string> missing, IReadOnlyList<string> userScopes) =>
        Error(StatusCodes.Status403Forbidden, "AUTHORIZATION_ERROR", "Missing required scopes: " + string.Join(", ", missing),
            new { required_scopes = required, user_scopes = userScopes });

    /// <summary>422 VALIDATION_ERROR listing the first <see cref="MaxListedProblems"/> problems.</summary>
    public static IResult Validation(string message, IReadOnlyCollection<ValidationProblem> problems)
    {
        if (problems.Count > MaxListedProblems)
            message += $" ({problems.Count} problems; the first {MaxListedProblems} are listed)";
        return Error(StatusCodes.Status422UnprocessableEntity, "VALIDATION_ERROR", message,
            new { validation_errors = problems.Take(MaxListedProblems).ToArray() });
    }

    public static IResult Validation(string message, string field, string error, object? provided = null) =>
        Validation(message, new[] { new ValidationProblem(field, error, provided) });

    public static IResult InvalidJson(string message) => Error(StatusCodes.Status400BadRequest, "INVALID_JSON", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "NOT_FOUND", message);

    public static IResult BlacklistNotFound(Guid id) =>
        Error(StatusCodes.Status404NotFound, "BLACKLIST_NOT_FOUND", $"Blacklist {id} was not found in your organization.");

    public static IResult ProspectSearchNotFound(Guid id) =>
        Error(StatusCodes.Status404NotFound, "PROSPECT_SEARCH_NOT_FOUND", $"Prospect search {id} was not found in your organization.");

    /// <summary>
    /// A path id must be a UUID; anything else is 422 (validation precedes the existence check).
    /// Returns null and sets <paramref name="id"/> when it parses.
    /// </summary>
    public static IResult? ParseId(string value, string field, out Guid id) =>
        TryParseUuid(value, out id)
            ? null
            : Validation($"{field} must be a UUID.", field, "must be a UUID", value);

    /// <summary>A UUID in the hyphenated (8-4-4-4-12) or plain 32-hex-digit form, any letter case.</summary>
    public static bool TryParseUuid(string? value, out Guid id)
    {
        id = Guid.Empty;
        return value is not null && (Guid.TryParseExact(value, "D", out id) || Guid.TryParseExact(value, "N", out id));
    }
}
