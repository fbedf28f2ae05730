namespace Kiln.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, logs, warnings and errors to <see cref="Error"/>.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Writes a log line (what was chosen, what was inferred) to standard error.</summary>
    public void Log(string message) => Error.WriteLine(message);

    /// <summary>Writes a warning to standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");
}
