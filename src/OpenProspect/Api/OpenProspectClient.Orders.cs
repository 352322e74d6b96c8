using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api.Wire;

namespace OpenProspect.Api;

internal sealed partial class OpenProspectClient
{
    /// <summary>The most companies one enrichment order may carry.</summary>
    public const int MaxOrderCompanies = 10_000;

    /// <summary>POST /api/v1/search-profile-creations: the Idempotency-Key is required by the API.</summary>
    public Task<SearchProfileCreation> CreateSearchProfileAsync(CreateSearchProfileBody body, string? idempotencyKey, CancellationToken ct) =>
        CreateAsync("/api/v1/search-profile-creations", body, Json.CreateSearchProfileBody, Json.SearchProfileCreation,
            c => c.ProfileCreationId, "search-profile creation", idempotencyKey, ct);

    /// <summary>GET /api/v1/search-profile-creations/{id}</summary>
    public Task<SearchProfileCreation> GetSearchProfileCreationAsync(string id, CancellationToken ct) =>
        GetAsync(new ApiRequest(HttpMethod.Get, "/api/v1/search-profile-creations/" + ApiRequest.Segment(id)), Json.SearchProfileCreation, ct);

    /// <summary>POST /api/v1/orders</summary>
    public Task<Order> CreateOrderAsync(CreateOrderBody body, string? idempotencyKey, CancellationToken ct) =>
        CreateAsync("/api/v1/orders", body, Json.CreateOrderBody, Json.Order, o => o.Id, "order", idempotencyKey, ct);

    /// <summary>GET /api/v1/orders (the envelope's array may be called "orders" or "items")</summary>
    public Task<ListEnvelope<Order>> ListOrdersAsync(long offset, int limit, CancellationToken ct) =>
        GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/orders"), offset, limit, Json.ListEnvelopeOrder, ct);

    /// <summary>GET /api/v1/orders/{id}</summary>
    public Task<Order> GetOrderAsync(string id, CancellationToken ct) =>
        GetAsync(new ApiRequest(HttpMethod.Get, "/api/v1/orders/" + ApiRequest.Segment(id)), Json.Order, ct);

    /// <summary>GET /api/v1/orders/{id}/results; each result is tagged with the order id.</summary>
    public async Task<ListEnvelope<OrderResult>> ListOrderResultsAsync(string id, long offset, int limit, CancellationToken ct)
    {
        var page = await GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/orders/" + ApiRequest.Segment(id) + "/results"),
            offset, limit, Json.ListEnvelopeOrderResult, ct).ConfigureAwait(false);
        foreach (var r in page.Rows) r.OrderId = id;
        return page;
    }
}
