using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace OpenProspect.Api;

/// <summary>One logical API call: what the transport sends, possibly several times when it retries.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(HttpMethod method, string path)
    {
        Method = method;
        Path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
    }

    public HttpMethod Method { get; }

    /// <summary>The path below the base URI, e.g. <c>/api/v1/blacklists</c>; segments are already escaped.</summary>
    public string Path { get; }

    public List<KeyValuePair<string, string>> Query { get; } = new();

    /// <summary>The UTF-8 JSON body, or null for none.</summary>
    public byte[]? Body { get; set; }

    /// <summary>
    /// Sent as the Idempotency-Key header, generated once per logical request and kept across retries. The API
    /// documents it for search-profile creations only; elsewhere it protects where honoured and is harmless where
    /// ignored, and <see cref="RepeatSafety"/> does not count on it.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>A PATCH whose body carries the resource's version: a repeat after a lost answer meets a 409, never a second change.</summary>
    public bool CarriesVersion { get; set; }

    public ApiRequest AddQuery(string name, string? value)
    {
        if (value is not null) Query.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>The path with its query string, as it appears in logs and errors (it never holds a secret).</summary>
    public string PathAndQuery
    {
        get
        {
            if (Query.Count == 0) return Path;
            var sb = new StringBuilder(Path).Append('?');
            for (int i = 0; i < Query.Count; i++)
            {
                if (i > 0) sb.Append('&');
                sb.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }
            return sb.ToString();
        }
    }

    /// <summary>Escapes one path segment (an id typed by a user may contain anything).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}

/// <summary>What came back for a request, after retries.</summary>
internal sealed class ApiResponse
{
    internal ApiResponse(int statusCode, byte[] body)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    public byte[] Body { get; }
}
