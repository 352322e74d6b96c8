using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

/// <summary>A -Path that cannot be sent: malformed, outside /api/v1 when relative, or on another origin.</summary>
internal sealed class RawPathException : ArgumentException
{
    public RawPathException(string errorId, string message) : base(message) => ErrorId = errorId;

    /// <summary>OtherOriginRefused (the key would leave the session's origin) or InvalidApiPath.</summary>
    public string ErrorId { get; }
}

/// <summary>A parsed JSON answer of a raw call; <see cref="Root"/> is null for an empty body (204).</summary>
internal sealed class RawJsonAnswer
{
    internal RawJsonAnswer(int statusCode, JsonElement? root)
    {
        StatusCode = statusCode;
        Root = root;
    }

    public int StatusCode { get; }

    public JsonElement? Root { get; }
}

/// <summary>The list in an answer read without a model: its rows, the key they were under, and the answer's keys.</summary>
internal sealed class RawListPage
{
    internal RawListPage(List<JsonElement> rows, string listKey, string[] keys)
    {
        Rows = rows;
        ListKey = listKey;
        Keys = keys;
    }

    public List<JsonElement> Rows { get; }

    /// <summary>The key the array was found under ("items", "orders", another key, or "" for a bare array).</summary>
    public string ListKey { get; }

    /// <summary>The top-level keys of the answer, in the order sent.</summary>
    public string[] Keys { get; }
}

internal sealed partial class OpenProspectClient
{
    /// <summary>The keys the typed cmdlets read a list's array from.</summary>
    public static readonly string[] KnownListKeys = { "items", "orders" };

    private const string ApiRoot = "api/v1";

    /// <summary>
    /// Builds a request for any path of the API. A relative path is taken below /api/v1 (<c>companies</c>,
    /// <c>/api/v1/companies</c> and <c>api/v1/companies</c> are the same); an absolute http(s) URL must be on the
    /// session's origin and below its base URI, so the key is never sent to another host. A query in the path is
    /// kept; <paramref name="query"/> adds parameters and replaces those of the same name.
    /// </summary>
    public static ApiRequest BuildRawRequest(Uri baseUri, HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var text = (path ?? "").Trim();
        int hash = text.IndexOf('#');
        if (hash >= 0) text = text.Substring(0, hash);   // a fragment is never sent
        if (text.Length == 0) throw new RawPathException("InvalidApiPath", "-Path is empty. Give a path below /api/v1 such as 'companies' or '/api/v1/blacklists'.");
        if (text.Any(char.IsControl)) throw new RawPathException("InvalidApiPath", "-Path contains a control character.");

        var basePath = BaseOf(baseUri).AbsolutePath;
        bool absolute = text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        string pathPart, queryPart;
        if (absolute)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url)) throw new RawPathException("InvalidApiPath", $"-Path '{text}' is not a valid URL.");
            if (!SameOrigin(url, baseUri) || url.UserInfo.Length > 0)
                throw new RawPathException("OtherOriginRefused",
                    $"-Path '{url.Scheme}://{url.Authority}…' is not on the session's origin {Origin(baseUri)}; the request was not sent, so the API key did not leave this machine. Use a path below /api/v1, or connect a session to that address with Connect-OpenProspect -BaseUri.");
            if (!url.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal))
                throw new RawPathException("InvalidApiPath", $"-Path '{url.AbsolutePath}' is outside the session's base URI {baseUri}.");
            pathPart = url.AbsolutePath.Substring(basePath.Length);
            queryPart = url.Query.TrimStart('?');
        }
        else
        {
            if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
                throw new RawPathException("OtherOriginRefused", $"-Path '{text}' is a URL of a scheme other than http or https; it was not sent.");
            int q = text.IndexOf('?');
            pathPart = (q >= 0 ? text.Substring(0, q) : text).TrimStart('/');
            queryPart = q >= 0 ? text.Substring(q + 1) : "";
            if (!(pathPart.Equals(ApiRoot, StringComparison.OrdinalIgnoreCase) || pathPart.StartsWith(ApiRoot + "/", StringComparison.OrdinalIgnoreCase)))
                pathPart = ApiRoot + "/" + pathPart;
        }

        var request = new ApiRequest(method, "/" + pathPart);
        var given = new HashSet<string>(query.Select(p => p.Key), StringComparer.Ordinal);
        foreach (var pair in ParseQuery(queryPart))
            if (!given.Contains(pair.Key)) request.Query.Add(pair);
        request.Query.AddRange(query);

        // The transport resolves the path against the base URI: check the result of exactly that, so dot segments,
        // backslashes or a colon in the first segment can never move the request elsewhere.
        var target = new Uri(BaseOf(baseUri), request.PathAndQuery.TrimStart('/'));
        if (!SameOrigin(target, baseUri))
            throw new RawPathException("OtherOriginRefused", $"-Path '{text}' resolves to another origin ({Origin(target)}); it was not sent.");
        if (!absolute && !(target.AbsolutePath + "/").StartsWith(basePath + ApiRoot + "/", StringComparison.OrdinalIgnoreCase))
            throw new RawPathException("InvalidApiPath",
                $"-Path '{text}' leaves /api/v1 ({target.AbsolutePath}). To reach another path on the same server, give the absolute URL, e.g. {Origin(baseUri)}{basePath}health.");
        return request;
    }

    /// <summary>Sends a raw request and returns the answer's status and bytes, unparsed.</summary>
    public Task<ApiResponse> SendRawAsync(ApiRequest request, CancellationToken ct) => _transport.SendAsync(request, _log, ct);

    /// <summary>
    /// Sends a raw request and parses the answer as JSON. A body that does not parse counts as a failed attempt,
    /// as for every typed call (a cut-off answer of a repeatable request is tried again).
    /// </summary>
    public Task<RawJsonAnswer> SendRawJsonAsync(ApiRequest request, CancellationToken ct) =>
        _transport.SendAsync(request, r => new RawJsonAnswer(r.StatusCode, ParseOptionalJson(r.Body)), _log, ct);

    /// <summary>
    /// One page of any list, read without a model: <paramref name="template"/>'s path and query plus limit and offset,
    /// parsed by the same rules as every typed list (items or orders, else the one array-valued key with a warning,
    /// else INVALID_RESPONSE).
    /// </summary>
    public Task<ListEnvelope<JsonElement>> GetRawPageAsync(ApiRequest template, long offset, int limit, CancellationToken ct)
    {
        var request = new ApiRequest(template.Method, template.Path);
        request.Query.AddRange(template.Query);
        return GetPageAsync(request, offset, limit, Json.ListEnvelopeJsonElement, ct);
    }

    /// <summary>Finds the array of a list answer without throwing, for the contract check; null when there is none (or more than one unknown candidate).</summary>
    public static RawListPage? ReadListPage(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array) return new RawListPage(Rows(root), "", Array.Empty<string>());
        if (root.ValueKind != JsonValueKind.Object) return null;
        var keys = root.EnumerateObject().Select(p => p.Name).ToArray();
        string? key = KnownListKeys.FirstOrDefault(k => root.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Array);
        if (key is null)
        {
            var arrays = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Select(p => p.Name).ToArray();
            if (arrays.Length != 1) return null;
            key = arrays[0];
        }
        return new RawListPage(Rows(root.GetProperty(key)), key, keys);
    }

    /// <summary>"a, b, c" or "(none)"; for messages about an answer's shape.</summary>
    public static string DescribeKeys(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Any()
            ? string.Join(", ", root.EnumerateObject().Select(p => p.Name))
            : root.ValueKind == JsonValueKind.Object ? "(none)" : $"(a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object)";

    private static List<JsonElement> Rows(JsonElement array) => array.EnumerateArray().Select(e => e.Clone()).ToList();

    private static JsonElement? ParseOptionalJson(byte[] body)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return null;
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    /// <summary>a=b&amp;c=d as a URL carries it: percent-escapes decoded and '+' read as a space, as servers read it.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
    {
        foreach (var part in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
            yield return new KeyValuePair<string, string>(Decode(eq >= 0 ? part.Substring(0, eq) : part), eq >= 0 ? Decode(part.Substring(eq + 1)) : "");
        }
    }

    private static Uri BaseOf(Uri baseUri) =>
        baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string Origin(Uri u) => u.GetLeftPart(UriPartial.Authority);
}
