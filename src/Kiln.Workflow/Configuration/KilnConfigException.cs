using Kiln.Core;

namespace Kiln.Workflow.Configuration;

/// <summary>A kiln.yaml that cannot be used; the message names the file, the line, the key, what was wrong and what is allowed.</summary>
/// <remarks>Messages read <c>kiln.yaml, line 7: unknown key 'targt'; did you mean 'target'? …</c> or <c>kiln.yaml, line 9, 'seed': expected a whole number, got 'abc'.</c></remarks>
public sealed class KilnConfigException : KilnException
{
    /// <summary>Creates the exception; <paramref name="message"/> already names the file and place.</summary>
    public KilnConfigException(string message, string file, SourceLocation? location = null, string? key = null)
        : base(message)
    {
        File = file;
        Location = location;
        Key = key;
    }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    public KilnConfigException(string message, Exception innerException, string file, SourceLocation? location = null, string? key = null)
        : base(message, innerException)
    {
        File = file;
        Location = location;
        Key = key;
    }

    /// <summary>The kiln.yaml file as it was named to Kiln.</summary>
    public string File { get; }

    /// <summary>Where in the file, when known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The key (dotted path, e.g. <c>split.train</c> or <c>decision_tree.max_depth</c>) the error is about, when there is one.</summary>
    public string? Key { get; }

    /// <summary>The one-line message: <c>file, line N, 'key': problem</c>, leaving out the parts that are not known.</summary>
    internal static string Format(string file, SourceLocation? location, string? key, string problem)
    {
        var place = location is { } at ? $"{file}, line {at.Line}" : file;
        return key is null ? $"{place}: {problem}" : $"{place}, '{key}': {problem}";
    }

    /// <summary>Creates the exception with a message made by <see cref="Format"/>.</summary>
    internal static KilnConfigException At(string file, SourceLocation? location, string? key, string problem, Exception? innerException = null) =>
        innerException is null
            ? new(Format(file, location, key, problem), file, location, key)
            : new(Format(file, location, key, problem), innerException, file, location, key);
}
