using System.Globalization;
using Kiln.Core.Learners;
using Kiln.Tracking;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tracking;

/// <summary>A kiln.yaml flattened into run parameters: <c>config.&lt;path&gt;</c> for each key and <c>candidate.&lt;label&gt;.&lt;option&gt;</c> for every candidate's options.</summary>
/// <remarks>
/// Values are written as kiln.yaml would (numbers in invariant culture, lists as <c>[a, b]</c>, a YAML null as <c>null</c>).
/// A resolved configuration gives every default; a configuration that failed before it was resolved (the data could not be
/// read) gives what kiln.yaml wrote, leaving out the keys that depend on the task.
/// </remarks>
internal static class ConfigParameters
{
    public static Dictionary<string, string> Of(ResolvedConfig config, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        var parameters = Common(config.Name, config.Namespace, config.JobName, config.Data, config.Target, config.Ignore, config.Seed, config.Split, environment);
        parameters[Key("task")] = ConfigNames.Of(config.Task);
        parameters[Key("metric")] = config.Metric;
        Validation(parameters, config.Validation);
        Candidates(parameters, config.Candidates.Select(candidate => (candidate.Label, candidate.Options)));
        return parameters;
    }

    public static Dictionary<string, string> Of(KilnConfig config, RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        var parameters = Common(config.Name, config.Namespace, config.JobName, config.Data, config.Target, config.Ignore, config.Seed, config.Split, environment);
        if (config.Task is { } task)
            parameters[Key("task")] = ConfigNames.Of(task);
        if (config.Metric is { } metric)
            parameters[Key("metric")] = metric;
        Validation(parameters, config.Validation);
        if (config.Candidates is { } candidates)
        {
            var counts = candidates.CountBy(candidate => candidate.Name).ToDictionary(StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var labelled = candidates.Select(candidate =>
            {
                var occurrence = seen[candidate.Name] = seen.GetValueOrDefault(candidate.Name) + 1;
                var label = counts[candidate.Name] > 1 ? string.Create(CultureInfo.InvariantCulture, $"{candidate.Name}#{occurrence}") : candidate.Name;
                return (label, candidate.Options);
            });
            Candidates(parameters, labelled);
        }
        return parameters;
    }

    /// <summary>A hyperparameter's value as text: the scalar as written, <c>null</c>, or <c>[a, b]</c>.</summary>
    public static string Text(HyperparameterValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsNull)
            return "null";
        return value.IsList ? $"[{string.Join(", ", value.Items.Select(Text))}]" : value.Text!;
    }

    private static Dictionary<string, string> Common(string name, string ns, string? jobName, DataSource data, string target, IReadOnlyList<string> ignore,
        ulong seed, SplitFractions split, RunEnvironment environment)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Key("name")] = name,
            [Key("namespace")] = ns,
            [Key("environment")] = KilnSettingsReader.NameOf(environment),
            [Key("data.path")] = data.Path,
            [Key("data.format")] = ConfigNames.Of(data.Format),
            [Key("target")] = target,
            [Key("ignore")] = $"[{string.Join(", ", ignore)}]",
            [Key("seed")] = seed.ToString(CultureInfo.InvariantCulture),
            [Key("split.train")] = Number(split.Train),
            [Key("split.validation")] = Number(split.Validation),
            [Key("split.test")] = Number(split.Test),
        };
        if (jobName is not null)
            parameters[Key("job_name")] = jobName;
        foreach (var (column, kind) in data.Schema)
            parameters[Key($"data.schema.{column}")] = ConfigNames.Of(kind);
        return parameters;
    }

    private static void Validation(Dictionary<string, string> parameters, ValidationSettings validation)
    {
        if (validation.Method is { } method)
            parameters[Key("validation.method")] = ConfigNames.Of(method);
        if (validation.Method != ValidationMethod.Holdout)
        {
            parameters[Key("validation.folds")] = validation.Folds.ToString(CultureInfo.InvariantCulture);
            parameters[Key("validation.repeats")] = validation.Repeats.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void Candidates(Dictionary<string, string> parameters, IEnumerable<(string Label, IReadOnlyList<KeyValuePair<string, HyperparameterValue>> Options)> candidates)
    {
        var labels = new List<string>();
        foreach (var (label, options) in candidates)
        {
            labels.Add(label);
            foreach (var (option, value) in options)
                parameters[$"{TrackingKeys.CandidatePrefix}{label}.{option}"] = Text(value);
        }
        parameters[Key("candidates")] = $"[{string.Join(", ", labels)}]";
    }

    private static string Key(string path) => TrackingKeys.ConfigPrefix + path;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
