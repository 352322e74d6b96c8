using System.Management.Automation;

namespace OpenProspect.Cmdlets.Session;

/// <summary>Shows the default session: where it connects, the key's hint and scopes, never the key.</summary>
[Cmdlet(VerbsCommon.Get, "OpenProspectSession")]
[OutputType(typeof(OpenProspectSession))]
public sealed class GetOpenProspectSessionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var session = OpenProspectSession.Default;
        if (session is null) WriteVerbose("Not connected: Connect-OpenProspect creates a session.");
        else WriteObject(session);
    }
}
