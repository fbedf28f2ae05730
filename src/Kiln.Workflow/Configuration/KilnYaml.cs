using Kiln.Workflow.Store;

namespace Kiln.Workflow.Configuration;

/// <summary>Finds, reads and parses kiln.yaml files.</summary>
/// <remarks>
/// The keys (all but <c>name</c>, <c>data</c> and <c>target</c> optional):
/// <c>name</c>, <c>namespace</c> (default <c>default</c>), <c>job_name</c> (generated when absent),
/// <c>environment</c> (<c>develop</c> or <c>production</c>; see <see cref="TrackingSettings"/> for what else chooses it),
/// <c>data</c> (a path, or <c>{path, format: csv|parquet, schema: {column: numeric|categorical|boolean|datetime|text}}</c>;
/// a relative path is resolved against the kiln.yaml's folder), <c>target</c>, <c>ignore</c> (a list of columns),
/// <c>task</c> (<c>classification</c> or <c>regression</c>; inferred from the target when absent),
/// <c>metric</c> (default <c>accuracy</c> / <c>rmse</c>), <c>seed</c> (default 42),
/// <c>split</c> (<c>{train, validation, test}</c>, default 0.7 / 0.15 / 0.15; one share may be left out and is what is left of 1),
/// <c>validation</c> (<c>{method: kfold|stratified_kfold|holdout, folds, repeats}</c> or just the method; default stratified
/// 5-fold for classification, 5-fold for regression, 1 repeat), and <c>candidates</c> (learner names, or single-key maps of
/// a name to its hyperparameters; default every non-baseline learner of the task).
/// </remarks>
public static class KilnYaml
{
    /// <summary>The file name Kiln looks for in a folder.</summary>
    public const string FileName = "kiln.yaml";

    /// <summary>Finds the kiln.yaml to run: the file given, <c>kiln.yaml</c> (or <c>kiln.yml</c>) in the folder given, or in the current folder.</summary>
    /// <param name="pathOrDirectory">A kiln.yaml path or its folder, or <see langword="null"/> for <paramref name="currentDirectory"/>.</param>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    /// <returns>The file's full path.</returns>
    /// <exception cref="KilnConfigException">No such file or folder, or the folder has no kiln.yaml.</exception>
    public static string Locate(string? pathOrDirectory, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(currentDirectory);
        var given = pathOrDirectory ?? ".";
        var full = Path.GetFullPath(Path.Combine(currentDirectory, given));
        if (File.Exists(full))
            return full;
        if (Directory.Exists(full))
        {
            foreach (var name in new[] { FileName, "kiln.yml" })
            {
                var candidate = Path.Combine(full, name);
                if (File.Exists(candidate))
                    return candidate;
            }
            throw new KilnConfigException(
                $"{StoreNames.Display(given)}: the folder has no {FileName}; write one with 'kiln init {StoreNames.Display(given)} --data FILE --target COLUMN'.", given);
        }
        throw new KilnConfigException($"{StoreNames.Display(given)}: no such file or folder; pass the path of a {FileName} or of its folder.", given);
    }

    /// <summary>Reads and parses the kiln.yaml at <paramref name="path"/>; relative data paths are resolved against its folder.</summary>
    /// <param name="path">The file; messages name it as given.</param>
    /// <exception cref="KilnConfigException">The file is missing, too large, not valid YAML, or not a valid kiln.yaml; the message names the line.</exception>
    public static KilnConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
                throw new KilnConfigException($"{StoreNames.Display(path)}: no such file; pass the path of a {FileName}, or write one with 'kiln init'.", path);
            if (info.Length > KilnYamlReader.MaxCharacters * 4L)
                throw new KilnConfigException($"{StoreNames.Display(path)}: the file has {info.Length} bytes; a {FileName} is far smaller. Is this the right file?", path);
            text = File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KilnConfigException($"{StoreNames.Display(path)}: cannot be read: {exception.Message}", exception, path);
        }
        return Parse(text, path, Path.GetDirectoryName(full)!);
    }

    /// <summary>Parses kiln.yaml text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="file">The file's name for messages.</param>
    /// <param name="baseDirectory">The folder relative data paths are resolved against (the kiln.yaml's folder).</param>
    /// <exception cref="KilnConfigException">The text is not valid YAML or not a valid kiln.yaml; the message names the line, the key and what is allowed.</exception>
    public static KilnConfig Parse(string text, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return new KilnYamlReader(file, baseDirectory).Read(text);
    }
}
