using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;

namespace OpenProspect.Cmdlets.Waiting;

/// <summary>How a cmdlet polls: first interval, growth, ceiling and overall timeout.</summary>
internal sealed class PollSettings
{
    public PollSettings(TimeSpan firstInterval, TimeSpan maxInterval, TimeSpan timeout)
    {
        FirstInterval = firstInterval;
        MaxInterval = maxInterval;
        Timeout = timeout;
    }

    public TimeSpan FirstInterval { get; }

    public TimeSpan MaxInterval { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Each wait is this much longer than the one before, up to MaxInterval.</summary>
    public const double Growth = 1.5;
}

/// <summary>
/// The one place that waits for server-side work (orders, search-profile creations): re-reads every pending
/// item, reports progress, sleeps with a growing interval that Ctrl+C interrupts at once, and hands each item
/// back when it is finished or when the timeout passes. Runs on the pipeline thread of its cmdlet.
/// </summary>
internal static class StatusPoller
{
    public static void WaitForAll<T>(
        OpenProspectCmdlet cmdlet,
        IEnumerable<T> items,
        Func<T, CancellationToken, Task<T>> refresh,
        Func<T, bool> isFinished,
        Func<T, string> statusOf,
        Func<T, object> targetOf,
        PollSettings settings,
        string activity,
        Action<T> onFinished,
        Action<T> onTimedOut,
        bool refreshFirst = true)
    {
        var pending = items.ToList();
        int total = pending.Count, finished = 0;
        var deadline = DateTime.UtcNow + settings.Timeout;
        var interval = settings.FirstInterval;
        var progress = new ProgressRecord(3, activity, "Checking…");
        try
        {
            bool first = true;
            while (pending.Count > 0)
            {
                if (refreshFirst || !first)
                {
                    var still = new List<T>(pending.Count);
                    foreach (var item in pending)
                    {
                        T current;
                        try
                        {
                            current = cmdlet.Read(ct => refresh(item, ct));
                        }
                        catch (OpenProspectApiException ex) when (ex.StatusCode == 0 || ex.Code == "INVALID_RESPONSE" || RetryPolicy.IsRetryableStatus(ex.StatusCode))
                        {
                            // The work goes on server-side; one unreadable status is no reason to stop waiting for it.
                            cmdlet.WriteWarning($"Could not read the status of {item} ({ex.Message}); still waiting.");
                            still.Add(item);
                            continue;
                        }
                        catch (OpenProspectApiException ex)
                        {
                            cmdlet.ReportApiError(ex, targetOf(item));   // 404, 403: waiting longer cannot help
                            finished++;
                            continue;
                        }
                        if (isFinished(current)) { finished++; onFinished(current); }
                        else still.Add(current);
                    }
                    pending = still;
                }
                first = false;
                if (pending.Count == 0) break;

                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    foreach (var item in pending) onTimedOut(item);
                    return;
                }
                var wait = interval < remaining ? interval : remaining;
                var statuses = string.Join(", ", pending.GroupBy(statusOf).Select(g => $"{g.Count()} {g.Key}"));
                progress.StatusDescription = $"{finished} of {total} finished; waiting: {statuses}; next check in {Math.Ceiling(wait.TotalSeconds):0} s";
                progress.PercentComplete = total == 0 ? 100 : finished * 100 / total;
                cmdlet.WriteProgress(progress);
                cmdlet.Sleep(wait);
                interval = TimeSpan.FromMilliseconds(Math.Min(settings.MaxInterval.TotalMilliseconds, interval.TotalMilliseconds * PollSettings.Growth));
            }
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            progress.PercentComplete = 100;
            cmdlet.WriteProgress(progress);
        }
    }
}
