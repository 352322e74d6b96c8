using System;

namespace OpenProspect.Api;

/// <summary>
/// A well-formed answer whose shape the module cannot read (no list array, a creation without an id). Unlike a
/// body cut short, sending the request again would not help, so the transport does not retry it.
/// </summary>
internal sealed class UnexpectedShapeException : InvalidOperationException
{
    public UnexpectedShapeException(string message) : base(message) { }
}
