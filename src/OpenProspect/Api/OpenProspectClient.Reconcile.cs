using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

internal sealed partial class OpenProspectClient
{
    /// <summary>How far the server's clock may be behind ours when a lost creation is looked up.</summary>
    public static readonly TimeSpan ReconcileClockSlack = TimeSpan.FromSeconds(60);

    /// <summary>A lost creation is looked for among at most this many pages of the newest objects.</summary>
    private const int MaxReconcilePages = 20;

    /// <summary>
    /// The orders created since <paramref name="since"/> (less the clock slack) that look like the order whose
    /// answer was lost: same type, same title, and the same profile and quantity where both sides have them.
    /// </summary>
    public Task<List<Order>> FindCreatedOrdersAsync(string orderType, string? title, string? profileId, int? quantity,
        DateTimeOffset since, CancellationToken ct) =>
        FindCreatedAsync((o, l, t) => ListOrdersAsync(o, l, t), o => o.CreatedAt,
            o => string.Equals(o.OrderType, orderType, StringComparison.OrdinalIgnoreCase)
                 && string.Equals(o.Title ?? "", title ?? "", StringComparison.Ordinal)
                 && (string.IsNullOrEmpty(o.ProfileId) || profileId is null || string.Equals(o.ProfileId, profileId, StringComparison.OrdinalIgnoreCase))
                 && (o.BriefingQuantity is null || quantity is null || o.BriefingQuantity == quantity),
            since, ct);

    /// <summary>The blacklists named <paramref name="name"/> created since <paramref name="since"/> (less the clock slack).</summary>
    public Task<List<Blacklist>> FindCreatedBlacklistsAsync(string name, DateTimeOffset since, CancellationToken ct) =>
        FindCreatedAsync((o, l, t) => ListBlacklistsAsync(o, l, t), b => b.CreatedAt,
            b => string.Equals(b.Name, name, StringComparison.Ordinal), since, ct);

    /// <summary>
    /// Reads the newest objects of a list and keeps those that match and were created in the window. The list's
    /// order is not documented: a newest-first list is read until it passes the window; an oldest-first list with
    /// a total is read from its last page. An object without a creation time counts as a match (more candidates
    /// make the caller report an unknown outcome rather than pick the wrong object).
    /// </summary>
    private async Task<List<T>> FindCreatedAsync<T>(Func<long, int, CancellationToken, Task<ListEnvelope<T>>> fetch,
        Func<T, DateTimeOffset?> createdAt, Func<T, bool> matches, DateTimeOffset since, CancellationToken ct)
    {
        var from = since - ReconcileClockSlack;
        var found = new List<T>();
        long offset = 0;
        var page = await fetch(offset, Paging.MaxPageSize, ct).ConfigureAwait(false);
        var times = page.Rows.Select(createdAt).Where(t => t is not null).Select(t => t!.Value).ToList();
        bool newestFirst = times.Count >= 2 && times[0] >= times[times.Count - 1];
        if (!newestFirst && times.Count >= 2 && page.Total is long total && total > page.Rows.Count)
        {
            offset = Math.Max(0, total - Paging.MaxPageSize);
            page = await fetch(offset, Paging.MaxPageSize, ct).ConfigureAwait(false);
        }
        for (int pages = 1; ; pages++)
        {
            bool passedWindow = false;
            foreach (var item in page.Rows)
            {
                var at = createdAt(item);
                if (at is { } t && t < from)
                {
                    passedWindow |= newestFirst;
                    continue;
                }
                if (matches(item)) found.Add(item);
            }
            var next = Paging.NextOffset(page, offset, Paging.MaxPageSize);
            if (passedWindow || next is null || pages >= MaxReconcilePages) return found;
            offset = next.Value;
            page = await fetch(offset, Paging.MaxPageSize, ct).ConfigureAwait(false);
        }
    }
}
