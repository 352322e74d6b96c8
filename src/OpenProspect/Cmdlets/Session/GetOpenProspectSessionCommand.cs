using System.Management.Automation;

namespace OpenProspect.Cmdlets.Session;

/// <summary>Shows the default session (or with -All every open one): where it connects, the key's hint and scopes, never the key.</summary>
[Cmdlet(VerbsCommon.Get, "OpenProspectSession")]
[OutputType(typeof(OpenProspectSession))]
public sealed class GetOpenProspectSessionCommand : PSCmdlet
{
    /// <summary>Lists every open session (oldest first), not only the default one.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void EndProcessing()
    {
        if (All)
        {
            var open = OpenProspectSession.All;
            if (open.Length == 0) WriteVerbose("No open sessions: Connect-OpenProspect creates one.");
            foreach (var s in open) WriteObject(s);
            return;
        }
        var session = OpenProspectSession.Default;
        if (session is null) WriteVerbose("Not connected: Connect-OpenProspect creates a session.");
        else WriteObject(session);
    }
}
