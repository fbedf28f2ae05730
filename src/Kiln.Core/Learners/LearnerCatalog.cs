using System.Diagnostics.CodeAnalysis;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Learners.Boosting;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Learners.Neural;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners;

/// <summary>Maps kiln.yaml learner names to estimators; the task picks the variant (a classifier or a regressor).</summary>
/// <remarks>
/// <para>
/// Kiln.Core's learners are listed below, one line each, in one place. Other assemblies (Kiln.LightGbm, say) add theirs once
/// at start-up with <see cref="Register"/>. A name is snake_case: lowercase letters, digits and '_', starting with a letter, at
/// most 64 characters. The factories receive a <see cref="LearnerOptions"/> and call <see cref="LearnerOptions.Bind{TOptions}"/>
/// once, so the hyperparameters are declared only on the options record:
/// </para>
/// <code>
/// LearnerCatalog.Register("random_forest",
///     classification: o => new RandomForestClassifier(o.Bind&lt;RandomForestOptions&gt;()),
///     regression:     o => new RandomForestRegressor(o.Bind&lt;RandomForestOptions&gt;()));
/// </code>
/// </remarks>
public static class LearnerCatalog
{
    private static readonly Lock Gate = new();

    // One line per learner: name, description, then classification: and/or regression: factories.
    private static readonly Dictionary<string, LearnerDefinition> Definitions = Table(
    [
        new("dummy", "Baseline that ignores the features: the class frequencies (classification) or the mean (regression).",
            classification: o => new DummyClassifier(o.Bind<DummyClassifierOptions>()),
            regression: o => new DummyRegressor(o.Bind<DummyRegressorOptions>()), isBaseline: true),
        new("logistic_regression", "Multinomial logistic regression with an L2 penalty, fitted by L-BFGS (scikit-learn's LogisticRegression).",
            classification: o => new LogisticRegressionClassifier(o.Bind<LogisticRegressionOptions>())),
        new("linear_regression", "Ordinary least squares (scikit-learn's LinearRegression).",
            regression: o => new LinearRegressor(o.Bind<LinearRegressionOptions>())),
        new("ridge", "Least squares with an L2 penalty (scikit-learn's Ridge).",
            regression: o => new RidgeRegressor(o.Bind<RidgeOptions>())),
        new("decision_tree", "A CART decision tree: gini or entropy splits for classes, squared error for values (scikit-learn's DecisionTree*).",
            classification: o => new DecisionTreeClassifier(o.Bind<DecisionTreeClassifierOptions>()),
            regression: o => new DecisionTreeRegressor(o.Bind<DecisionTreeRegressorOptions>())),
        new("random_forest", "A random forest of CART trees on bootstrap samples, averaging their predictions (scikit-learn's RandomForest*).",
            classification: o => new RandomForestClassifier(o.Bind<RandomForestClassifierOptions>()),
            regression: o => new RandomForestRegressor(o.Bind<RandomForestRegressorOptions>())),
        new("extra_trees", "Extremely randomised trees: random thresholds per drawn feature, all rows per tree, predictions averaged (scikit-learn's ExtraTrees*).",
            classification: o => new ExtraTreesClassifier(o.Bind<ExtraTreesClassifierOptions>()),
            regression: o => new ExtraTreesRegressor(o.Bind<ExtraTreesRegressorOptions>())),
        new("mlp", "A multi-layer perceptron trained by minibatch adam or sgd, with dropout, L1/L2 penalties, early stopping and checkpoints (scikit-learn's MLP*).",
            classification: o => new MlpClassifier(o.Bind<MlpOptions>()),
            regression: o => new MlpRegressor(o.Bind<MlpOptions>())),
        new("bagging", "Any learner fitted on bootstrap samples of the rows (and optionally of the features), its predictions averaged; the base learner's options are written estimator__<name> (scikit-learn's Bagging*).",
            classification: o => new BaggingClassifier(BaggingOptions.FromLearnerOptions(o)),
            regression: o => new BaggingRegressor(BaggingOptions.FromLearnerOptions(o))),
        new("adaboost", "AdaBoost on shallow CART trees: SAMME or SAMME.R for classes, AdaBoost.R2 for values (scikit-learn's AdaBoost*).",
            classification: o => new AdaBoostClassifier(o.Bind<AdaBoostClassifierOptions>()),
            regression: o => new AdaBoostRegressor(o.Bind<AdaBoostRegressorOptions>())),
        new("gradient_boosting", "Gradient boosting of CART regression trees on a squared, absolute, Huber, quantile or log loss (scikit-learn's GradientBoosting*).",
            classification: o => new GradientBoostingClassifier(o.Bind<GradientBoostingClassifierOptions>()),
            regression: o => new GradientBoostingRegressor(o.Bind<GradientBoostingRegressorOptions>())),
    ]);

    /// <summary>Every learner, sorted by name.</summary>
    public static IReadOnlyList<LearnerDefinition> All
    {
        get
        {
            lock (Gate)
                return [.. Definitions.Values.OrderBy(learner => learner.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>The learners with a variant for <paramref name="task"/>, baselines included, sorted by name (for <c>kiln help learners</c>).</summary>
    public static IReadOnlyList<LearnerDefinition> ForTask(LearnerTask task) => [.. All.Where(learner => learner.Supports(task))];

    /// <summary>The learners kiln.yaml tries when it lists no candidates: every non-baseline learner with a variant for <paramref name="task"/>, sorted by name.</summary>
    public static IReadOnlyList<LearnerDefinition> DefaultCandidates(LearnerTask task) => [.. ForTask(task).Where(learner => !learner.IsBaseline)];

    /// <summary>Adds a learner from an assembly outside Kiln.Core.</summary>
    /// <param name="name">The kiln.yaml name, snake_case (scikit-learn's where one exists).</param>
    /// <param name="classification">Builds the classifier from kiln.yaml values, or <see langword="null"/> when the learner does not classify.</param>
    /// <param name="regression">Builds the regressor from kiln.yaml values, or <see langword="null"/> when the learner does not do regression.</param>
    /// <param name="description">One sentence for help text.</param>
    /// <param name="isBaseline">Whether the learner is a baseline, left out of the default candidates.</param>
    /// <exception cref="ArgumentException">The name is not snake_case or is already registered, or both factories are null.</exception>
    public static void Register(
        string name,
        Func<LearnerOptions, IEstimator<IClassifierModel>>? classification = null,
        Func<LearnerOptions, IEstimator<IPredictor>>? regression = null,
        string? description = null,
        bool isBaseline = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var definition = Validated(new LearnerDefinition(name, description ?? string.Empty, classification, regression, isBaseline));
        lock (Gate)
        {
            if (!Definitions.TryAdd(name, definition))
                throw new ArgumentException($"Learner '{name}' is already registered; each name has exactly one definition.", nameof(name));
        }
    }

    /// <summary>Looks a learner up by its exact kiln.yaml name.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out LearnerDefinition? learner)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
            return Definitions.TryGetValue(name, out learner);
    }

    /// <summary>The learner named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No learner has that name; the message suggests the nearest and lists them all.</exception>
    public static LearnerDefinition Get(string name)
    {
        if (TryGet(name, out var learner))
            return learner;
        var names = All.Select(known => known.Name).ToArray();
        throw new ArgumentException($"Unknown learner '{name}'{NearestName.Hint(name, names)} Known learners: {string.Join(", ", names)}.", nameof(name));
    }

    /// <summary>Builds the <paramref name="task"/> variant of the learner named <paramref name="name"/> from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">No learner has that name, or it has no variant for the task.</exception>
    /// <exception cref="HyperparameterException">A value is unknown or invalid, or the estimator refuses the values together.</exception>
    public static IEstimator<IPredictor> Create(string name, LearnerTask task, LearnerOptions options) => Get(name).Create(task, options);

    private static Dictionary<string, LearnerDefinition> Table(LearnerDefinition[] definitions)
    {
        var table = new Dictionary<string, LearnerDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
            table.Add(definition.Name, Validated(definition));
        return table;
    }

    private static LearnerDefinition Validated(LearnerDefinition definition)
    {
        if (!BundleNames.IsKind(definition.Name))
        {
            throw new ArgumentException(
                $"'{definition.Name}' is not a valid learner name: use snake_case (lowercase letters, digits and '_', starting with a letter, at most {BundleNames.MaxKindLength} characters).",
                nameof(definition));
        }
        if (definition.Tasks.Count == 0)
            throw new ArgumentException($"Learner '{definition.Name}' needs a classification or a regression factory (or both).", nameof(definition));
        return definition;
    }
}
