namespace OpenProspect.Api;

/// <summary>
/// Where the API layer reports what it does. The cmdlet layer implements it and forwards the messages to the
/// Verbose and Debug streams on the pipeline thread; the API layer itself never touches PowerShell.
/// </summary>
internal interface IApiLog
{
    /// <summary>True when debug detail (headers, bodies) is wanted, so it is only built when someone reads it.</summary>
    bool IsDebugEnabled { get; }

    void Verbose(string message);

    void Debug(string message);

    /// <summary>Something the user should know although the call succeeded (e.g. an answer read in an unexpected shape).</summary>
    void Warning(string message);
}

/// <summary>A log that discards everything, for callers that do not listen.</summary>
internal sealed class NullApiLog : IApiLog
{
    public static readonly NullApiLog Instance = new();

    public bool IsDebugEnabled => false;

    public void Verbose(string message) { }

    public void Debug(string message) { }

    public void Warning(string message) { }
}
