using System.Diagnostics;
using System.Management.Automation;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// The progress bar of a long listing: items so far, of the total when the API says it, redrawn at most four
/// times a second (a bar per page would cost more than the page on a fast connection).
/// </summary>
internal sealed class ListingProgress
{
    private const int ActivityId = 20;
    private static readonly long MinIntervalMs = 250;
    private readonly AsyncCmdlet _cmdlet;
    private readonly string _activity;
    private readonly Stopwatch _since = new();
    private long _items;
    private bool _shown;

    public ListingProgress(AsyncCmdlet cmdlet, string activity)
    {
        _cmdlet = cmdlet;
        _activity = activity;
    }

    /// <summary>Counts a page that arrived; the first page always shows, later ones when the interval has passed.</summary>
    public void Received(int count, long? total)
    {
        _items += count;
        if (_shown && _since.ElapsedMilliseconds < MinIntervalMs) return;
        var record = new ProgressRecord(ActivityId, _activity, total is long t && t > 0
            ? $"{_items:N0} of {t:N0} items"
            : $"{_items:N0} items so far");
        if (total is long all && all > 0) record.PercentComplete = (int)System.Math.Min(100, _items * 100 / all);
        _cmdlet.WriteProgressRecord(record);
        _shown = true;
        _since.Restart();
    }

    public void Done()
    {
        if (!_shown || _cmdlet.Stopping) return;   // a stopped pipeline takes its bars with it
        _cmdlet.WriteProgressRecord(new ProgressRecord(ActivityId, _activity, $"{_items:N0} items") { RecordType = ProgressRecordType.Completed });
    }
}
