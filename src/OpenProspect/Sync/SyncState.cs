using System;
using System.Collections.Generic;

namespace OpenProspect.Sync;

/// <summary>The state file of Sync-OPDelivery: one watermark per prospect search.</summary>
internal sealed class SyncState
{
    /// <summary>
    /// Still 1: the pending watermark is an optional field, so files written before it existed load unchanged,
    /// and an older module reading a newer file ignores the pending part and starts from the committed watermark.
    /// </summary>
    public const int CurrentFormat = 1;

    /// <summary>0 when the file did not say, which is not a state file of this module.</summary>
    public int Format { get; set; }

    /// <summary>Left null when the file does not have it, so such a file is refused rather than read as empty.</summary>
    public Dictionary<string, SyncEntry> ProspectSearches { get; set; } = null!;
}

internal sealed class SyncEntry
{
    /// <summary>The latest delivered_at already emitted; the next run asks for what was delivered after it.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Ids already emitted inside the overlap window before the watermark, so a re-read emits them once.</summary>
    public List<string> RecentIds { get; set; } = new();

    public DateTimeOffset? LastRunAt { get; set; }

    public long TotalEmitted { get; set; }

    /// <summary>
    /// What a -NoCommit run delivered and Complete-OPDeliverySync has not confirmed yet; null (left out of the
    /// file) when nothing is pending. The committed fields above stay as they were until the commit.
    /// </summary>
    public SyncPending? Pending { get; set; }
}

/// <summary>The watermark a -NoCommit run reached, waiting for Complete-OPDeliverySync.</summary>
internal sealed class SyncPending
{
    /// <summary>Tells one run's pending watermark from a later run's, so a commit never confirms rows it did not see.</summary>
    public string RunId { get; set; } = "";

    public DateTimeOffset? Watermark { get; set; }

    public List<string> RecentIds { get; set; } = new();

    public DateTimeOffset? RunAt { get; set; }

    /// <summary>Rows the run emitted; added to TotalEmitted on commit.</summary>
    public long Emitted { get; set; }
}
