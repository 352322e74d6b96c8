using System;
using System.Collections.Generic;
using OpenProspect.Sync;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>Where a sync run starts, what it remembers, and what a commit makes of a pending watermark.</summary>
public sealed class SyncWatermarkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_first_run_asks_for_everything_and_has_seen_nothing()
    {
        Assert.Null(SyncWatermark.Since(null, Overlap));
        Assert.Empty(SyncWatermark.Seen(null));
    }

    [Fact]
    public void A_later_run_starts_one_overlap_before_the_committed_watermark_and_ignores_the_pending_one()
    {
        var entry = new SyncEntry { Watermark = T0, Pending = new SyncPending { Watermark = T0.AddHours(1) } };
        Assert.Equal(T0 - Overlap, SyncWatermark.Since(entry, Overlap));
    }

    [Fact]
    public void The_watermark_is_the_newest_delivery_and_only_ids_inside_the_overlap_are_remembered()
    {
        var received = new List<(string, DateTimeOffset?)>
        {
            ("a", T0.AddMinutes(-20)),
            ("b", T0.AddMinutes(-5)),     // exactly one overlap before the newest: kept
            ("c", T0.AddMinutes(-1)),
            ("d", T0),
        };
        var run = SyncWatermark.Advance(null, received, T0.AddHours(1), Overlap, 4, "r1");
        Assert.Equal(T0, run.Watermark);
        Assert.Equal(new[] { "b", "c", "d" }, run.RecentIds);
        Assert.Equal(4, run.Emitted);
        Assert.Equal("r1", run.RunId);
        Assert.Equal(T0.AddHours(1), run.RunAt);
    }

    [Fact]
    public void Times_in_other_zones_compare_as_instants()
    {
        var received = new List<(string, DateTimeOffset?)>
        {
            ("east", new DateTimeOffset(2026, 11, 30, 13, 30, 0, TimeSpan.FromHours(2))),   // 11:30 UTC
            ("utc", T0),                                                                   // 12:00 UTC: newest
        };
        var run = SyncWatermark.Advance(null, received, T0.AddHours(1), Overlap, 2, "r");
        Assert.Equal(T0, run.Watermark);
        Assert.Equal(new[] { "utc" }, run.RecentIds);
    }

    [Fact]
    public void A_run_that_receives_only_older_deliveries_keeps_the_previous_watermark()
    {
        var entry = new SyncEntry { Watermark = T0 };
        var run = SyncWatermark.Advance(entry, new List<(string, DateTimeOffset?)> { ("x", T0.AddMinutes(-2)) }, T0.AddHours(1), Overlap, 0, "r");
        Assert.Equal(T0, run.Watermark);
        Assert.Equal(new[] { "x" }, run.RecentIds);
    }

    [Fact]
    public void An_empty_run_keeps_the_watermark_and_remembers_nothing()
    {
        var entry = new SyncEntry { Watermark = T0, RecentIds = new List<string> { "old" } };
        var run = SyncWatermark.Advance(entry, new List<(string, DateTimeOffset?)>(), T0.AddHours(1), Overlap, 0, "r");
        Assert.Equal(T0, run.Watermark);
        Assert.Empty(run.RecentIds);
    }

    [Fact]
    public void Without_delivery_times_the_run_start_is_the_watermark_and_every_id_without_a_time_is_remembered()
    {
        var start = T0.AddHours(3);
        // "a" lies before the next run's window (start - overlap), so it cannot come again and need not be kept.
        var received = new List<(string, DateTimeOffset?)> { ("a", T0), ("b", null), ("B", null), ("c", start.AddMinutes(-1)) };
        var run = SyncWatermark.Advance(null, received, start, Overlap, 3, "r");
        Assert.Equal(start, run.Watermark);
        Assert.Equal(new[] { "b", "c" }, run.RecentIds);   // ids compare without case
    }

    [Fact]
    public void A_commit_makes_the_pending_watermark_the_committed_one_and_adds_its_rows()
    {
        var committed = new SyncEntry { Watermark = T0, RecentIds = new List<string> { "old" }, TotalEmitted = 10 };
        var pending = new SyncPending { RunId = "r", Watermark = T0.AddHours(1), RecentIds = new List<string> { "new" }, RunAt = T0.AddHours(2), Emitted = 3 };
        var after = SyncWatermark.Commit(committed, pending);
        Assert.Equal(T0.AddHours(1), after.Watermark);
        Assert.Equal(new[] { "new" }, after.RecentIds);
        Assert.Equal(T0.AddHours(2), after.LastRunAt);
        Assert.Equal(13, after.TotalEmitted);
        Assert.Null(after.Pending);
    }

    [Fact]
    public void A_pending_run_leaves_the_committed_part_as_it_was()
    {
        var committed = new SyncEntry { Watermark = T0, RecentIds = new List<string> { "old" }, LastRunAt = T0, TotalEmitted = 10 };
        var pending = new SyncPending { RunId = "r", Watermark = T0.AddHours(1), Emitted = 3 };
        var after = SyncWatermark.WithPending(committed, pending);
        Assert.Equal(T0, after.Watermark);
        Assert.Equal(new[] { "old" }, after.RecentIds);
        Assert.Equal(10, after.TotalEmitted);
        Assert.Same(pending, after.Pending);
        Assert.Null(SyncWatermark.WithPending(null, pending).Watermark);
    }

    [Fact]
    public void Seen_ids_compare_without_case()
    {
        var seen = SyncWatermark.Seen(new SyncEntry { RecentIds = new List<string> { "ABC" } });
        Assert.Contains("abc", seen);
    }
}
