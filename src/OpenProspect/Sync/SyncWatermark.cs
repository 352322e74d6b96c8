using System;
using System.Collections.Generic;
using System.Linq;
using OpenProspect.Api.Wire;

namespace OpenProspect.Sync;

/// <summary>
/// The watermark arithmetic of Sync-OPDelivery, apart from I/O so it can be tested on its own: where a run starts,
/// which ids it already emitted, and what the next committed (or pending) watermark is.
/// </summary>
internal static class SyncWatermark
{
    /// <summary>The delivered_since of a run: the committed watermark less the overlap; null (everything) on a first run.</summary>
    public static DateTimeOffset? Since(SyncEntry? committed, TimeSpan overlap) => committed?.Watermark - overlap;

    /// <summary>Ids the committed state already emitted, so the overlap re-read does not emit them again.</summary>
    public static HashSet<string> Seen(SyncEntry? committed) =>
        new(committed?.RecentIds ?? new List<string>(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The watermark after a complete run. Without delivery times the run's start is the watermark and every id
    /// received is remembered; otherwise the newest delivery time seen (never older than the previous watermark)
    /// and the ids delivered within the overlap before it.
    /// </summary>
    public static SyncPending Advance(SyncEntry? committed, IReadOnlyList<(string Id, DateTimeOffset? At)> received,
        DateTimeOffset runStart, TimeSpan overlap, long emitted, string runId)
    {
        DateTimeOffset? newest = committed?.Watermark;
        foreach (var r in received)
            if (r.At is { } at && (newest is null || at > newest)) newest = at;
        var watermark = received.Any(r => r.At is null) ? runStart : newest;
        var keepFrom = watermark - overlap;
        // The run asked for everything after (old watermark - overlap), which covers the new window, so the ids
        // worth remembering are all among what it received.
        var recent = received.Where(r => r.At is null || keepFrom is null || r.At >= keepFrom).Select(r => r.Id)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new SyncPending { RunId = runId, Watermark = watermark, RecentIds = recent, RunAt = runStart, Emitted = emitted };
    }

    /// <summary>The committed entry a pending watermark becomes.</summary>
    public static SyncEntry Commit(SyncEntry? committed, SyncPending pending) => new()
    {
        Watermark = pending.Watermark,
        RecentIds = pending.RecentIds,
        LastRunAt = pending.RunAt,
        TotalEmitted = (committed?.TotalEmitted ?? 0) + pending.Emitted,
    };

    /// <summary>The committed part kept as it is, with the run's result waiting for a commit.</summary>
    public static SyncEntry WithPending(SyncEntry? committed, SyncPending pending) => new()
    {
        Watermark = committed?.Watermark,
        RecentIds = committed?.RecentIds ?? new List<string>(),
        LastRunAt = committed?.LastRunAt,
        TotalEmitted = committed?.TotalEmitted ?? 0,
        Pending = pending,
    };
}
