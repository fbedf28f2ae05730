namespace Kiln.Cli;

/// <summary>Where a command writes (results to <see cref="Out"/>, logs, warnings and errors to <see cref="Error"/>), and what it reads from its surroundings.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?>? environment = null, string? currentDirectory = null)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Reads an environment variable (the process environment, or a fake in tests).</summary>
    public Func<string, string?> Environment { get; } = environment ?? System.Environment.GetEnvironmentVariable;

    /// <summary>The folder relative paths start from, and where kiln.config.yaml is looked for: the process's current folder (another in tests).</summary>
    public string CurrentDirectory { get; } = currentDirectory ?? Directory.GetCurrentDirectory();

    /// <summary>Writes a log line (what was chosen, what was inferred) to standard error.</summary>
    public void Log(string message) => Error.WriteLine(message);

    /// <summary>Writes a warning to standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>A path the user typed, as a full path.</summary>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(CurrentDirectory, path));

    /// <summary>A full path as messages show it: relative to <see cref="CurrentDirectory"/> when it is inside it.</summary>
    public string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
