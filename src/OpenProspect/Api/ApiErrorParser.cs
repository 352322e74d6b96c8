using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenProspect.Api;

/// <summary>
/// Turns a non-2xx answer into an <see cref="OpenProspectApiException"/>. Error bodies come in three shapes
/// (flat <c>{code,message,details}</c>, nested <c>{error:{code,...}}</c>, and <c>{error:"CODE",message}</c>),
/// and proxies answer with HTML or nothing at all, so nothing here trusts the body.
/// </summary>
internal static class ApiErrorParser
{
    private const int MaxParsedBodyBytes = 1024 * 1024;
    private const int MaxSnippetChars = 300;

    public static OpenProspectApiException Parse(
        ApiRequest request, int statusCode, string? reasonPhrase, byte[] body, string? retryAfterHeader, int attempts)
    {
        string? code = null;
        string? message = null;
        var details = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<(string Field, string Error, string? Provided)>();

        if (body.Length > 0 && body.Length <= MaxParsedBodyBytes && TryParseObject(body, out var root))
        {
            var source = root;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object) source = error;
                else if (error.ValueKind == JsonValueKind.String) code = error.GetString();
            }
            if (code is null && source.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString();
            message = StringOf(source, "message") ?? StringOf(root, "message") ?? StringOf(root, "detail");

            if (source.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in d.EnumerateObject()) details[p.Name] = JsonValues.ToDotNet(p.Value);
            }
            ReadProblems(source, problems);
            if (problems.Count == 0) ReadProblems(root, problems);
            // Gen-B bodies put context such as entity_type or retry_after at the top level.
            foreach (var p in source.EnumerateObject())
            {
                if (p.NameEquals("code") || p.NameEquals("message") || p.NameEquals("details") || p.NameEquals("error")) continue;
                if (!details.ContainsKey(p.Name)) details[p.Name] = JsonValues.ToDotNet(p.Value);
            }
        }

        if (problems.Count > 0)
            message = (string.IsNullOrWhiteSpace(message) ? "The request failed validation" : message!.TrimEnd('.', ' ')) + ": " + DescribeProblems(problems);

        if (string.IsNullOrWhiteSpace(message))
        {
            var snippet = Snippet(body);
            message = $"The server answered {statusCode} {reasonPhrase}".TrimEnd()
                + (snippet.Length > 0 ? $" without an API error body: {snippet}" : " with an empty body.");
        }

        var retryAfter = ParseRetryAfterHeader(retryAfterHeader) ?? RetryAfterFromDetails(details);
        return new OpenProspectApiException(statusCode, string.IsNullOrWhiteSpace(code) ? null : code, message!, details,
            retryAfter, request.Method.Method, request.PathAndQuery, attempts);
    }

    /// <summary>At most this many invalid fields are named in an error message; the rest are counted.</summary>
    private const int MaxNamedProblems = 5;

    /// <summary>
    /// Collects the fields a validation error names, from <c>details.validation_errors[{field,error,provided}]</c>
    /// (the documented shape) or a framework's <c>detail[{loc,msg,input}]</c>, so the message itself says what is wrong.
    /// </summary>
    private static void ReadProblems(JsonElement source, List<(string Field, string Error, string? Provided)> problems)
    {
        JsonElement list;
        if (source.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("validation_errors", out list) && list.ValueKind == JsonValueKind.Array) { }
        else if (source.TryGetProperty("validation_errors", out list) && list.ValueKind == JsonValueKind.Array) { }
        else if (source.TryGetProperty("detail", out list) && list.ValueKind == JsonValueKind.Array) { }
        else return;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            var field = StringOf(item, "field") ?? StringOf(item, "name");
            if (field is null && item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
                field = string.Join(".", loc.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())
                    .Where(part => part is not "body" and not "query" and not "path"));
            var error = StringOf(item, "error") ?? StringOf(item, "message") ?? StringOf(item, "msg") ?? "is not valid";
            string? provided = null;
            if (item.TryGetProperty("provided", out var p) || item.TryGetProperty("input", out p))
                provided = p.ValueKind == JsonValueKind.String ? "\"" + p.GetString() + "\"" : p.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : Shorten(p.GetRawText());
            problems.Add((string.IsNullOrEmpty(field) ? "(request)" : field!, error, provided));
        }
    }

    private static string DescribeProblems(List<(string Field, string Error, string? Provided)> problems)
    {
        var named = problems.Take(MaxNamedProblems).Select(p => $"{p.Field}: {p.Error}" + (p.Provided is null ? "" : $", provided {p.Provided}"));
        var text = string.Join("; ", named);
        return problems.Count > MaxNamedProblems ? $"{text}; and {problems.Count - MaxNamedProblems} more" : text;
    }

    private static string Shorten(string s) => s.Length > 80 ? s.Substring(0, 80) + "…" : s;

    /// <summary>Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
    public static TimeSpan? ParseRetryAfterHeader(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value!.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            var wait = at - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static TimeSpan? RetryAfterFromDetails(Dictionary<string, object?> details)
    {
        if (details.TryGetValue("retry_after", out var v) && v is not null
            && double.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            && s >= 0)
            return TimeSpan.FromSeconds(s);
        return null;
    }

    private static bool TryParseObject(byte[] body, out JsonElement root)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                root = doc.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page from a proxy, a truncated body): the caller falls back to the status.
        }
        root = default;
        return false;
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A short, single-line, tag-free excerpt of a body that is not an API error.</summary>
    internal static string Snippet(byte[] body)
    {
        if (body.Length == 0) return string.Empty;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 16 * 1024));
        text = Regex.Replace(text, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        text = Regex.Replace(text, "<[^>]+>", " ");
        text = Regex.Replace(text, "\\s+", " ").Trim();
        return text.Length > MaxSnippetChars ? text.Substring(0, MaxSnippetChars) + "…" : text;
    }
}
