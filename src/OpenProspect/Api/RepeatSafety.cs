using System;
using System.Net.Http;

namespace OpenProspect.Api;

/// <summary>
/// Whether sending a request a second time can do harm, per endpoint. A repeat is safe for GET, PUT and DELETE
/// (idempotent by method), for a PATCH that carries the resource's version (a repeat meets a 409), and for the
/// one POST whose Idempotency-Key the API documents. Every other POST may have been carried out although its
/// answer was lost, and the server may ignore the key there, so it is repeated only when the server provably did
/// not act on it (a 429, or a connection that failed before the request went out). See docs/architecture.md.
/// </summary>
internal static class RepeatSafety
{
    /// <summary>The POSTs whose Idempotency-Key the API documents (the search-profile-creation page).</summary>
    private static readonly string[] DocumentedIdempotentPosts = { "/api/v1/search-profile-creations" };

    public static bool IsRepeatable(ApiRequest request)
    {
        var method = request.Method.Method.ToUpperInvariant();
        switch (method)
        {
            case "GET":
            case "HEAD":
            case "OPTIONS":
            case "PUT":
            case "DELETE":
                return true;
            case "PATCH":
                return request.CarriesVersion;
            case "POST":
                if (request.IdempotencyKey is null) return false;
                var path = request.Path.TrimEnd('/');
                foreach (var p in DocumentedIdempotentPosts)
                    if (string.Equals(path, p, StringComparison.OrdinalIgnoreCase)) return true;
                return false;
            default:
                return false;
        }
    }
}
