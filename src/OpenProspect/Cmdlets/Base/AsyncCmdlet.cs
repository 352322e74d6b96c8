using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Cmdlets.Output;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// Runs async API work inside a synchronous cmdlet: waits on the pipeline thread while writing the work's
/// Verbose/Debug lines, and cancels one token on Ctrl+C that every request, retry delay and poll observes.
/// </summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Signalled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StopToken => _stop.Token;

    internal PipelineLog Log { get; private set; } = new(false);

    protected override void BeginProcessing() => Log = new PipelineLog(IsDebugWanted());

    protected override void StopProcessing() => _stop.Cancel();

    private bool? _showsProgress;

    /// <summary>
    /// Whether progress records are worth writing: not when $ProgressPreference silences them, and never when the
    /// console's output is redirected (a scheduled task's log would fill with progress bars nobody sees). Other
    /// hosts (an IDE, a hosted runspace) get the records and decide themselves.
    /// </summary>
    private protected bool ShowsProgress => _showsProgress ??= ProgressWanted();

    private bool ProgressWanted()
    {
        var pref = GetVariableValue("ProgressPreference");
        if (pref is ActionPreference ap ? ap is ActionPreference.SilentlyContinue or ActionPreference.Ignore
            : pref is not null && (string.Equals(pref.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase) || string.Equals(pref.ToString(), "Ignore", StringComparison.OrdinalIgnoreCase)))
            return false;
        bool console = string.Equals(Host?.Name, "ConsoleHost", StringComparison.Ordinal);
        if (!console) return true;
        try
        {
            return !Console.IsOutputRedirected && Host!.UI?.RawUI is not null;
        }
        catch (Exception e) when (e is System.IO.IOException or NotSupportedException or InvalidOperationException)
        {
            return false;   // no console to ask: nothing to draw on either
        }
    }

    /// <summary>For helpers such as the listing progress bar, which are not cmdlets themselves.</summary>
    internal void WriteProgressRecord(ProgressRecord progressRecord) => WriteProgress(progressRecord);

    /// <summary>Writes a progress record when <see cref="ShowsProgress"/>; every progress of the module goes through here.</summary>
    protected new void WriteProgress(ProgressRecord progressRecord)
    {
        if (ShowsProgress) base.WriteProgress(progressRecord);
    }

    /// <summary>
    /// Waits for an API task on the pipeline thread, writing its log lines as they come.
    /// Ctrl+C surfaces as PipelineStoppedException; API failures are rethrown as they are.
    /// </summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            while (!task.Wait(50)) Log.Drain(this);
        }
        catch (AggregateException)
        {
            // Inspected below through GetResult, which rethrows the original exception.
        }
        Log.Drain(this);
        if (_stop.IsCancellationRequested && (task.IsCanceled || task.Exception?.InnerException is OperationCanceledException))
            throw new PipelineStoppedException();
        return task.GetAwaiter().GetResult();
    }

    protected void Await(Task task) => Await(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; },
        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));

    /// <summary>
    /// The one way an API failure is reported: 401 ends the command (no later call with this key can work),
    /// anything else is an error about <paramref name="target"/> alone, so the rest of the pipeline goes on.
    /// <paramref name="message"/> and <paramref name="recommendedAction"/> go to <see cref="ErrorRecords.FromApi"/>.
    /// </summary>
    private protected void WriteApiError(OpenProspectApiException ex, object? target, string? message = null, string? recommendedAction = null)
    {
        var record = ErrorRecords.FromApi(ex, target, message, recommendedAction);
        if (ex.StatusCode == 401) ThrowTerminatingError(record);
        WriteError(record);
    }

    private bool IsDebugWanted()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Debug", out var d) && d is SwitchParameter sp) return sp.IsPresent;
        var pref = GetVariableValue("DebugPreference");
        return pref is ActionPreference ap ? ap != ActionPreference.SilentlyContinue && ap != ActionPreference.Ignore
            : pref is not null && !string.Equals(pref.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
