using System.Management.Automation;

namespace OpenProspect.Cmdlets.Session;

/// <summary>Closes the default session, or the one given with -Session.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "OpenProspect")]
[OutputType(typeof(void))]
public sealed class DisconnectOpenProspectCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public OpenProspectSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        var session = Session ?? OpenProspectSession.Default;
        if (session is null)
        {
            WriteVerbose("Not connected; nothing to disconnect.");
            return;
        }
        session.Disconnect();
        WriteVerbose($"Disconnected from {session.BaseUri} ({session.KeyHint}).");
    }
}
