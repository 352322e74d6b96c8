using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

internal sealed partial class OpenProspectClient
{
    /// <summary>
    /// A whole listing is read for names (resolving -BlacklistName, completing ids) up to this many pages: an
    /// organization with more objects than that gets the first ones, which beats a prompt that never returns.
    /// </summary>
    public const int MaxNamePages = 20;

    /// <summary>Every blacklist of the organization (up to <see cref="MaxNamePages"/> pages).</summary>
    public Task<List<Blacklist>> ListAllBlacklistsAsync(CancellationToken ct) => ListAllAsync((o, l, t) => ListBlacklistsAsync(o, l, t), ct);

    /// <summary>Every prospect search of the organization (up to <see cref="MaxNamePages"/> pages).</summary>
    public Task<List<ProspectSearch>> ListAllProspectSearchesAsync(CancellationToken ct) => ListAllAsync((o, l, t) => ListProspectSearchesAsync(o, l, t), ct);

    /// <summary>Every order of the organization (up to <see cref="MaxNamePages"/> pages).</summary>
    public Task<List<Order>> ListAllOrdersAsync(CancellationToken ct) => ListAllAsync((o, l, t) => ListOrdersAsync(o, l, t), ct);

    private static async Task<List<T>> ListAllAsync<T>(Func<long, int, CancellationToken, Task<ListEnvelope<T>>> fetch, CancellationToken ct)
    {
        var all = new List<T>();
        long offset = 0;
        for (int pages = 0; pages < MaxNamePages; pages++)
        {
            var page = await fetch(offset, Paging.MaxPageSize, ct).ConfigureAwait(false);
            all.AddRange(page.Rows);
            if (Paging.NextOffset(page, offset, Paging.MaxPageSize) is not long next) break;
            offset = next;
        }
        return all;
    }
}
