namespace Kiln.TestKit;

/// <summary>Sets process environment variables for a test and puts the old values back on dispose (tests that use it must not run in parallel with others reading those variables).</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    /// <summary>Sets each variable to its value (null removes it), remembering what it was.</summary>
    public EnvironmentScope(Dictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Puts every variable back as it was.</summary>
    public void Dispose()
    {
        foreach (var (name, value) in _previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}
