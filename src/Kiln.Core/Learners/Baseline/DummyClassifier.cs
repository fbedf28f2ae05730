namespace Kiln.Core.Learners.Baseline;

/// <summary>A baseline classifier that ignores the features: it predicts from the (weighted) class frequencies alone, as scikit-learn's <c>DummyClassifier</c>.</summary>
/// <remarks>
/// Every real classifier must beat it. The <c>stratified</c> and <c>uniform</c> strategies draw a class per row from a
/// hash of the seed and the row's feature values, so a row always gets the same class, alone or in a batch (scikit-learn
/// draws afresh per call instead); over many distinct rows the classes follow the intended distribution.
/// </remarks>
public sealed class DummyClassifier : IEstimator<DummyClassifierModel>
{
    private static readonly string[] Strategies =
    [
        DummyClassifierOptions.MostFrequent,
        DummyClassifierOptions.Prior,
        DummyClassifierOptions.Stratified,
        DummyClassifierOptions.Uniform,
        DummyClassifierOptions.ConstantClass,
    ];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">The strategy is unknown, or <c>constant</c> has no <see cref="DummyClassifierOptions.Constant"/>.</exception>
    public DummyClassifier(DummyClassifierOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with the default <c>prior</c> strategy.</summary>
    public DummyClassifier()
        : this(new DummyClassifierOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public DummyClassifierOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric.</exception>
    /// <exception cref="ArgumentException">The set has no rows, its weights sum to zero, or the constant is not one of the classes.</exception>
    public DummyClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "A baseline");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a classifier needs at least one labelled row.", nameof(data));
        var labels = data.ClassLabels();
        var weights = data.SampleWeights();
        // Weighted class counts in row order, then each over their total: scikit-learn's class_distribution.
        var priors = new double[labels.ClassCount];
        var codes = labels.Codes;
        for (var i = 0; i < codes.Length; i++)
            priors[codes[i]] += weights is null ? 1.0 : weights[i];
        var total = 0.0;
        foreach (var count in priors)
            total += count;
        if (!(total > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to {total}; at least one row needs a positive weight.", nameof(data));
        for (var c = 0; c < priors.Length; c++)
            priors[c] /= total;
        if (Options.Strategy == DummyClassifierOptions.ConstantClass && !labels.Classes.Contains(Options.Constant!, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The constant class '{Options.Constant}' is not one of the training target's classes ({string.Join(", ", labels.Classes)}). Write it as the target's values are written.",
                nameof(data));
        }
        return new DummyClassifierModel(Options, inputSchema, [.. labels.Classes], priors);
    }

    internal static void Validate(DummyClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Strategies.Contains(options.Strategy, StringComparer.Ordinal))
            throw new ArgumentException($"Strategy '{options.Strategy}' is not one of {string.Join(", ", Strategies)}.", nameof(options));
        if (options.Strategy == DummyClassifierOptions.ConstantClass && options.Constant is null)
            throw new ArgumentException("Strategy 'constant' needs Constant, the class label to predict.", nameof(options));
    }
}
