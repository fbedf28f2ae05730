namespace Kiln.Workflow.Store;

/// <summary>Finds the store's root folder: <c>--store DIR</c>, else the <c>KILN_HOME</c> environment variable, else <c>./.kiln</c>.</summary>
public static class StoreRoot
{
    /// <summary>The environment variable that names the store when no <c>--store</c> is given.</summary>
    public const string EnvironmentVariable = "KILN_HOME";

    /// <summary>The store's folder, relative to the current folder, when neither is given.</summary>
    public const string DefaultFolder = ".kiln";

    /// <summary>The store root's full path.</summary>
    /// <param name="storeOption">The <c>--store</c> value, or <see langword="null"/> when not given.</param>
    /// <param name="environment">Reads an environment variable (the process environment, or a fake in tests).</param>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    /// <exception cref="ArgumentException"><c>--store</c> is empty or not a usable path.</exception>
    public static string Resolve(string? storeOption, Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        string chosen;
        string source;
        if (storeOption is not null)
        {
            if (string.IsNullOrWhiteSpace(storeOption))
                throw new ArgumentException("--store was given an empty folder; pass the store's folder, or leave --store out to use KILN_HOME or ./.kiln.", nameof(storeOption));
            chosen = storeOption;
            source = "--store";
        }
        else if (environment(EnvironmentVariable) is { } home && !string.IsNullOrWhiteSpace(home))
        {
            chosen = home;
            source = EnvironmentVariable;
        }
        else
        {
            chosen = DefaultFolder;
            source = "the default";
        }
        if (chosen.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"The store folder from {source} contains a NUL character.", nameof(storeOption));
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(currentDirectory, chosen)));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"The store folder '{StoreNames.Display(chosen)}' from {source} is not a usable path: {exception.Message}", nameof(storeOption), exception);
        }
    }
}
