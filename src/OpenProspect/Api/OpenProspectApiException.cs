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
        Exception? innerException = null)
        : base(message, innerException)
    {
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
    /// The stable identifier of this kind of failure: the API's code, else <c>HTTP_&lt;status&gt;</c>,
    /// else <c>CONNECTION_FAILED</c> when the server never answered.
    /// </summary>
    public string ErrorId => !string.IsNullOrEmpty(Code) ? Code! : StatusCode > 0 ? "HTTP_" + StatusCode : "CONNECTION_FAILED";
}
