using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Tracking;

namespace Kiln.Workflow.Configuration;

/// <summary>A kiln.yaml as written: validated, with defaults for what it leaves out, except what depends on a task not yet known.</summary>
/// <remarks>
/// <see cref="KilnYaml.Parse"/> makes one from text. When kiln.yaml gives no <c>task</c>, the workflow infers it from the
/// target column and calls <see cref="Resolve"/>, which checks what needs the task (the metric, stratification, each
/// candidate's variant and hyperparameters) and fills in the rest. Errors found then still name the kiln.yaml line.
/// </remarks>
public sealed record KilnConfig
{
    // Separates a nested learner's name from its option's (scikit-learn's set_params convention: estimator__max_depth).
    private const string NestedSeparator = "__";

    /// <summary>The namespace when kiln.yaml gives none.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>The seed when kiln.yaml gives none.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>The model name: <see cref="Store.StoreNames.Rule"/>.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace.</summary>
    /// <value>Default <c>default</c>.</value>
    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>The job name, or <see langword="null"/> to generate one at run time.</summary>
    public string? JobName { get; init; }

    /// <summary>The environment the run belongs to, or <see langword="null"/> to leave the choice to the settings (see <see cref="TrackingSettings"/>).</summary>
    public RunEnvironment? Environment { get; init; }

    /// <summary>The data source.</summary>
    public required DataSource Data { get; init; }

    /// <summary>The column to predict.</summary>
    public required string Target { get; init; }

    /// <summary>Columns that are not features (ids, leaks).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>The task, or <see langword="null"/> to infer it from the target.</summary>
    public LearnerTask? Task { get; init; }

    /// <summary>The selection metric's canonical name, or <see langword="null"/> for the task's default (accuracy or rmse).</summary>
    public string? Metric { get; init; }

    /// <summary>The seed of every random choice of the run.</summary>
    /// <value>Default 42.</value>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>The train / validation / test shares.</summary>
    /// <value>Default 0.7 / 0.15 / 0.15.</value>
    public SplitFractions Split { get; init; } = SplitFractions.Default;

    /// <summary>How candidates are scored.</summary>
    /// <value>Default: by task (stratified k-fold for classification, k-fold for regression), 5 folds, 1 repeat.</value>
    public ValidationSettings Validation { get; init; } = ValidationSettings.Default;

    /// <summary>The candidates as written, or <see langword="null"/> for every non-baseline learner of the task.</summary>
    public IReadOnlyList<CandidateConfig>? Candidates { get; init; }

    /// <summary>The file as named in messages.</summary>
    /// <value>Default <c>kiln.yaml</c>.</value>
    public string File { get; init; } = KilnYaml.FileName;

    /// <summary>Where each key's value is, by dotted key (<c>seed</c>, <c>split.train</c>), when read from a file.</summary>
    internal IReadOnlyDictionary<string, SourceLocation> Locations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The default selection metric of <paramref name="task"/>: accuracy for classification, rmse for regression.</summary>
    public static string DefaultMetric(LearnerTask task) => task == LearnerTask.Classification ? "accuracy" : "rmse";

    /// <summary>An error about <paramref name="key"/> (a dotted key such as <c>target</c> or <c>split.test</c>), located at its line when the config was read from a file.</summary>
    /// <remarks>For checks only the run can make, such as a target column the data does not have.</remarks>
    public KilnConfigException Error(string key, string problem)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(problem);
        return KilnConfigException.At(File, Locations.TryGetValue(key, out var location) ? location : null, key, problem);
    }

    /// <summary>Fills in every default and checks everything that depends on the task.</summary>
    /// <param name="inferredTask">The task inferred from the target; used only when kiln.yaml gives none.</param>
    /// <exception cref="InvalidOperationException">kiln.yaml gives no task and none was passed.</exception>
    /// <exception cref="KilnConfigException">The metric is for the other task, stratification was asked for a regression, a candidate has no variant for the task, or its hyperparameters do not bind.</exception>
    public ResolvedConfig Resolve(LearnerTask? inferredTask = null)
    {
        var task = Task ?? inferredTask
            ?? throw new InvalidOperationException("kiln.yaml gives no task and none was inferred; infer it from the target column (TaskInference) and pass it to Resolve.");
        return new ResolvedConfig
        {
            Name = Name,
            Namespace = Namespace,
            JobName = JobName,
            Data = Data,
            Target = Target,
            Ignore = Ignore,
            Task = task,
            TaskWasInferred = Task is null,
            Metric = ResolveMetric(task),
            Seed = Seed,
            Split = Split,
            Validation = ResolveValidation(task),
            Candidates = ResolveCandidates(task),
        };
    }

    /// <summary>Checks the candidates against the catalog before the task is known: each must bind for at least one task it supports.</summary>
    internal void CheckCandidatesForAnyTask()
    {
        foreach (var candidate in Candidates ?? [])
        {
            var learner = Learner(candidate, Task);
            KilnConfigException? first = null;
            foreach (var task in learner.Tasks)
            {
                try
                {
                    Bind(candidate, learner, task);
                    first = null;
                    break;
                }
                catch (KilnConfigException exception)
                {
                    first ??= exception;
                }
            }
            if (first is not null)
                throw first;
        }
    }

    private string TaskNote(LearnerTask task) =>
        Task is null ? $"{ConfigNames.Of(task)} (inferred from the target '{Target}'; write 'task:' to choose)" : ConfigNames.Of(task);

    private string ResolveMetric(LearnerTask task)
    {
        var name = Metric ?? DefaultMetric(task);
        var metricTask = task == LearnerTask.Classification ? MetricTask.Classification : MetricTask.Regression;
        var names = MetricCatalog.Names(metricTask);
        if (!MetricCatalog.TryGet(name, out var metric))
            throw Error("metric", $"unknown metric '{name}'{NearestName.Hint(name, names)} {Capitalized(task)} metrics: {string.Join(", ", names)}.");
        if (metric.Task != metricTask)
        {
            throw Error("metric",
                $"'{metric.Name}' is a {metric.Task.ToString().ToLowerInvariant()} metric, but the task is {TaskNote(task)}. " +
                $"{Capitalized(task)} metrics: {string.Join(", ", names)}.");
        }
        return metric.Name;
    }

    private ValidationSettings ResolveValidation(LearnerTask task)
    {
        var method = Validation.Method ?? (task == LearnerTask.Classification ? ValidationMethod.StratifiedKFold : ValidationMethod.KFold);
        if (method == ValidationMethod.StratifiedKFold && task == LearnerTask.Regression)
            throw Error("validation.method", $"stratified_kfold keeps class shares, but the task is {TaskNote(task)}; use kfold or holdout.");
        return Validation with { Method = method };
    }

    private ResolvedCandidate[] ResolveCandidates(LearnerTask task)
    {
        var candidates = Candidates ?? LearnerCatalog.DefaultCandidates(task).Select(learner => new CandidateConfig(learner.Name, [])).ToArray();
        if (candidates.Count == 0)
        {
            throw Error("candidates",
                $"kiln.yaml lists no candidates, and Kiln has no {ConfigNames.Of(task)} learner besides the baseline; list the learners to try under 'candidates'. " +
                $"Learners for {ConfigNames.Of(task)}: {string.Join(", ", LearnerCatalog.ForTask(task).Select(learner => learner.Name))}.");
        }
        var counts = candidates.CountBy(candidate => candidate.Name).ToDictionary(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new ResolvedCandidate[candidates.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var candidate = candidates[i];
            var learner = Learner(candidate, task);
            var values = Bind(candidate, learner, task);
            var occurrence = seen[candidate.Name] = seen.GetValueOrDefault(candidate.Name) + 1;
            var label = counts[candidate.Name] > 1 ? $"{candidate.Name}#{occurrence}" : candidate.Name;
            result[i] = new ResolvedCandidate(candidate.Name, label, values);
        }
        return result;
    }

    private LearnerDefinition Learner(CandidateConfig candidate, LearnerTask? task)
    {
        if (!LearnerCatalog.TryGet(candidate.Name, out var learner))
        {
            var names = (task is { } known ? LearnerCatalog.ForTask(known) : LearnerCatalog.All).Select(known => known.Name).ToArray();
            var scope = task is { } t ? $"Learners for {ConfigNames.Of(t)}" : "Learners";
            throw KilnConfigException.At(File, candidate.Location, "candidates",
                $"unknown learner '{candidate.Name}'{NearestName.Hint(candidate.Name, LearnerCatalog.All.Select(known => known.Name))} {scope}: {string.Join(", ", names)}.");
        }
        if (task is { } required && !learner.Supports(required))
        {
            throw KilnConfigException.At(File, candidate.Location, "candidates",
                $"'{learner.Name}' does {string.Join(" and ", learner.Tasks.Select(ConfigNames.Of))} only, but the task is {TaskNote(required)}. " +
                $"Learners for {ConfigNames.Of(required)}: {string.Join(", ", LearnerCatalog.ForTask(required).Select(known => known.Name))}.");
        }
        return learner;
    }

    /// <summary>Builds the estimator once (so the learner checks its values together) and returns every hyperparameter's value.</summary>
    /// <remarks>
    /// A name with <c>__</c> is an option of a nested learner (scikit-learn's <c>set_params</c> convention, such as bagging's
    /// <c>estimator__max_depth</c>): the learner checked it when it was built, and it is kept as written.
    /// </remarks>
    private IReadOnlyList<KeyValuePair<string, HyperparameterValue>> Bind(CandidateConfig candidate, LearnerDefinition learner, LearnerTask task)
    {
        try
        {
            learner.Create(task, new LearnerOptions(candidate.Options, Seed));
            var optionsType = learner.OptionsType(task);
            var nested = candidate.Options.Where(option => option.Key.Contains(NestedSeparator, StringComparison.Ordinal)).ToArray();
            var own = candidate.Options.Where(option => !option.Key.Contains(NestedSeparator, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
            return optionsType is null ? [] : [.. Hyperparameters.Values(Hyperparameters.Bind(optionsType, own)), .. nested];
        }
        catch (HyperparameterException exception)
        {
            throw Located(candidate, exception);
        }
    }

    private KilnConfigException Located(CandidateConfig candidate, HyperparameterException exception)
    {
        if (exception.Key is { } key && candidate.OptionLocations.TryGetValue(key, out var where))
        {
            return exception.IsUnknownKey
                ? KilnConfigException.At(File, where.Key, candidate.Name, exception.Problem, exception)
                : KilnConfigException.At(File, where.Value, $"{candidate.Name}.{key}", exception.Problem, exception);
        }
        var subject = exception.Key is { } other && !exception.IsUnknownKey ? $"{candidate.Name}.{other}" : candidate.Name;
        return KilnConfigException.At(File, candidate.Location, subject, exception.Problem, exception);
    }

    private static string Capitalized(LearnerTask task) => task == LearnerTask.Classification ? "Classification" : "Regression";
}
