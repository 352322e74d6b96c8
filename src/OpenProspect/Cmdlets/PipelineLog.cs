using System.Collections.Concurrent;
using System.Management.Automation;
using OpenProspect.Api;

namespace OpenProspect.Cmdlets;

/// <summary>
/// Collects the API layer's messages from whatever thread produces them and writes them to the Verbose and
/// Debug streams from the pipeline thread, the only thread allowed to write.
/// </summary>
internal sealed class PipelineLog : IApiLog
{
    private readonly ConcurrentQueue<(bool Debug, string Text)> _queue = new();

    public PipelineLog(bool debugEnabled) => IsDebugEnabled = debugEnabled;

    public bool IsDebugEnabled { get; }

    public void Verbose(string message) => _queue.Enqueue((false, message));

    public void Debug(string message)
    {
        if (IsDebugEnabled) _queue.Enqueue((true, message));
    }

    /// <summary>Writes what has arrived; call on the pipeline thread only.</summary>
    public void Drain(Cmdlet cmdlet)
    {
        while (_queue.TryDequeue(out var m))
        {
            if (m.Debug) cmdlet.WriteDebug(m.Text);
            else cmdlet.WriteVerbose(m.Text);
        }
    }
}
