using Kiln.Core.Data;

namespace Kiln.Core.Learners.Neural;

// Validation of the options and the fit steps both MLP estimators share.
internal static class MlpFit
{
    public static int[] Validate(MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hidden = MlpTrainer.ParseHiddenLayerSizes(options.HiddenLayerSizes);
        MlpFunctions.Parse(options.Activation);
        if (options.Solver is not (MlpOptions.Adam or MlpOptions.Sgd))
            throw new ArgumentException($"Solver (solver) is '{options.Solver}'; use adam or sgd.", nameof(options));
        if (options.LearningRate is not (MlpOptions.Constant or MlpOptions.InvScaling or MlpOptions.Adaptive))
            throw new ArgumentException($"LearningRate (learning_rate) is '{options.LearningRate}'; use constant, invscaling or adaptive.", nameof(options));
        Check(options.Alpha >= 0 && double.IsFinite(options.Alpha), "Alpha (alpha)", options.Alpha, "a finite value ≥ 0");
        Check(options.L1 >= 0 && double.IsFinite(options.L1), "L1 (l1)", options.L1, "a finite value ≥ 0");
        Check(options.Dropout is >= 0 and < 1, "Dropout (dropout)", options.Dropout, "in [0, 1)");
        Check(options.BatchSize is null or >= 1, "BatchSize (batch_size)", options.BatchSize ?? 0, "at least 1, or null for min(200, rows)");
        Check(options.LearningRateInit > 0 && double.IsFinite(options.LearningRateInit), "LearningRateInit (learning_rate_init)", options.LearningRateInit, "a finite value > 0");
        Check(options.PowerT >= 0 && double.IsFinite(options.PowerT), "PowerT (power_t)", options.PowerT, "a finite value ≥ 0");
        Check(options.MaxIter >= 1, "MaxIter (max_iter)", options.MaxIter, "at least 1");
        Check(options.Tol >= 0 && double.IsFinite(options.Tol), "Tol (tol)", options.Tol, "a finite value ≥ 0");
        Check(options.Momentum is >= 0 and <= 1, "Momentum (momentum)", options.Momentum, "in [0, 1]");
        Check(options.ValidationFraction is > 0 and < 1, "ValidationFraction (validation_fraction)", options.ValidationFraction, "in (0, 1)");
        Check(options.Beta1 is >= 0 and < 1, "Beta1 (beta_1)", options.Beta1, "in [0, 1)");
        Check(options.Beta2 is >= 0 and < 1, "Beta2 (beta_2)", options.Beta2, "in [0, 1)");
        Check(options.Epsilon > 0 && double.IsFinite(options.Epsilon), "Epsilon (epsilon)", options.Epsilon, "a finite value > 0");
        Check(options.NIterNoChange >= 1, "NIterNoChange (n_iter_no_change)", options.NIterNoChange, "at least 1");
        Check(options.CheckpointEvery >= 0, "CheckpointEvery (checkpoint_every)", options.CheckpointEvery, "at least 0 (0 never saves)");
        return hidden;
    }

    public static (Schema InputSchema, MlpData Data, MlpFitResult Result) Fit(
        TrainingSet data, FitContext context, MlpOptions options, bool classification, double[]? initialParameters, string learner)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var hidden = Validate(options);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, learner);
        if (inputSchema.Count == 0)
            throw new ArgumentException($"The training set has no feature columns; {learner} needs at least one.", nameof(data));
        if (data.RowCount == 0)
            throw new ArgumentException($"The training set has no rows; {learner} needs at least one row with a target.", nameof(data));
        if (data.Weights is not null)
            throw new ArgumentException($"The training set has sample weights ('{data.Weights.Name}'); {learner} does not take sample weights (nor does scikit-learn 1.2's MLP). Fit without them, or resample the rows instead.", nameof(data));
        IReadOnlyList<string>? classes = null;
        if (classification)
        {
            classes = data.ClassLabels().Classes;
            if (classes.Count < 2)
                throw new ArgumentException($"The target has one class ('{classes[0]}'); a classifier needs at least two.", nameof(data));
        }
        else
        {
            data.NumericTarget();
        }
        var split = EarlyStoppingSplit.Resolve(data, context, options.EarlyStopping ? options.ValidationFraction : 0, Seeds.Derive(options.Seed, 1), stratify: classification);
        var mlpData = MlpData.Create(split.Fit, split.Validation, classes, learner);
        var result = MlpTrainer.Fit(options, context, hidden, mlpData, initialParameters);
        return (inputSchema, mlpData, result);
    }

    private static void Check(bool valid, string name, double value, string expected)
    {
        if (!valid)
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be {expected}.");
    }
}
