using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using OpenProspect.Api;

namespace OpenProspect.Cmdlets.Errors;

/// <summary>
/// The one place that turns failures into ErrorRecords (docs/architecture.md, "Errors"): the ErrorId is the API's
/// code, the category follows the HTTP status, and RecommendedAction says what to do, after the docs' resolution
/// column. Errors the module raises itself come from <see cref="Create"/>, with an exception type that fits.
/// </summary>
internal static class ErrorRecords
{
    /// <summary>
    /// An API failure as an ErrorRecord. <paramref name="message"/> replaces the shown message when the caller
    /// says more than the API did (which batch, how far a listing got); it should contain the API's message.
    /// </summary>
    public static ErrorRecord FromApi(OpenProspectApiException ex, object? target, string? message = null, string? recommendedAction = null)
    {
        var record = new ErrorRecord(ex, ex.ErrorId, CategoryOf(ex), target);
        message ??= ex.IsRouteMissing
            ? $"{ex.Method} {ex.Path?.Split('?')[0]} is not offered by this API: it answered {ex.StatusCode} without the API's error body, which is how a missing route looks, not an unknown id. {ex.Message}"
            : ex.Message;
        record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction ?? RecommendedAction(ex) };
        return record;
    }

    /// <summary>
    /// A module-made error. Its exception's type follows the category, so <c>catch [System.ArgumentException]</c>,
    /// <c>[System.TimeoutException]</c> and the like work; an underlying exception becomes the inner exception.
    /// </summary>
    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target,
        string? recommendedAction = null, Exception? innerException = null)
    {
        var record = new ErrorRecord(ExceptionFor(category, message, innerException), errorId, category, target);
        record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction ?? string.Empty };
        return record;
    }

    private static Exception ExceptionFor(ErrorCategory category, string message, Exception? inner) => category switch
    {
        ErrorCategory.InvalidArgument or ErrorCategory.InvalidData or ErrorCategory.InvalidType => new ArgumentException(message, inner),
        ErrorCategory.ObjectNotFound => new ItemNotFoundException(message, inner),
        ErrorCategory.OperationTimeout => new TimeoutException(message, inner),
        ErrorCategory.PermissionDenied => new UnauthorizedAccessException(message, inner),
        ErrorCategory.AuthenticationError => new System.Security.Authentication.AuthenticationException(message, inner),
        ErrorCategory.NotImplemented => new NotSupportedException(message, inner),
        ErrorCategory.ReadError or ErrorCategory.WriteError or ErrorCategory.OpenError => new System.IO.IOException(message, inner),
        _ => new InvalidOperationException(message, inner),
    };

    public static ErrorRecord NotConnected(string message) => Create("NotConnected", ErrorCategory.InvalidOperation, message, null,
        "Run Connect-OpenProspect first (see Get-Help about_OpenProspect_Authentication), or pass a connected session with -Session.");

    public static ErrorCategory CategoryOf(OpenProspectApiException ex)
    {
        if (ex.Code == "INVALID_RESPONSE") return ErrorCategory.InvalidResult;
        return ex.StatusCode switch
        {
            0 => ErrorCategory.ConnectionError,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            404 => ErrorCategory.ObjectNotFound,
            409 => ErrorCategory.ResourceExists,
            400 or 422 => ErrorCategory.InvalidArgument,
            429 => ErrorCategory.LimitsExceeded,
            >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidOperation,
        };
    }

    public static string RecommendedAction(OpenProspectApiException ex)
    {
        if (ex.OutcomeUnknown)
            return "Check whether the request took effect (list the objects it would have created or changed) before you send it again.";
        if (ex.IsUnexpectedShape)
            return "The API answered in a shape the module does not know; sending the request again would not help. Test-OPApiContract shows what differs; Invoke-OPApiRequest reads any answer meanwhile.";
        switch (ex.Code)
        {
            case "UNAUTHORIZED":
                return "Use an active key: it may be mistyped, expired or revoked. Create one under Settings > Developer > API Keys in the OpenProspect app, then run Connect-OpenProspect again.";
            case "AUTHORIZATION_ERROR":
                var missing = ScopeList(ex, "required_scopes", "user_scopes");
                return $"The key lacks the scope(s) {missing}. Use a key that has them (Test-OpenProspectKey -RequiredScope shows what a key can do) or ask your OpenProspect admin to add them.";
            case "VALIDATION_ERROR":
                return "Correct the input named in the error's Details.validation_errors and send it again; the request changed nothing.";
            case "ORDER_NOT_COMPLETED":
                return "Results exist once the order is COMPLETED: Wait-OPOrder -Id <order id> | Get-OPOrderResult.";
            case "IDEMPOTENCY_KEY_REUSED":
                return "This Idempotency-Key already created something with a different request; use a new key (or none) for a new request.";
            case "ORDER_NOT_FOUND":
                return "Check the order id; Get-OPOrder lists the orders this key's organization can see.";
            case "PROSPECT_SEARCH_NOT_FOUND":
                return "Check the prospect search id; Get-OPProspectSearch lists the searches this key's organization can see.";
            case "BLACKLIST_NOT_FOUND":
                return "Check the blacklist id; Get-OPBlacklist lists the blacklists this key's organization can see.";
            case "ENTITY_NOT_FOUND":
                return "Check the id and that it belongs to the organization of this key.";
            case "INVALID_RESPONSE":
                return "The answer could not be read. Retry; if it persists, check proxies between you and the API.";
        }
        if (ex.IsRouteMissing)
            return "The endpoint may have been removed or renamed, or -BaseUri points at something that is not the OpenProspect API. Test-OPApiContract shows which endpoints this API offers; Invoke-OPApiRequest reaches any other.";
        return ex.StatusCode switch
        {
            0 => "Check the network path to the API and the -BaseUri of the session, then retry. Connect-OpenProspect -TimeoutSec and -MaxRetryCount set how long and how often the module tries.",
            400 or 422 => "Correct the request as the message says and send it again.",
            401 => "Use an active key, then run Connect-OpenProspect again.",
            403 => "Use a key with the scopes or resource access this operation needs.",
            404 => "Check the id and that it belongs to the organization of this key.",
            409 => "Read the resource again and retry with its current state.",
            429 => ex.RetryAfter is { } wait ? $"Wait {Math.Ceiling(wait.TotalSeconds)} s and retry, or send fewer requests." : "Wait a while and retry, or send fewer requests.",
            >= 500 => "Retry later. If it persists, contact OpenProspect support with the time of the request and its path.",
            _ => "Check the request and try again.",
        };
    }

    private static string ScopeList(OpenProspectApiException ex, string requiredKey, string grantedKey)
    {
        var required = AsStrings(ex.Details.TryGetValue(requiredKey, out var r) ? r : null);
        var granted = AsStrings(ex.Details.TryGetValue(grantedKey, out var g) ? g : null);
        var missing = required.Except(granted, StringComparer.OrdinalIgnoreCase).ToArray();
        return missing.Length > 0 ? string.Join(", ", missing) : required.Length > 0 ? string.Join(", ", required) : "(not named by the server)";
    }

    internal static string[] AsStrings(object? value) => value switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        IEnumerable e => e.Cast<object?>().Where(o => o is not null).Select(o => o!.ToString()!).ToArray(),
        _ => new[] { value.ToString()! },
    };
}
