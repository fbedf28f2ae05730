using Kiln.Tracking;

namespace Kiln.Workflow.Configuration;

/// <summary>A kiln.config.yaml: the store, run store and artifact root of each environment, and the default environment.</summary>
/// <remarks>
/// <code>
/// default_environment: develop        # optional; develop or production
/// environments:
///   develop:    {store: .kiln}                                          # relative paths start at this file's folder
///   production: {store: /srv/kiln/production, tracking: "", artifacts: /srv/kiln/production-artifacts}
/// </code>
/// Every key is optional. <see cref="Find"/> looks for the file next to the kiln.yaml, then in the current folder.
/// </remarks>
public sealed record KilnSettingsFile
{
    /// <summary>The file name Kiln looks for.</summary>
    public const string FileName = "kiln.config.yaml";

    /// <summary>The file as named in messages.</summary>
    public required string File { get; init; }

    /// <summary>The environment a run uses when nothing more specific chooses one, or <see langword="null"/>.</summary>
    public RunEnvironment? DefaultEnvironment { get; init; }

    /// <summary>Where <see cref="DefaultEnvironment"/> is written, when it is.</summary>
    public SourceLocation? DefaultEnvironmentLocation { get; init; }

    /// <summary>Each environment's section, for the environments the file names.</summary>
    public required IReadOnlyDictionary<RunEnvironment, EnvironmentEntry> Environments { get; init; }

    /// <summary>The section of <paramref name="environment"/>, or <see langword="null"/> when the file has none.</summary>
    public EnvironmentEntry? Entry(RunEnvironment environment) => Environments.GetValueOrDefault(environment);

    /// <summary>The kiln.config.yaml next to the kiln.yaml (when there is one), else in the current folder, or <see langword="null"/>.</summary>
    /// <param name="projectDirectory">The kiln.yaml's folder, or <see langword="null"/> when no kiln.yaml is involved.</param>
    /// <param name="currentDirectory">The current folder.</param>
    public static string? Find(string? projectDirectory, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(currentDirectory);
        foreach (var directory in new[] { projectDirectory, currentDirectory })
        {
            if (directory is null)
                continue;
            var path = Path.Combine(directory, FileName);
            if (System.IO.File.Exists(path))
                return Path.GetFullPath(path);
        }
        return null;
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>; relative paths in it start at its folder.</summary>
    /// <exception cref="KilnConfigException">The file cannot be read, is not valid YAML or not a valid kiln.config.yaml; the message names the line, the column and the key.</exception>
    public static KilnSettingsFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            var info = new FileInfo(full);
            if (info.Length > KilnSettingsReader.MaxCharacters * 4L)
                throw new KilnConfigException($"{path}: the file has {info.Length} bytes; a {FileName} is far smaller. Is this the right file?", path);
            text = System.IO.File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KilnConfigException($"{path}: cannot be read: {exception.Message}", exception, path);
        }
        return Parse(text, path, Path.GetDirectoryName(full)!);
    }

    /// <summary>Parses kiln.config.yaml text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="file">The file's name for messages.</param>
    /// <param name="baseDirectory">The folder relative paths start at.</param>
    /// <exception cref="KilnConfigException">The text is not valid YAML or not a valid kiln.config.yaml.</exception>
    public static KilnSettingsFile Parse(string text, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return new KilnSettingsReader(file, baseDirectory).Read(text);
    }
}
