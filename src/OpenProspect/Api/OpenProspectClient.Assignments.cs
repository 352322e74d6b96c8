using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

internal sealed partial class OpenProspectClient
{
    /// <summary>
    /// The whole set of blacklists assigned to a prospect search, every page of GET
    /// /api/v1/prospect-searches/{id}/blacklists: what a read-modify-write of the set starts from.
    /// </summary>
    public async Task<List<Blacklist>> GetAllAssignedBlacklistsAsync(string prospectSearchId, CancellationToken ct)
    {
        var all = new List<Blacklist>();
        for (long? offset = 0; offset is long o;)
        {
            var page = await GetAssignedBlacklistsAsync(prospectSearchId, o, Paging.MaxPageSize, ct).ConfigureAwait(false);
            all.AddRange(page.Rows);
            offset = Paging.NextOffset(page, o, Paging.MaxPageSize);
        }
        return all;
    }
}
