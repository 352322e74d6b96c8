using System;
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
public sealed partial class OpenProspectClient
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
        JsonTypeInfo<TOut> outType, CancellationToken ct, string? idempotencyKey = null)
    {
        var request = new ApiRequest(method, path) { Body = JsonSerializer.SerializeToUtf8Bytes(body, inType) };
        if (method == HttpMethod.Post) request.IdempotencyKey = idempotencyKey ?? NewIdempotencyKey();
        return _transport.SendAsync(request, r => Parse(r, outType), _log, ct);
    }

    private async Task SendAsync(ApiRequest request, CancellationToken ct) =>
        await _transport.SendAsync(request, _log, ct).ConfigureAwait(false);

    private async Task<ListEnvelope<T>> GetPageAsync<T>(ApiRequest request, long offset, int limit,
        JsonTypeInfo<ListEnvelope<T>> type, CancellationToken ct)
    {
        if (limit < 1 || limit > Paging.MaxPageSize) throw new ArgumentOutOfRangeException(nameof(limit), limit, "A page holds 1 to 100 items.");
        request.AddQuery("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
               .AddQuery("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await GetAsync(request, type, ct).ConfigureAwait(false);
    }

    private static T Parse<T>(ApiResponse response, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(response.Body, type) ?? throw new JsonException("The body is the JSON literal null.");

    /// <summary>A fresh key per logical request; the transport reuses it for every retry of that request.</summary>
    public static string NewIdempotencyKey() => "op-ps-" + Guid.NewGuid().ToString("N");
}
