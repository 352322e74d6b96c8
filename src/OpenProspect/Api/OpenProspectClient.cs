using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

/// <summary>
/// One async method per API endpoint, grouped by area in the partial files beside this one. Knows URLs and
/// JSON; knows nothing about PowerShell. Cheap to create: the connection state lives in the transport.
/// </summary>
internal sealed partial class OpenProspectClient
{
    private static readonly OpenProspectJsonContext Json = OpenProspectJsonContext.Default;
    private readonly ApiTransport _transport;
    private readonly IApiLog _log;

    public OpenProspectClient(ApiTransport transport, IApiLog? log = null)
    {
        _transport = transport;
        _log = log ?? NullApiLog.Instance;
    }

    private Task<T> GetAsync<T>(ApiRequest request, JsonTypeInfo<T> type, CancellationToken ct) =>
        _transport.SendAsync(request, r => Parse(r, type), _log, ct);

    private Task<TOut> SendJsonAsync<TIn, TOut>(HttpMethod method, string path, TIn body, JsonTypeInfo<TIn> inType,
        JsonTypeInfo<TOut> outType, CancellationToken ct, string? idempotencyKey = null, bool carriesVersion = false)
    {
        var request = new ApiRequest(method, path) { Body = JsonSerializer.SerializeToUtf8Bytes(body, inType), CarriesVersion = carriesVersion };
        if (method == HttpMethod.Post) request.IdempotencyKey = idempotencyKey ?? NewIdempotencyKey();
        return _transport.SendAsync(request, r => Parse(r, outType), _log, ct);
    }

    /// <summary>
    /// POSTs a creation and reads the created object, which must carry its id: an answer without one is refused
    /// (and, as the object may exist, reported with an unknown outcome) instead of being polled as an empty id.
    /// </summary>
    private async Task<TOut> CreateAsync<TIn, TOut>(string path, TIn body, JsonTypeInfo<TIn> inType, JsonTypeInfo<TOut> outType,
        Func<TOut, string?> idOf, string what, string? idempotencyKey, CancellationToken ct)
    {
        var request = new ApiRequest(HttpMethod.Post, path)
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, inType),
            IdempotencyKey = idempotencyKey ?? NewIdempotencyKey(),
        };
        return await _transport.SendAsync(request, r =>
        {
            var created = Parse(r, outType);
            if (string.IsNullOrEmpty(idOf(created)))
                throw new UnexpectedShapeException($"but the created {what} in the answer has no id, so the module cannot follow it up. Body starts: {ApiErrorParser.Snippet(r.Body)}");
            return created;
        }, _log, ct).ConfigureAwait(false);
    }

    private async Task SendAsync(ApiRequest request, CancellationToken ct) =>
        await _transport.SendAsync(request, _log, ct).ConfigureAwait(false);

    private async Task<ListEnvelope<T>> GetPageAsync<T>(ApiRequest request, long offset, int limit,
        JsonTypeInfo<ListEnvelope<T>> type, CancellationToken ct)
    {
        if (limit < 1 || limit > Paging.MaxPageSize) throw new ArgumentOutOfRangeException(nameof(limit), limit, "A page holds 1 to 100 items.");
        request.AddQuery("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
               .AddQuery("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await _transport.SendAsync(request, r => ParsePage(r, type, request), _log, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a list page. The array is under <c>items</c> or <c>orders</c>; when neither is there but exactly one
    /// other top-level property holds an array, that one is read and the session is warned once; otherwise the
    /// answer is refused, so a list the module does not understand is never read as empty.
    /// </summary>
    private ListEnvelope<T> ParsePage<T>(ApiResponse response, JsonTypeInfo<ListEnvelope<T>> type, ApiRequest request)
    {
        var page = Parse(response, type);
        if (page.Items is not null || page.Orders is not null) return page;
        var arrays = page.Other?.Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList() ?? new();
        if (arrays.Count != 1)
        {
            var seen = new[] { ("total", page.Total is not null), ("limit", page.Limit is not null), ("offset", page.Offset is not null), ("has_more", page.HasMore is not null) }
                .Where(k => k.Item2).Select(k => k.Item1).Concat(page.Other?.Keys ?? Enumerable.Empty<string>()).ToList();
            var keys = seen.Count > 0 ? string.Join(", ", seen) : "none";
            throw new UnexpectedShapeException(arrays.Count == 0
                ? $"but the answer holds no list: no array under 'items' or 'orders' (top-level keys: {keys}). Nothing was read from it."
                : $"but the list is not under 'items' or 'orders' and several keys hold arrays ({string.Join(", ", arrays.Select(a => a.Key))}), so the module cannot tell which one is the list. Nothing was read from it.");
        }
        var (key, array) = (arrays[0].Key, arrays[0].Value);
        page.Items = (List<T>?)JsonSerializer.Deserialize(array, typeof(List<T>), Json) ?? new List<T>();
        _transport.WarnOnce("list-key:" + key,
            $"{request.Method.Method} {request.Path} answered with its list under '{key}', not 'items': the module read it from there. The API may have changed; Test-OPApiContract shows what else differs.", _log);
        return page;
    }

    private static T Parse<T>(ApiResponse response, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(response.Body, type) ?? throw new JsonException("The body is the JSON literal null.");

    /// <summary>A fresh key per logical request; the transport reuses it for every retry of that request.</summary>
    public static string NewIdempotencyKey() => "op-ps-" + Guid.NewGuid().ToString("N");
}
