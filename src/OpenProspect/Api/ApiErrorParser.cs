using System;
using System.Collections.Generic;
using System.Globalization;
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
            // Gen-B bodies put context such as entity_type or retry_after at the top level.
            foreach (var p in source.EnumerateObject())
            {
                if (p.NameEquals("code") || p.NameEquals("message") || p.NameEquals("details") || p.NameEquals("error")) continue;
                if (!details.ContainsKey(p.Name)) details[p.Name] = JsonValues.ToDotNet(p.Value);
            }
        }

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
