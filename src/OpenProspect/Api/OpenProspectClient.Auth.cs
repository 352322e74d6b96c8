using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

internal sealed partial class OpenProspectClient
{
    /// <summary>GET /api/v1/auth/validate: any active key; answers with its scopes.</summary>
    public Task<KeyValidation> ValidateKeyAsync(CancellationToken ct) =>
        GetAsync(new ApiRequest(HttpMethod.Get, "/api/v1/auth/validate"), Json.KeyValidation, ct);
}
