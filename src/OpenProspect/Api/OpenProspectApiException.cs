using System;
using System.Collections.Generic;

namespace OpenProspect.Api;

/// <summary>
/// A request the API refused or could not answer. Carries everything a script needs to decide what to do:
/// the HTTP status, the API's machine-readable code, its details, how long to wait, and which request it was.
/// </summary>
public sealed class OpenProspectApiException : Exception
{
    public OpenProspectApiException(
        int statusCode,
        string? code,
        string message,
        IReadOnlyDictionary<string, object?>? details = null,
        TimeSpan? retryAfter = null,
        string? method = null,
        string? path = null,
        int attempts = 1,
        Exception? innerException = null,
        bool outcomeUnknown = false)
        : base(message, innerException)
    {
        OutcomeUnknown = outcomeUnknown;
        StatusCode = statusCode;
        Code = code;
        Details = details ?? new Dictionary<string, object?>();
        RetryAfter = retryAfter;
        Method = method;
        Path = path;
        Attempts = attempts;
    }

    /// <summary>The HTTP status; 0 when no answer arrived (connection refused, reset, timed out).</summary>
    public int StatusCode { get; }

    /// <summary>The API's error code (e.g. BLACKLIST_NOT_FOUND), or null when the body had none.</summary>
    public string? Code { get; }

    /// <summary>The API's <c>details</c> object plus any other fields of the error body.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; }

    public TimeSpan? RetryAfter { get; }

    public string? Method { get; }

    /// <summary>The request path and query (never a secret).</summary>
    public string? Path { get; }

    /// <summary>How many times the request was sent before giving up.</summary>
    public int Attempts { get; }

    /// <summary>
    /// True when the request changes something, is not safe to repeat, and its answer was lost (a timeout or a
    /// dropped connection after it was sent, a 5xx, an unreadable 2xx): the server may or may not have carried
    /// it out. The module never repeats such a request by itself; callers look the result up instead.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>
    /// True for failures that may pass when the same request is sent again later: no answer, 429, 500, 502, 503,
    /// 504, or an answer cut short. Whether the transport may actually repeat a request also depends on the request.
    /// </summary>
    public bool IsTransient => StatusCode is 0 or 429 or 500 or 502 or 503 or 504 || Code == "INVALID_RESPONSE" && !IsUnexpectedShape;

    /// <summary>
    /// True when a 404 or 405 came without the API's error body: the route itself is missing (removed, renamed, a
    /// proxy in the way), which is not the same as an id the API does not know.
    /// </summary>
    public bool IsRouteMissing => StatusCode is 404 or 405 && string.IsNullOrEmpty(Code);

    /// <summary>Set when a well-formed answer has a shape the module cannot read; repeating it would not help.</summary>
    internal bool IsUnexpectedShape { get; set; }

    /// <summary>
    /// The stable identifier of this kind of failure: the API's code, else <c>HTTP_&lt;status&gt;</c>,
    /// else <c>CONNECTION_FAILED</c> when the server never answered.
    /// </summary>
    public string ErrorId => !string.IsNullOrEmpty(Code) ? Code! : StatusCode > 0 ? "HTTP_" + StatusCode : "CONNECTION_FAILED";
}
