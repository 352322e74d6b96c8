namespace OpenProspect.Emulator.Infrastructure;

/// <summary>
/// A command-line option with a fixed set of values that the control plane may switch at run time
/// (<c>PATCH /_emulator/options</c>); a reset returns to the value the process was started with.
/// </summary>
public sealed class RuntimeOption
{
    private readonly string _startup;
    private volatile string _value;

    /// <summary>Throws <see cref="ArgumentException"/> (exit code 2 at start-up) for a value not in <paramref name="values"/>.</summary>
    public RuntimeOption(string name, string[] values, string startup)
    {
        Name = name;
        Values = values;
        _startup = _value = Check(startup);
    }

    /// <summary>The option's name as on the command line and in the control plane's body, e.g. "dialect".</summary>
    public string Name { get; }

    public IReadOnlyList<string> Values { get; }

    public string Value
    {
        get => _value;
        set => _value = Check(value);
    }

    public void Reset() => _value = _startup;

    /// <summary>The validation problem for <paramref name="value"/>, or null when it is one of the values.</summary>
    public ValidationProblem? Problem(string value) =>
        Values.Contains(value) ? null : new ValidationProblem(Name, "must be one of " + string.Join(", ", Values), value);

    private string Check(string value) =>
        Problem(value) is null ? value : throw new ArgumentException($"--{Name} must be one of {string.Join(", ", Values)}; got '{value}'.");
}
