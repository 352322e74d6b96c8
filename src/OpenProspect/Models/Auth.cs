using System;
using OpenProspect.Session;

namespace OpenProspect;

/// <summary>The answer of GET /api/v1/auth/validate.</summary>
public sealed class KeyValidation : ApiObject
{
    public bool Valid { get; set; }

    public string[] Scopes { get; set; } = Array.Empty<string>();
}

/// <summary>What Test-OpenProspectKey reports about a key.</summary>
public sealed class KeyTestResult
{
    public bool Valid { get; set; }

    public string KeyHint { get; set; } = "";

    public string[] Scopes { get; set; } = Array.Empty<string>();

    public string[] RequiredScopes { get; set; } = Array.Empty<string>();

    public string[] MissingScopes { get; set; } = Array.Empty<string>();

    /// <summary>Why the key is not valid, or null.</summary>
    public string? Reason { get; set; }

    public Uri? BaseUri { get; set; }
}
