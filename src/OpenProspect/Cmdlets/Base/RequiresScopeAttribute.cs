using System;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// The scopes a cmdlet needs. The base class checks them against the session's scopes before any request,
/// so a script learns of a missing scope without having sent anything.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
internal sealed class RequiresScopeAttribute : Attribute
{
    public RequiresScopeAttribute(params string[] scopes) => Scopes = scopes;

    public string[] Scopes { get; }
}
