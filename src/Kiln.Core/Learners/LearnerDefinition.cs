namespace Kiln.Core.Learners;

/// <summary>A learner known to <see cref="LearnerCatalog"/> by its kiln.yaml name: the estimator it builds for each task, and its hyperparameters.</summary>
public sealed class LearnerDefinition
{
    private readonly Func<LearnerOptions, IEstimator<IClassifierModel>>? _classification;
    private readonly Func<LearnerOptions, IEstimator<IPredictor>>? _regression;
    private readonly Lazy<Type?> _classificationOptions;
    private readonly Lazy<Type?> _regressionOptions;

    internal LearnerDefinition(
        string name,
        string description,
        Func<LearnerOptions, IEstimator<IClassifierModel>>? classification = null,
        Func<LearnerOptions, IEstimator<IPredictor>>? regression = null,
        bool isBaseline = false)
    {
        Name = name;
        Description = description;
        IsBaseline = isBaseline;
        _classification = classification;
        _regression = regression;
        _classificationOptions = new Lazy<Type?>(() => ProbeOptionsType(LearnerTask.Classification));
        _regressionOptions = new Lazy<Type?>(() => ProbeOptionsType(LearnerTask.Regression));
    }

    /// <summary>The kiln.yaml name (snake_case).</summary>
    public string Name { get; }

    /// <summary>One sentence for help text.</summary>
    public string Description { get; }

    /// <summary>Whether this is a baseline (the dummy): the workflow scores it separately and leaves it out of the default candidates.</summary>
    public bool IsBaseline { get; }

    /// <summary>The tasks this learner has a variant for.</summary>
    public IReadOnlyList<LearnerTask> Tasks =>
        [.. Enum.GetValues<LearnerTask>().Where(Supports)];

    /// <summary>Whether this learner has a variant for <paramref name="task"/>.</summary>
    public bool Supports(LearnerTask task) => task switch
    {
        LearnerTask.Classification => _classification is not null,
        LearnerTask.Regression => _regression is not null,
        _ => false,
    };

    /// <summary>Builds the estimator for <paramref name="task"/> from <paramref name="options"/>.</summary>
    /// <remarks>A classifier is returned as <see cref="IEstimator{TModel}"/> of <see cref="IClassifierModel"/>, which this type also covers.</remarks>
    /// <exception cref="ArgumentException">The learner has no variant for <paramref name="task"/>.</exception>
    /// <exception cref="HyperparameterException">A value is unknown or invalid, or the estimator refuses the values together; the subject is <see cref="Name"/>.</exception>
    public IEstimator<IPredictor> Create(LearnerTask task, LearnerOptions options) => task switch
    {
        LearnerTask.Classification => CreateClassifier(options),
        _ => CreateRegressor(options),
    };

    /// <summary>Builds the classification estimator from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The learner does not classify.</exception>
    /// <exception cref="HyperparameterException">A value is unknown or invalid, or the estimator refuses the values together.</exception>
    public IEstimator<IClassifierModel> CreateClassifier(LearnerOptions options) =>
        Build(_classification ?? throw Unsupported(LearnerTask.Classification), options);

    /// <summary>Builds the regression estimator from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The learner does not do regression.</exception>
    /// <exception cref="HyperparameterException">A value is unknown or invalid, or the estimator refuses the values together.</exception>
    public IEstimator<IPredictor> CreateRegressor(LearnerOptions options) =>
        Build(_regression ?? throw Unsupported(LearnerTask.Regression), options);

    /// <summary>The options record the <paramref name="task"/> variant binds, or <see langword="null"/> when it takes no hyperparameters.</summary>
    /// <exception cref="ArgumentException">The learner has no variant for <paramref name="task"/>.</exception>
    public Type? OptionsType(LearnerTask task)
    {
        if (!Supports(task))
            throw Unsupported(task);
        return task == LearnerTask.Classification ? _classificationOptions.Value : _regressionOptions.Value;
    }

    /// <summary>The hyperparameters of the <paramref name="task"/> variant (name, type, default, range), in declaration order.</summary>
    /// <exception cref="ArgumentException">The learner has no variant for <paramref name="task"/>.</exception>
    public IReadOnlyList<HyperparameterInfo> Hyperparameters(LearnerTask task) =>
        OptionsType(task) is { } type ? Learners.Hyperparameters.Describe(type) : [];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({string.Join(", ", Tasks).ToLowerInvariant()})";

    private TEstimator Build<TEstimator>(Func<LearnerOptions, TEstimator> factory, LearnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Type? bound = null;
        TEstimator estimator;
        try
        {
            estimator = factory(options.Observed(type => bound ??= type));
        }
        catch (HyperparameterException exception)
        {
            throw exception.WithSubject(Name);
        }
        catch (ArgumentException exception) when (exception is not ArgumentNullException)
        {
            // The estimator's constructor refused a combination of values (for example a strategy missing its constant).
            throw new HyperparameterException(Name, WithoutParameterName(exception), exception);
        }
        if (bound is null && options.Values.Count > 0)
        {
            var key = options.Values.Keys.First();
            throw new HyperparameterException(Name, key, $"unknown hyperparameter '{key}'; it takes no hyperparameters.", isUnknownKey: true);
        }
        return estimator;
    }

    private Type? ProbeOptionsType(LearnerTask task)
    {
        // The factory names its options record only by calling Bind, so build once with every default and watch which type it binds.
        Type? bound = null;
        var probe = LearnerOptions.Empty.Observed(type => bound ??= type);
        _ = task == LearnerTask.Classification ? (object)_classification!(probe) : _regression!(probe);
        return bound;
    }

    private ArgumentException Unsupported(LearnerTask task)
    {
        var other = Tasks.Select(t => t.ToString().ToLowerInvariant());
        return new ArgumentException(
            $"Learner '{Name}' has no {task.ToString().ToLowerInvariant()} variant; it does {string.Join(" and ", other)} only. " +
            $"Learners for {task.ToString().ToLowerInvariant()}: {string.Join(", ", LearnerCatalog.ForTask(task).Select(learner => learner.Name))}.",
            nameof(task));
    }

    private static string WithoutParameterName(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = exception.ParamName is { } parameter ? $" (Parameter '{parameter}')" : string.Empty;
        return suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
