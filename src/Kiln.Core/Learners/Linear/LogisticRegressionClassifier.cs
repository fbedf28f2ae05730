namespace Kiln.Core.Learners.Linear;

/// <summary>L2-regularized logistic regression, fitted by L-BFGS as scikit-learn's <c>LogisticRegression</c> (solver <c>lbfgs</c>,
/// <c>multi_class='auto'</c>) fits it: one binomial logit for two classes, a multinomial (softmax) model for more.</summary>
/// <remarks>
/// <para>The fit minimizes Σᵢ sᵢ · log-loss(yᵢ, W·xᵢ + b) + ‖W‖² / (2C) from zero parameters, where sᵢ is the row's sample
/// weight times its class weight. The optimizer is Kiln's own L-BFGS (memory 10, Moré–Thuente line search), which takes
/// the steps SciPy's L-BFGS-B takes on this unbounded problem, with the same stopping tests.</para>
/// <para>It is deterministic: there is no seed. Features should be on comparable scales (standardize them): the penalty
/// treats every coefficient alike, and badly scaled features converge slowly. Missing feature values are refused: impute
/// them first. Each iteration's objective is recorded to <see cref="FitContext.Metrics"/> as <c>loss</c>.</para>
/// </remarks>
public sealed class LogisticRegressionClassifier : IEstimator<LogisticRegressionModel>
{
    private const string LearnerName = "Logistic regression";

    private static readonly string[] ClassWeights = [LogisticRegressionOptions.NoClassWeight, LogisticRegressionOptions.BalancedClassWeight];

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">C is not positive and finite, <c>max_iter</c> is below 1, a tolerance is negative or not finite, or the class weight is unknown.</exception>
    public LogisticRegressionClassifier(LogisticRegressionOptions options)
    {
        Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn's defaults (C = 1, <c>max_iter</c> = 100, <c>tol</c> = 1e-4).</summary>
    public LogisticRegressionClassifier()
        : this(new LogisticRegressionOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, a feature is not numeric, or a feature value is missing or infinite.</exception>
    /// <exception cref="ArgumentException">The set has no rows or no features, the target has one class only, or the sample weights sum to zero.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public LogisticRegressionModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = LinearInputs.Schema(data.Features, LearnerName);
        if (data.RowCount == 0)
            throw new ArgumentException($"The training set has no rows; {LearnerName.ToLowerInvariant()} needs labelled rows of at least two classes.", nameof(data));
        var labels = data.ClassLabels();
        if (labels.ClassCount < 2)
        {
            throw new ArgumentException(
                $"The target '{data.Target!.Name}' has one class only ('{labels.Classes[0]}') in the {data.RowCount} training rows; {LearnerName.ToLowerInvariant()} needs at least two.",
                nameof(data));
        }
        var features = LinearInputs.GatherColumns(data, LearnerName);
        var weights = RowWeights(labels, LinearInputs.Weights(data));
        var featureCount = inputSchema.Count;
        var objective = new LogisticObjective(features, data.RowCount, featureCount, labels.Codes, labels.ClassCount, Options.FitIntercept, weights, Options.InverseRegularization);
        var settings = new LbfgsSettings
        {
            MaxIterations = Options.MaxIterations,
            GradientTolerance = Options.Tolerance,
            FunctionTolerance = Options.FunctionTolerance,
        };
        var result = Lbfgs.Minimize(objective.Evaluate, new double[objective.ParameterCount], settings, context.CancellationToken, (iteration, value) =>
        {
            context.Record("loss", iteration, value);
            context.Report("iteration", iteration, Options.MaxIterations);
        });

        var coefficients = new double[objective.LogitCount * featureCount];
        var intercepts = new double[objective.LogitCount];
        for (var c = 0; c < objective.LogitCount; c++)
        {
            var block = result.Point.AsSpan(c * objective.Stride, objective.Stride);
            block[..featureCount].CopyTo(coefficients.AsSpan(c * featureCount, featureCount));
            intercepts[c] = Options.FitIntercept ? block[featureCount] : 0;
        }
        return new LogisticRegressionModel(Options, inputSchema, [.. labels.Classes], coefficients, intercepts, result.Converged, result.Iterations, result.Value, Diagnose(result));
    }

    internal static void Validate(LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.InverseRegularization > 0) || !double.IsFinite(options.InverseRegularization))
            throw new ArgumentException($"C (InverseRegularization) is {options.InverseRegularization}; it must be a positive, finite number (1 is scikit-learn's default).", nameof(options));
        if (options.MaxIterations < 1)
            throw new ArgumentException($"max_iter is {options.MaxIterations}; it must be at least 1.", nameof(options));
        if (!(options.Tolerance >= 0) || !double.IsFinite(options.Tolerance))
            throw new ArgumentException($"tol is {options.Tolerance}; it must be a finite number, 0 or more.", nameof(options));
        if (!(options.FunctionTolerance >= 0) || !double.IsFinite(options.FunctionTolerance))
            throw new ArgumentException($"FunctionTolerance is {options.FunctionTolerance}; it must be a finite number, 0 or more.", nameof(options));
        if (!ClassWeights.Contains(options.ClassWeight, StringComparer.Ordinal))
            throw new ArgumentException($"class_weight '{options.ClassWeight}' is not one of {string.Join(", ", ClassWeights)}.", nameof(options));
    }

    // Each row's weight in the loss: its sample weight times its class's weight.
    private double[] RowWeights(ClassLabels labels, double[]? sampleWeights)
    {
        var codes = labels.Codes;
        var weights = sampleWeights ?? Enumerable.Repeat(1.0, codes.Length).ToArray();
        if (Options.ClassWeight == LogisticRegressionOptions.BalancedClassWeight)
        {
            var counts = new int[labels.ClassCount];
            foreach (var code in codes)
                counts[code]++;
            var classWeights = new double[counts.Length];
            for (var c = 0; c < counts.Length; c++)
                classWeights[c] = codes.Length / (counts.Length * (double)counts[c]);
            for (var i = 0; i < codes.Length; i++)
                weights[i] *= classWeights[codes[i]];
        }
        return weights;
    }

    private string[] Diagnose(LbfgsResult result) => result.Status switch
    {
        LbfgsStatus.MaxIterations =>
        [
            $"L-BFGS did not converge in max_iter = {Options.MaxIterations} iterations: the largest gradient component is {result.GradientMaxNorm:G3}, above tol = {Options.Tolerance:G3}. " +
                "Raise max_iter, or standardize the features (standard scaling), which usually makes the fit converge in far fewer iterations.",
        ],
        LbfgsStatus.LineSearchFailed =>
        [
            $"L-BFGS stopped after {result.Iterations} iterations because no step along its search direction lowered the objective (largest gradient component {result.GradientMaxNorm:G3}, tol = {Options.Tolerance:G3}). " +
                "This usually means badly scaled or nearly collinear features: standardize them, or lower C.",
        ],
        _ => [],
    };
}
