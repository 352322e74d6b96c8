using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Session;

/// <summary>
/// Asks the API whether a key is active and which scopes it has, and reports the scopes missing for a job.
/// A key the API refuses is reported as not valid rather than as an error, so scripts can branch on it.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "OpenProspectKey", DefaultParameterSetName = SessionSet)]
[OutputType(typeof(KeyTestResult), typeof(bool))]
public sealed class TestOpenProspectKeyCommand : OpenProspectCmdlet
{
    private const string SessionSet = "Session";
    private const string ApiKeySet = "ApiKey";
    private string? _keyProblem;
    private OpenProspectSession? _temporary;

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [SecureKeyTransformation]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    [Parameter(ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[] RequiredScope { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateSet("EnrichmentOrders", "DiscoveryOrders", "CrmSync", "BlacklistManagement", "Orders", "ReadOnly", "FullAccess", IgnoreCase = true)]
    public string[] Preset { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override OpenProspectSession? ResolveSession()
    {
        if (ParameterSetName != ApiKeySet) return base.ResolveSession();
        if (Session is not null)
            ThrowTerminatingError(ErrorRecords.Create("AmbiguousKey", System.Management.Automation.ErrorCategory.InvalidArgument,
                "Give either -ApiKey (test that key) or -Session (test the session's key), not both.", null));
        var baseUri = SessionSetup.ResolveBaseUri(BaseUri, out var uriError);
        if (uriError is not null) ThrowTerminatingError(uriError);
        var key = SessionSetup.TrimKey(ApiKey, out var trimmed);
        if (trimmed) WriteVerbose("Removed white space (such as a trailing newline from a file) around the API key from -ApiKey.");
        _keyProblem = ApiKeyRules.Problem(key);
        // A temporary session that is never made the default; with no scopes known, no pre-check applies.
        return _temporary = SessionSetup.CreateSession(baseUri, key, "ApiKey", null, null, null, 30, 2, 10, 30);
    }

    protected override void EndProcessing()
    {
        try
        {
            Test();
        }
        finally
        {
            _temporary?.Transport.Dispose();   // a key tested directly leaves no connection behind
        }
    }

    private void Test()
    {
        var required = RequiredScope.Concat(Preset.SelectMany(p => Scopes.Presets[p]))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var result = new KeyTestResult { KeyHint = ActiveSession.KeyHint, BaseUri = ActiveSession.BaseUri, RequiredScopes = required };

        if (_keyProblem is not null)
        {
            result.Reason = _keyProblem;
        }
        else
        {
            try
            {
                var validation = Await(Client.ValidateKeyAsync(StopToken));
                result.Valid = validation.Valid;
                result.Scopes = validation.Scopes;
                if (!validation.Valid) result.Reason = "The API reports the key as not valid.";
            }
            catch (OpenProspectApiException ex) when (ex.StatusCode == 401)
            {
                result.Reason = ex.Message;
            }
            catch (OpenProspectApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApi(ex, ActiveSession.BaseUri));
            }
        }
        result.MissingScopes = Scopes.Missing(required, result.Scopes);
        if (Quiet) WriteObject(result.Valid && result.MissingScopes.Length == 0);
        else WriteObject(result);
    }
}
