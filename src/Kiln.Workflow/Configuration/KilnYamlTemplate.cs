using System.Globalization;
using System.Text;
using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Configuration;

/// <summary>Writes a commented starting kiln.yaml for a data file and target: what <c>kiln init</c> does.</summary>
/// <remarks>
/// The data file is read to check that the target exists and to infer the task (<see cref="TaskInference"/>); every other
/// key is written with its default and a comment saying what it does, so the file documents itself. Candidates are left
/// out (every learner of the task is tried) with a commented example, unless no learner besides the baseline exists, in
/// which case the learners that do exist are listed.
/// </remarks>
public static class KilnYamlTemplate
{
    /// <summary>Writes <c>kiln.yaml</c> into <paramref name="directory"/> (created when missing) and returns its path.</summary>
    /// <param name="directory">The project folder.</param>
    /// <param name="dataPath">The data file (a relative path starts at the current folder); kiln.yaml refers to it relative to <paramref name="directory"/>.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="name">The model name, or <see langword="null"/> for one made from the folder's name.</param>
    /// <param name="overwrite">Whether to replace an existing kiln.yaml.</param>
    /// <exception cref="KilnException">kiln.yaml exists and <paramref name="overwrite"/> is false, the data file is missing or unreadable, or the target is not one of its columns.</exception>
    /// <exception cref="ArgumentException">The name given is not a valid model name.</exception>
    public static string Write(string directory, string dataPath, string target, string? name = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var folder = Path.GetFullPath(directory);
        var path = Path.Combine(folder, KilnYaml.FileName);
        if (File.Exists(path) && !overwrite)
            throw new KilnException($"{path} exists already; edit it, or replace it with 'kiln init --force'.");
        var text = Render(folder, dataPath, target, name);
        Directory.CreateDirectory(folder);
        var partial = path + ".partial";
        File.WriteAllText(partial, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The kiln.yaml text <see cref="Write"/> would write into <paramref name="directory"/>.</summary>
    /// <exception cref="KilnException">The data file is missing or unreadable, or the target is not one of its columns.</exception>
    /// <exception cref="ArgumentException">The name given is not a valid model name.</exception>
    public static string Render(string directory, string dataPath, string target, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(target);
        var folder = Path.GetFullPath(directory);
        var dataFull = Path.GetFullPath(dataPath);
        var format = ConfigNames.FormatFromExtension(dataFull)
            ?? throw new KilnException($"Cannot tell the format of {Path.GetFileName(dataFull)} from its extension; Kiln reads .csv, .tsv, .txt, .gz, .parquet and .pq files.");
        var table = DataFiles.Read(dataFull, format);
        var guess = TaskInference.Infer(DataFiles.Column(table, target, dataFull));
        name ??= StoreNames.FromFileName(folder);
        StoreNames.Validate(name, "model name", nameof(name));
        var relative = Path.GetRelativePath(folder, dataFull).Replace('\\', '/');
        return Compose(name, relative, format, target, guess);
    }

    private static string Compose(string name, string dataPath, DataFormat format, string target, TaskGuess guess)
    {
        var task = guess.Task;
        var taskName = ConfigNames.Of(task);
        var metrics = MetricCatalog.Names(task == LearnerTask.Classification ? MetricTask.Classification : MetricTask.Regression);
        var method = task == LearnerTask.Classification ? "stratified_kfold" : "kfold";
        var lines = new List<string>
        {
            $"# kiln.yaml for {Path.GetFileName(dataPath)}, written by 'kiln init'. Run it with 'kiln run'.",
            "# Only name, data and target are required; the other keys show their defaults. Change or delete them.",
            "",
            "# The model's name: letters, digits, '-' and '_' (at most 64). Outputs go to <store>/ns=<namespace>/output/<name>/.",
            $"name: {name}",
            "# Runs and data versions are grouped by namespace.",
            $"namespace: {KilnConfig.DefaultNamespace}",
            "# A name for each run, unique in the namespace; left out, one is generated (<name>-YYYYMMDD-HHMMSS-xxxx).",
            $"# job_name: {name}-try-1",
            "",
            "# The data file, relative to this file: CSV (.csv, .tsv, .txt, .gz) or Parquet. To fix column kinds, write",
            $"# data: {{path: {dataPath}, format: {ConfigNames.Of(format)}, schema: {{column: numeric|categorical|boolean|datetime|text}}}}",
            $"data: {YamlScalars.Format(dataPath)}",
            "# The column to predict.",
            $"target: {YamlScalars.Format(target)}",
            "# Columns that are not features, such as ids or values only known after the fact, e.g. [row_id].",
            "ignore: []",
            "",
            $"# classification or regression. Inferred: {guess.Reason}.",
            $"task: {taskName}",
            "# The metric that picks the best candidate. For " + taskName + ":",
        };
        lines.AddRange(Wrap(metrics, "#   "));
        lines.Add($"metric: {KilnConfig.DefaultMetric(task)}");
        lines.Add("# The seed of every random choice: the same seed and data give the same run.");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"seed: {KilnConfig.DefaultSeed}"));
        lines.Add("");
        lines.Add("# Shares of the rows for training, validation and the sealed test (scored once, at the end); they add up to 1.");
        lines.Add("split: {train: 0.7, validation: 0.15, test: 0.15}");
        lines.Add("# How candidates are scored: kfold, stratified_kfold (keeps class shares; classification only) or holdout.");
        lines.Add($"validation: {{method: {method}, folds: 5, repeats: 1}}");
        lines.Add("");
        lines.AddRange(Candidates(task));
        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> Candidates(LearnerTask task)
    {
        var taskName = ConfigNames.Of(task);
        var defaults = LearnerCatalog.DefaultCandidates(task);
        if (defaults.Count == 0)
        {
            var available = LearnerCatalog.ForTask(task).Select(learner => learner.Name).ToArray();
            yield return $"# The learners to try ('kiln help learners' lists them with their hyperparameters). Available for {taskName}:";
            yield return $"candidates: [{string.Join(", ", available)}]";
            yield break;
        }
        yield return $"# The learners to try. Left out, Kiln tries every learner for {taskName}:";
        foreach (var line in Wrap(defaults.Select(learner => learner.Name).ToArray(), "#   "))
            yield return line;
        yield return "# To choose, list them, with hyperparameters if you like ('kiln help learners' lists them all):";
        yield return "# candidates:";
        var withOptions = defaults.Select(learner => (learner, parameters: learner.Hyperparameters(task))).FirstOrDefault(pair => pair.parameters.Count > 0);
        if (defaults.FirstOrDefault(learner => learner != withOptions.learner) is { } plain)
            yield return $"#   - {plain.Name}";
        if (withOptions.learner is { } example)
            yield return $"#   - {example.Name}: {{{withOptions.parameters[0].Name}: {withOptions.parameters[0].DefaultText}}}";
    }

    private static IEnumerable<string> Wrap(IReadOnlyList<string> names, string prefix)
    {
        var line = new StringBuilder(prefix);
        for (var i = 0; i < names.Count; i++)
        {
            var item = names[i] + (i < names.Count - 1 ? "," : string.Empty);
            if (line.Length > prefix.Length && line.Length + 1 + item.Length > 110)
            {
                yield return line.ToString().TrimEnd();
                line.Clear().Append(prefix);
            }
            if (line.Length > prefix.Length)
                line.Append(' ');
            line.Append(item);
        }
        if (line.Length > prefix.Length)
            yield return line.ToString();
    }
}
