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

    /// <summary>
    /// The key without white space around it (a newline read from a secret file, a space pasted from a terminal);
    /// <paramref name="trimmed"/> says whether anything was removed. The key is never revealed to the caller.
    /// </summary>
    public static SecureString TrimKey(SecureString key, out bool trimmed)
    {
        var plain = SecureStrings.Reveal(key);
        var inner = plain.Trim();
        trimmed = inner.Length != plain.Length && inner.Length > 0;
        return trimmed ? ApiKeyRules.ToSecureString(inner) : key;
    }

    /// <summary>
    /// The organization the validate answer names, if any. The docs show only valid and scopes, so any of
    /// organization, organization_name or org is read, as a string or as an object with a name (else an id).
    /// </summary>
    public static string? OrganizationOf(ApiObject answer)
    {
        if (answer.AdditionalFields is not { } fields) return null;
        foreach (var name in new[] { "organization", "organization_name", "org" })
        {
            if (!fields.TryGetValue(name, out var value)) continue;
            if (value.ValueKind == System.Text.Json.JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())) return value.GetString()!.Trim();
            if (value.ValueKind != System.Text.Json.JsonValueKind.Object) continue;
            foreach (var inner in new[] { "name", "organization_name", "display_name", "id" })
                if (value.TryGetProperty(inner, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
                    return v.GetString()!.Trim();
        }
        return null;
    }

    /// <summary>
    /// Whether someone can answer a prompt: a host with a UI, and for the console host neither -NonInteractive nor
    /// redirected input (a scheduled task must fail with the clear error, not wait for a key nobody types).
    /// </summary>
    public static bool CanPrompt(System.Management.Automation.Host.PSHost? host)
    {
        if (host?.UI is null || host.Name == "Default Host") return false;
        if (host.Name != "ConsoleHost") return true;
        if (Console.IsInputRedirected) return false;
        foreach (var arg in Environment.GetCommandLineArgs())
        {
            var a = arg.TrimStart('-', '/');
            if (a.Length >= 4 && "noninteractive".StartsWith(a, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    public static OpenProspectSession CreateSession(Uri baseUri, SecureString key, string keySource, string? secretName, string? vault,
        string[]? scopes, int timeoutSec, int maxRetryCount, int maxRetryDelaySec, int retryBudgetSec) =>
        new(baseUri, key, keySource, secretName, vault, scopes, TimeSpan.FromSeconds(timeoutSec),
            new RetryPolicy(maxRetryCount, TimeSpan.FromSeconds(maxRetryDelaySec), TimeSpan.FromSeconds(retryBudgetSec)));
}
