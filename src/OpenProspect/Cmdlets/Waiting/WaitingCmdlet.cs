using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;

namespace OpenProspect.Cmdlets.Waiting;

/// <summary>
/// Base of every cmdlet that waits for server-side work (Wait-OPOrder, New-OPOrder -Wait, New-OPSearchProfile
/// -Wait): owns -TimeoutSec, -PollIntervalSec and -MaxPollIntervalSec with one set of defaults, re-reads every
/// pending item, shows progress with the elapsed time and the next check counting down, sleeps with a growing
/// interval that Ctrl+C ends at once, and hands each item to <see cref="WriteFinished"/> when it is done.
/// </summary>
public abstract class WaitingCmdlet<T> : OpenProspectCmdlet where T : class
{
    /// <summary>Each wait is this much longer than the one before, up to -MaxPollIntervalSec.</summary>
    private const double Growth = 1.5;

    /// <summary>The longest wait, in seconds; the work goes on server-side when the waiting stops.</summary>
    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = 3600;

    /// <summary>The first interval between two checks, in seconds; it grows by half each time.</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double PollIntervalSec { get; set; } = 5;

    /// <summary>The longest interval between two checks, in seconds.</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double MaxPollIntervalSec { get; set; } = 300;

    /// <summary>The progress bar's title, e.g. "Waiting for OpenProspect orders".</summary>
    private protected abstract string WaitActivity { get; }

    /// <summary>Reads the item's current state from the API.</summary>
    private protected abstract Task<T> RefreshAsync(OpenProspectClient client, T item, CancellationToken ct);

    private protected abstract bool IsFinished(T item);

    private protected abstract string StatusOf(T item);

    /// <summary>Writes an item that reached a final status: to the pipeline, or as an error when it did not succeed.</summary>
    private protected abstract void WriteFinished(T item);

    /// <summary>The error for an item still running when -TimeoutSec has passed (the work itself goes on).</summary>
    private protected abstract ErrorRecord TimedOut(T item, TimeSpan waited);

    /// <summary>
    /// Waits until every item is finished or the timeout passes. With <paramref name="checkFirst"/> the items are
    /// read before the first wait (they may already be done); a fresh creation is waited for first.
    /// </summary>
    private protected void WaitFor(IEnumerable<T> items, bool checkFirst)
    {
        var pending = items.ToList();
        int total = pending.Count, finished = 0;
        var started = DateTime.UtcNow;
        var deadline = started + TimeSpan.FromSeconds(TimeoutSec);
        var interval = TimeSpan.FromSeconds(PollIntervalSec);
        var maxInterval = TimeSpan.FromSeconds(Math.Max(PollIntervalSec, MaxPollIntervalSec));
        var progress = new ProgressRecord(3, WaitActivity, "Checking…");
        try
        {
            for (bool check = checkFirst; ; check = true)
            {
                if (check) pending = CheckAll(pending, ref finished);
                if (pending.Count == 0) return;

                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    foreach (var item in pending) WriteError(TimedOut(item, DateTime.UtcNow - started));
                    return;
                }
                var wait = interval < remaining ? interval : remaining;
                var statuses = string.Join(", ", pending.GroupBy(StatusOf).Select(g => $"{g.Count()} {g.Key}"));
                progress.PercentComplete = total == 0 ? 100 : finished * 100 / total;
                // Sleep in slices of a second so the bar counts down to the next check.
                for (var left = wait; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(1))
                {
                    progress.StatusDescription = $"{finished} of {total} finished; waiting: {statuses}; {Elapsed(DateTime.UtcNow - started)} elapsed; next check in {Math.Ceiling(left.TotalSeconds):0} s";
                    WriteProgress(progress);
                    Await(Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), StopToken));
                }
                interval = TimeSpan.FromMilliseconds(Math.Min(maxInterval.TotalMilliseconds, interval.TotalMilliseconds * Growth));
            }
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            progress.PercentComplete = 100;
            WriteProgress(progress);
        }
    }

    /// <summary>Reads every pending item once; returns those still running.</summary>
    private List<T> CheckAll(List<T> pending, ref int finished)
    {
        var still = new List<T>(pending.Count);
        foreach (var item in pending)
        {
            T current;
            try
            {
                current = Await(RefreshAsync(Client, item, StopToken));
            }
            catch (OpenProspectApiException ex) when (ex.IsTransient)
            {
                // The work goes on server-side; one unreadable status is no reason to stop waiting for it.
                WriteWarning($"Could not read the status of {item} ({ex.Message}); still waiting.");
                still.Add(item);
                continue;
            }
            catch (OpenProspectApiException ex)
            {
                WriteApiError(ex, item);   // 404, 403: waiting longer cannot help
                finished++;
                continue;
            }
            if (IsFinished(current))
            {
                finished++;
                WriteFinished(current);
            }
            else still.Add(current);
        }
        return still;
    }

    private static string Elapsed(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : $"{t:m\\:ss}";
}
