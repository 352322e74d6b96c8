using System;
using System.Management.Automation;
using System.Security;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Session;

/// <summary>
/// <para type="synopsis">Connects to the OpenProspect API with an API key and makes the connection the default.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "OpenProspect", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(OpenProspectSession))]
public sealed class ConnectOpenProspectCommand : AsyncCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";
    private const string SecretSet = "SecretName";

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    [SecureKeyTransformation]
    public SecureString ApiKey { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [ValidateNotNullOrEmpty]
    public string SecretName { get; set; } = null!;

    [Parameter(ParameterSetName = SecretSet)]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSec { get; set; } = 30;

    [Parameter]
    [ValidateRange(0, 10)]
    public int MaxRetryCount { get; set; } = 4;

    [Parameter]
    [ValidateRange(1, 3600)]
    public int MaxRetryDelaySec { get; set; } = 30;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Makes the session without replacing the default one; use it with -PassThru and -Session.</summary>
    [Parameter]
    public SwitchParameter NoDefault { get; set; }

    protected override void EndProcessing()
    {
        var baseUri = SessionSetup.ResolveBaseUri(BaseUri, out var uriError);
        if (uriError is not null) ThrowTerminatingError(uriError);

        var key = ReadKey(out var source, out var secretName, out var vault);
        key = SessionSetup.TrimKey(key, out var trimmed);
        if (trimmed) WriteVerbose($"Removed white space (such as a trailing newline from a file) around the API key from {source}.");
        var keyError = SessionSetup.CheckKey(key, source == "Environment" ? SessionSetup.ApiKeyVariable : source);
        if (keyError is not null) ThrowTerminatingError(keyError);

        var session = SessionSetup.CreateSession(baseUri, key, source, secretName, vault, null,
            TimeoutSec, MaxRetryCount, MaxRetryDelaySec, Math.Max(MaxRetryDelaySec * 4, 120));
        if (!SkipValidation)
        {
            KeyValidation validation;
            try
            {
                validation = Await(new OpenProspectClient(session.Transport, Log).ValidateKeyAsync(StopToken));
            }
            catch (OpenProspectApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApi(ex, baseUri));
                return;
            }
            if (!validation.Valid)
                ThrowTerminatingError(ErrorRecords.Create("UNAUTHORIZED", ErrorCategory.AuthenticationError,
                    $"The API at {baseUri} reports the key {session.KeyHint} as not valid.", baseUri,
                    "Use an active key: it may be mistyped, expired or revoked. Create one under Settings > Developer > API Keys in the OpenProspect app, then run Connect-OpenProspect again."));
            session.Scopes = validation.Scopes;
            session.Organization = SessionSetup.OrganizationOf(validation);
        }

        if (!NoDefault) OpenProspectSession.SetDefault(session);
        OpenProspectSession.Register(session);
        WriteVerbose($"Connected to {session.BaseUri} with key {session.KeyHint} from {source}{(session.Organization is null ? "" : $" (organization {session.Organization})")}; scopes: {(session.Scopes is null ? "not validated" : string.Join(", ", session.Scopes))}.");
        if (NoDefault && !PassThru)
            WriteWarning("-NoDefault without -PassThru: the new session is not the default and was not written to the pipeline. Get-OpenProspectSession -All lists it.");
        if (PassThru) WriteObject(session);
    }

    /// <summary>The key from the parameter set in use; without a key parameter, from the environment (documented order).</summary>
    private SecureString ReadKey(out string source, out string? secretName, out string? vault)
    {
        secretName = null;
        vault = null;
        switch (ParameterSetName)
        {
            case ApiKeySet:
                source = "ApiKey";
                return ApiKey;
            case CredentialSet:
                source = "Credential";
                return Credential.Password;
            case SecretSet:
                source = "SecretManagement";
                secretName = SecretName;
                vault = Vault;
                return SecretReader.Read(this, SecretName, Vault);
        }

        var plain = Environment.GetEnvironmentVariable(SessionSetup.ApiKeyVariable);
        if (!string.IsNullOrEmpty(plain))
        {
            source = "Environment";
            return ApiKeyRules.ToSecureString(plain!);
        }
        var envSecret = Environment.GetEnvironmentVariable(SessionSetup.SecretNameVariable);
        if (!string.IsNullOrWhiteSpace(envSecret))
        {
            source = "SecretManagement";
            secretName = envSecret!.Trim();
            vault = Environment.GetEnvironmentVariable(SessionSetup.VaultVariable);
            vault = string.IsNullOrWhiteSpace(vault) ? null : vault!.Trim();
            return SecretReader.Read(this, secretName, vault);
        }

        var typed = PromptForKey();
        if (typed is not null)
        {
            source = "Prompt";
            return typed;
        }

        ThrowTerminatingError(ErrorRecords.Create("ApiKeyNotFound", ErrorCategory.ObjectNotFound,
            $"No API key given: pass -ApiKey, -Credential or -SecretName, or set $env:{SessionSetup.ApiKeyVariable} or $env:{SessionSetup.SecretNameVariable} (with $env:{SessionSetup.VaultVariable}).",
            null, "See Get-Help about_OpenProspect_Authentication for the key sources and their order."));
        source = "";
        return null!;
    }

    /// <summary>
    /// In an interactive session with no key source at all, asks for the key with hidden input. Returns null when
    /// nobody can answer (-NonInteractive, redirected input, a host without a UI), so the caller keeps its clear error.
    /// </summary>
    private SecureString? PromptForKey()
    {
        if (!SessionSetup.CanPrompt(Host)) return null;
        try
        {
            Host.UI.WriteLine($"No API key was given and none is set in $env:{SessionSetup.ApiKeyVariable} or $env:{SessionSetup.SecretNameVariable}.");
            Host.UI.Write("OpenProspect API key (input is hidden): ");
            return Host.UI.ReadLineAsSecureString();
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or NotImplementedException or PSNotImplementedException or System.Management.Automation.Host.HostException or InvalidOperationException)
        {
            // The host says it cannot read input after all (e.g. a non-interactive console).
            WriteVerbose($"Could not prompt for the API key: {ex.Message}");
            return null;
        }
    }
}
