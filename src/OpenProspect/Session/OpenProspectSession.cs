using System;
using System.Collections.Generic;
using System.Reflection;
using System.Security;
using System.Threading;
using OpenProspect.Api;
using OpenProspect.Session;

namespace OpenProspect;

/// <summary>
/// A connection to the API with one key. Holds the key as a SecureString and shows only its hint.
/// Safe to share between runspaces (ForEach-Object -Parallel): it is immutable apart from being closed.
/// </summary>
public sealed class OpenProspectSession
{
    private static OpenProspectSession? _default;
    // Every session Connect-OpenProspect opened and Disconnect-OpenProspect has not closed, in connection order;
    // process-wide like the default, so every runspace sees the same list.
    private static readonly List<OpenProspectSession> Open = new();
    private readonly SecureString _apiKey;
    private int _disconnected;

    internal OpenProspectSession(Uri baseUri, SecureString apiKey, string keySource, string? secretName, string? secretVault,
        string[]? scopes, TimeSpan timeout, RetryPolicy retryPolicy)
    {
        BaseUri = baseUri;
        _apiKey = apiKey.IsReadOnly() ? apiKey : ReadOnlyCopy(apiKey);
        KeyHint = ApiKeyRules.Hint(_apiKey);
        KeySource = keySource;
        SecretName = secretName;
        SecretVault = secretVault;
        Scopes = scopes;
        ConnectedAt = DateTimeOffset.Now;
        TimeoutSec = timeout.TotalSeconds;
        MaxRetryCount = retryPolicy.MaxRetryCount;
        MaxRetryDelaySec = retryPolicy.MaxDelay.TotalSeconds;
        RetryBudgetSec = retryPolicy.TotalBudget.TotalSeconds;
        Transport = new ApiTransport(baseUri, _apiKey, UserAgent, timeout, retryPolicy);
    }

    internal static string UserAgent { get; } = "OpenProspect-PowerShell/" + ModuleVersion;

    internal static string ModuleVersion
    {
        get
        {
            var v = typeof(OpenProspectSession).Assembly.GetName().Version!;
            return $"{v.Major}.{v.Minor}.{v.Build}";
        }
    }

    public Uri BaseUri { get; }

    /// <summary>The key's prefix and last four characters; the key itself is never shown.</summary>
    public string KeyHint { get; }

    /// <summary>Where the key came from: ApiKey, Credential, SecretManagement, or Environment.</summary>
    public string KeySource { get; }

    public string? SecretName { get; }

    public string? SecretVault { get; }

    /// <summary>The scopes the API reported for the key; null when Connect skipped validation.</summary>
    public string[]? Scopes { get; internal set; }

    /// <summary>The organization the API reported when the key was validated; null when it reported none.</summary>
    public string? Organization { get; internal set; }

    public DateTimeOffset ConnectedAt { get; }

    public double TimeoutSec { get; }

    public int MaxRetryCount { get; }

    public double MaxRetryDelaySec { get; }

    public double RetryBudgetSec { get; }

    public bool IsDefault => ReferenceEquals(Volatile.Read(ref _default), this);

    public bool IsConnected => Volatile.Read(ref _disconnected) == 0;

    internal ApiTransport Transport { get; }

    /// <summary>The process-wide default session, shared by every runspace.</summary>
    internal static OpenProspectSession? Default => Volatile.Read(ref _default);

    internal static void SetDefault(OpenProspectSession session) => Interlocked.Exchange(ref _default, session);

    /// <summary>Adds a session to the list of open sessions (Get-OpenProspectSession -All).</summary>
    internal static void Register(OpenProspectSession session)
    {
        lock (Open)
            if (session.IsConnected && !Open.Contains(session)) Open.Add(session);
    }

    /// <summary>The open sessions, oldest first: a copy, so callers can enumerate it while others connect.</summary>
    internal static OpenProspectSession[] All
    {
        get
        {
            lock (Open) return Open.ToArray();
        }
    }

    /// <summary>Closes the session; if it was the default, there is no default any more.</summary>
    internal void Disconnect()
    {
        if (Interlocked.Exchange(ref _disconnected, 1) == 1) return;
        Interlocked.CompareExchange(ref _default, null, this);
        lock (Open) Open.Remove(this);
        // The transport is left to the garbage collector: another runspace may still be mid-request on it.
    }

    public override string ToString() => $"{BaseUri} ({KeyHint})";

    private static SecureString ReadOnlyCopy(SecureString s)
    {
        var copy = s.Copy();
        copy.MakeReadOnly();
        return copy;
    }
}
