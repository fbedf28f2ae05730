using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Configuration;

/// <summary>Where a run is recorded: its environment, the store root, the run store's connection and the artifact root, and where each came from.</summary>
/// <remarks>
/// <para>
/// The environment is, highest precedence first: <c>--env</c>, <c>KILN_ENV</c>, kiln.config.yaml's <c>default_environment</c>,
/// kiln.yaml's <c>environment</c>, else <c>develop</c>. The chosen environment's store root is <c>--store</c>, else
/// <c>KILN_HOME</c>, else its <c>store</c> in kiln.config.yaml, else <c>./.kiln</c> (develop) or <c>./.kiln-production</c>
/// (production); its run store connection <c>KILN_TRACKING</c>, else its <c>tracking</c> (empty or absent: SQLite in the
/// store root); its artifact root <c>KILN_ARTIFACTS</c>, else its <c>artifacts</c>, else the store root.
/// </para>
/// <para>
/// The flags and environment variables speak for the chosen environment only. The other environment's places come from
/// kiln.config.yaml and the defaults, and <see cref="Resolve"/> refuses when the two would share a store root, an artifact
/// root or a run store connection. A store also remembers its environment (see <c>Tracking.EnvironmentMarker</c>), which
/// catches sharing across invocations (<c>KILN_HOME</c> set the same for both).
/// </para>
/// </remarks>
public sealed record TrackingSettings
{
    /// <summary>The environment variable that chooses the environment.</summary>
    public const string EnvironmentVariable = "KILN_ENV";

    /// <summary>The environment variable with the run store's connection.</summary>
    public const string TrackingVariable = "KILN_TRACKING";

    /// <summary>The environment variable with the artifact root.</summary>
    public const string ArtifactsVariable = "KILN_ARTIFACTS";

    /// <summary>The production store's folder, relative to the current folder, when nothing names one.</summary>
    public const string ProductionDefaultFolder = ".kiln-production";

    /// <summary>The environment.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>What chose the environment (<c>--env</c>, <c>KILN_ENV</c>, a file, the default), for messages.</summary>
    public required string EnvironmentSource { get; init; }

    /// <summary>The store root, a full path: the SQLite run store's folder and, by default, the artifact root.</summary>
    public required string StoreRoot { get; init; }

    /// <summary>What chose the store root, for messages.</summary>
    public required string StoreSource { get; init; }

    /// <summary>The run store's connection; <see langword="null"/> or empty for SQLite under <see cref="StoreRoot"/>.</summary>
    public string? Tracking { get; init; }

    /// <summary>The artifact root: a full path, or an <c>s3://</c> address.</summary>
    public required string ArtifactRoot { get; init; }

    /// <summary>The folder where runs stage their work, keep the fit cache and the local copy of the layout: the artifact root when it is a folder, else (S3) the store root.</summary>
    public string LocalRoot => Kiln.Tracking.Artifacts.ArtifactStores.IsRemote(ArtifactRoot) ? StoreRoot : ArtifactRoot;

    /// <summary>The kiln.config.yaml read, or <see langword="null"/> when none was found.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The environment's name: <c>develop</c> or <c>production</c>.</summary>
    public string EnvironmentName => KilnSettingsReader.NameOf(Environment);

    /// <summary>The environment named by <paramref name="text"/> (<c>develop</c> or <c>production</c>).</summary>
    /// <exception cref="KilnException">The text names neither.</exception>
    public static RunEnvironment ParseEnvironment(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        return KilnSettingsReader.ParseEnvironment(text)
            ?? throw new KilnException($"{source} is '{StoreNames.Display(text)}', which is not an environment{NearestName.Hint(text, ["develop", "production"])} Use develop or production.");
    }

    /// <summary>Resolves the settings of a run or a <c>kiln runs</c> command.</summary>
    /// <param name="environmentOption">The <c>--env</c> value, or <see langword="null"/>.</param>
    /// <param name="storeOption">The <c>--store</c> value, or <see langword="null"/>.</param>
    /// <param name="variables">Reads an environment variable.</param>
    /// <param name="currentDirectory">The current folder.</param>
    /// <param name="project">The kiln.yaml being run, or <see langword="null"/>.</param>
    /// <param name="projectDirectory">The kiln.yaml's folder (where kiln.config.yaml is looked for first), or <see langword="null"/>.</param>
    /// <exception cref="KilnException">A value is not valid, kiln.config.yaml is not valid, or develop and production would share a place.</exception>
    public static TrackingSettings Resolve(string? environmentOption, string? storeOption, Func<string, string?> variables, string currentDirectory,
        KilnConfig? project = null, string? projectDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        var settingsPath = KilnSettingsFile.Find(projectDirectory, currentDirectory);
        var file = settingsPath is null ? null : KilnSettingsFile.Load(settingsPath);

        var (environment, environmentSource) = ChooseEnvironment(environmentOption, variables, file, project);
        var other = environment == RunEnvironment.Develop ? RunEnvironment.Production : RunEnvironment.Develop;
        var entry = file?.Entry(environment);

        (string Path, string Source) store;
        if (storeOption is not null)
            store = (FullPath(storeOption, currentDirectory, "--store"), "--store");
        else if (NonEmpty(variables(Store.StoreRoot.EnvironmentVariable)) is { } home)
            store = (FullPath(home, currentDirectory, Store.StoreRoot.EnvironmentVariable), Store.StoreRoot.EnvironmentVariable);
        else
            store = Default(environment, entry, file, currentDirectory);
        var tracking = variables(TrackingVariable) ?? entry?.Tracking;
        var artifacts = NonEmpty(variables(ArtifactsVariable)) is { } artifactVariable
            ? (artifactVariable.StartsWith("s3://", StringComparison.Ordinal) ? artifactVariable : FullPath(artifactVariable, currentDirectory, ArtifactsVariable))
            : entry?.Artifacts ?? store.Path;

        var otherEntry = file?.Entry(other);
        var otherStore = Default(other, otherEntry, file, currentDirectory);
        var otherArtifacts = otherEntry?.Artifacts ?? otherStore.Path;
        var name = KilnSettingsReader.NameOf(environment);
        var otherName = KilnSettingsReader.NameOf(other);
        foreach (var (mine, mineWhat) in new[] { (store.Path, $"store (from {store.Source})"), (artifacts, "artifact root") })
        {
            foreach (var (theirs, theirsWhat) in new[] { (otherStore.Path, $"store (from {otherStore.Source})"), (otherArtifacts, "artifact root") })
            {
                if (SamePlace(mine, theirs))
                {
                    throw new KilnException(
                        $"The {name} {mineWhat} and the {otherName} {theirsWhat} are both {mine}; develop and production never share a store. " +
                        $"To use that folder as the {otherName} store, pass --env {otherName}; else give each environment its own folder " +
                        $"('environments: {{{otherName}: {{store: ...}}}}' in {KilnSettingsFile.FileName}, or another --store / {Store.StoreRoot.EnvironmentVariable}).");
                }
            }
        }
        if (NonEmpty(tracking) is { } connection && string.Equals(connection, NonEmpty(otherEntry?.Tracking), StringComparison.Ordinal))
        {
            throw new KilnException(
                $"The {name} and {otherName} environments would record runs in the same run store ('{StoreNames.Display(connection)}'); develop and production never share a store. " +
                $"Give environments.{otherName}.tracking in {KilnSettingsFile.FileName} another database, or set {TrackingVariable} to another one.");
        }
        return new TrackingSettings
        {
            Environment = environment,
            EnvironmentSource = environmentSource,
            StoreRoot = store.Path,
            StoreSource = store.Source,
            Tracking = NonEmpty(tracking),
            ArtifactRoot = artifacts,
            SettingsFile = settingsPath,
        };
    }

    private static (RunEnvironment Environment, string Source) ChooseEnvironment(string? option, Func<string, string?> variables, KilnSettingsFile? file, KilnConfig? project)
    {
        if (option is not null)
            return (ParseEnvironment(option, "--env"), "--env");
        if (NonEmpty(variables(EnvironmentVariable)) is { } variable)
            return (ParseEnvironment(variable, EnvironmentVariable), EnvironmentVariable);
        if (file?.DefaultEnvironment is { } fileDefault)
            return (fileDefault, $"{file.File} (default_environment)");
        if (project?.Environment is { } projectEnvironment)
            return (projectEnvironment, $"{project.File} (environment)");
        return (RunEnvironment.Develop, "the default");
    }

    private static (string Path, string Source) Default(RunEnvironment environment, EnvironmentEntry? entry, KilnSettingsFile? file, string currentDirectory)
    {
        if (entry?.Store is { } store)
            return (store, $"{file!.File} (environments.{KilnSettingsReader.NameOf(environment)}.store)");
        var folder = environment == RunEnvironment.Develop ? Store.StoreRoot.DefaultFolder : ProductionDefaultFolder;
        return (FullPath(folder, currentDirectory, "the default"), $"the default ./{folder}");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string FullPath(string path, string baseDirectory, string source)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new KilnException($"{source} names an empty folder; give the store's folder.");
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new KilnException($"The folder from {source} contains a NUL character.");
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(baseDirectory, path)));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new KilnException($"The folder '{StoreNames.Display(path)}' from {source} is not a usable path: {exception.Message}", exception);
        }
    }

    private static bool SamePlace(string first, string second) =>
        string.Equals(first, second, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}
