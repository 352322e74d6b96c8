using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api.Wire;

namespace OpenProspect.Api;

internal sealed partial class OpenProspectClient
{
    /// <summary>The most entries (or entry ids) one request may carry.</summary>
    public const int MaxBlacklistBatch = 10_000;

    private static string BlacklistPath(string id) => "/api/v1/blacklists/" + ApiRequest.Segment(id);

    /// <summary>POST /api/v1/blacklists</summary>
    public Task<Blacklist> CreateBlacklistAsync(string name, string? description, string? idempotencyKey, CancellationToken ct) =>
        CreateAsync("/api/v1/blacklists", new CreateBlacklistBody { Name = name, Description = description },
            Json.CreateBlacklistBody, Json.Blacklist, b => b.Id, "blacklist", idempotencyKey, ct);

    /// <summary>GET /api/v1/blacklists</summary>
    public Task<ListEnvelope<Blacklist>> ListBlacklistsAsync(long offset, int limit, CancellationToken ct) =>
        GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/blacklists"), offset, limit, Json.ListEnvelopeBlacklist, ct);

    /// <summary>GET /api/v1/blacklists/{id}</summary>
    public Task<Blacklist> GetBlacklistAsync(string id, CancellationToken ct) =>
        GetAsync(new ApiRequest(HttpMethod.Get, BlacklistPath(id)), Json.Blacklist, ct);

    /// <summary>PATCH /api/v1/blacklists/{id}: only the fields given (non-null) change.</summary>
    public Task<Blacklist> UpdateBlacklistAsync(string id, string? name, string? description, CancellationToken ct) =>
        SendJsonAsync(new HttpMethod("PATCH"), BlacklistPath(id), new UpdateBlacklistBody { Name = name, Description = description },
            Json.UpdateBlacklistBody, Json.Blacklist, ct);

    /// <summary>DELETE /api/v1/blacklists/{id}</summary>
    public Task DeleteBlacklistAsync(string id, CancellationToken ct) =>
        SendAsync(new ApiRequest(HttpMethod.Delete, BlacklistPath(id)), ct);

    /// <summary>POST /api/v1/blacklists/{id}/entries: at most <see cref="MaxBlacklistBatch"/> entries.</summary>
    public Task<AddEntriesAnswer> AddBlacklistEntriesAsync(string id, List<CompanyBody> entries, string? idempotencyKey, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Post, BlacklistPath(id) + "/entries", new AddEntriesBody { Entries = entries },
            Json.AddEntriesBody, Json.AddEntriesAnswer, ct, idempotencyKey);

    /// <summary>GET /api/v1/blacklists/{id}/entries</summary>
    public Task<ListEnvelope<BlacklistEntry>> ListBlacklistEntriesAsync(string id, long offset, int limit, CancellationToken ct) =>
        GetPageAsync(new ApiRequest(HttpMethod.Get, BlacklistPath(id) + "/entries"), offset, limit, Json.ListEnvelopeBlacklistEntry, ct);

    /// <summary>DELETE /api/v1/blacklists/{id}/entries with the entry ids in the body; the answer may be 200 or 204.</summary>
    public Task<RemoveEntriesAnswer> RemoveBlacklistEntriesAsync(string id, List<string> entryIds, CancellationToken ct)
    {
        var request = new ApiRequest(HttpMethod.Delete, BlacklistPath(id) + "/entries")
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(new RemoveEntriesBody { EntryIds = entryIds }, Json.RemoveEntriesBody),
        };
        return _transport.SendAsync(request,
            r => r.Body.Length == 0 ? new RemoveEntriesAnswer() : Parse(r, Json.RemoveEntriesAnswer), _log, ct);
    }

    /// <summary>GET /api/v1/prospect-searches/{id}/blacklists</summary>
    public Task<ListEnvelope<Blacklist>> GetAssignedBlacklistsAsync(string prospectSearchId, long offset, int limit, CancellationToken ct) =>
        GetPageAsync(new ApiRequest(HttpMethod.Get, "/api/v1/prospect-searches/" + ApiRequest.Segment(prospectSearchId) + "/blacklists"),
            offset, limit, Json.ListEnvelopeBlacklist, ct);

    /// <summary>PUT /api/v1/prospect-searches/{id}/blacklists: replaces the whole set; an empty list clears it.</summary>
    public Task<ListEnvelope<Blacklist>> SetAssignedBlacklistsAsync(string prospectSearchId, List<string> blacklistIds, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Put, "/api/v1/prospect-searches/" + ApiRequest.Segment(prospectSearchId) + "/blacklists",
            new SetAssignmentBody { BlacklistIds = blacklistIds }, Json.SetAssignmentBody, Json.ListEnvelopeBlacklist, ct);
}
