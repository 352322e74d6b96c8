using System;
using System.Collections.Generic;

namespace OpenProspect.Api.Wire;

/// <summary>The state file of Sync-OPDelivery: one watermark per prospect search.</summary>
public sealed class SyncState
{
    public const int CurrentFormat = 1;

    /// <summary>0 when the file did not say, which is not a state file of this module.</summary>
    public int Format { get; set; }

    /// <summary>Left null when the file does not have it, so such a file is refused rather than read as empty.</summary>
    public Dictionary<string, SyncEntry> ProspectSearches { get; set; } = null!;
}

public sealed class SyncEntry
{
    /// <summary>The latest delivered_at already emitted; the next run asks for what was delivered after it.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Ids already emitted inside the overlap window before the watermark, so a re-read emits them once.</summary>
    public List<string> RecentIds { get; set; } = new();

    public DateTimeOffset? LastRunAt { get; set; }

    public long TotalEmitted { get; set; }
}
