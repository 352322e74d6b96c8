using System.Collections.Concurrent;
using System.Management.Automation;
using OpenProspect.Api;

namespace OpenProspect.Cmdlets.Output;

/// <summary>
/// Collects the API layer's messages from whatever thread produces them and writes them to the Verbose and
/// Debug (and Warning) streams from the pipeline thread, the only thread allowed to write.
/// </summary>
internal sealed class PipelineLog : IApiLog
{
    private readonly ConcurrentQueue<(Stream Stream, string Text)> _queue = new();

    private enum Stream { Verbose, Debug, Warning }

    public PipelineLog(bool debugEnabled) => IsDebugEnabled = debugEnabled;

    public bool IsDebugEnabled { get; }

    public void Verbose(string message) => _queue.Enqueue((Stream.Verbose, message));

    public void Warning(string message) => _queue.Enqueue((Stream.Warning, message));

    public void Debug(string message)
    {
        if (IsDebugEnabled) _queue.Enqueue((Stream.Debug, message));
    }

    /// <summary>Writes what has arrived; call on the pipeline thread only.</summary>
    public void Drain(Cmdlet cmdlet)
    {
        while (_queue.TryDequeue(out var m))
        {
            switch (m.Stream)
            {
                case Stream.Debug: cmdlet.WriteDebug(m.Text); break;
                case Stream.Warning: cmdlet.WriteWarning(m.Text); break;
                default: cmdlet.WriteVerbose(m.Text); break;
            }
        }
    }
}
