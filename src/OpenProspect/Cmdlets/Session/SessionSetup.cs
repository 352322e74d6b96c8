using System;
using System.Management.Automation;
using System.Security;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Session;

/// <summary>
/// The checks and defaults shared by Connect-OpenProspect and Test-OpenProspectKey -ApiKey: where the API is,
/// whether the key can be a key at all, and the retry and timeout settings.
/// </summary>
internal static class SessionSetup
{
    public const string DefaultBaseUri = "https://api.openprospect.io";
    public const string BaseUriVariable = "OPENPROSPECT_BASE_URI";
    public const string ApiKeyVariable = "OPENPROSPECT_API_KEY";
    public const string SecretNameVariable = "OPENPROSPECT_SECRET_NAME";
    public const string VaultVariable = "OPENPROSPECT_VAULT";

    /// <summary>
    /// The base URI from the parameter, else OPENPROSPECT_BASE_URI, else production. Plain http is refused
    /// unless the host is this machine (the emulator), because the key would cross the network in clear text.
    /// </summary>
    public static Uri ResolveBaseUri(Uri? given, out ErrorRecord? error)
    {
        error = null;
        var text = given?.OriginalString ?? Environment.GetEnvironmentVariable(BaseUriVariable);
        if (string.IsNullOrWhiteSpace(text)) text = DefaultBaseUri;
        text = text!.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = ErrorRecords.Create("InvalidBaseUri", ErrorCategory.InvalidArgument,
                $"'{text}' is not a usable base URI: give an absolute https URI without query, such as {DefaultBaseUri}.", text);
            return null!;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            error = ErrorRecords.Create("InsecureBaseUri", ErrorCategory.SecurityError,
                $"Refusing to send the API key over plain http to '{uri.Host}': use https. Plain http is accepted only for this machine (localhost, 127.0.0.1, ::1), as the local emulator uses.", text,
                "Use an https:// base URI, or leave -BaseUri out to use " + DefaultBaseUri + ".");
            return null!;
        }
        // Older docs give the base as .../api/v1; the module adds that itself.
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase)) path = path.Substring(0, path.Length - "/api/v1".Length);
        return new UriBuilder(uri) { Path = path + "/" }.Uri;
    }

    /// <summary>An error record for a key that cannot be a key, or null.</summary>
    public static ErrorRecord? CheckKey(SecureString key, string source)
    {
        var problem = ApiKeyRules.Problem(key);
        return problem is null ? null : ErrorRecords.Create("InvalidApiKey", ErrorCategory.InvalidArgument,
            $"{problem} (key from {source})", null,
            "Give the key exactly as OpenProspect showed it at creation; keys look like lnc_live_ followed by letters and digits.");
    }

    public static OpenProspectSession CreateSession(Uri baseUri, SecureString key, string keySource, string? secretName, string? vault,
        string[]? scopes, int timeoutSec, int maxRetryCount, int maxRetryDelaySec, int retryBudgetSec) =>
        new(baseUri, key, keySource, secretName, vault, scopes, TimeSpan.FromSeconds(timeoutSec),
            new RetryPolicy(maxRetryCount, TimeSpan.FromSeconds(maxRetryDelaySec), TimeSpan.FromSeconds(retryBudgetSec)));
}
