using System.Management.Automation;
using System.Security;

namespace OpenProspect.Cmdlets.Session;

/// <summary>
/// Refuses a plain string for -ApiKey with a message that shows the one-line fix. Without it PowerShell's own
/// conversion error would both confuse a first-time user and quote the key it could not convert.
/// </summary>
internal sealed class SecureKeyTransformationAttribute : ArgumentTransformationAttribute
{
    internal const string Fix = "-ApiKey (Read-Host -AsSecureString 'OpenProspect API key')";

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is string)
            throw new ArgumentTransformationMetadataException(
                "-ApiKey takes a SecureString, not plain text, so the key does not linger in the session history or in memory. Type it in hidden with: "
                + Fix + " . In a script, read it from SecretManagement with -SecretName, or set $env:OPENPROSPECT_API_KEY and leave -ApiKey out.");
        return value is SecureString ? value : inputData;
    }
}
