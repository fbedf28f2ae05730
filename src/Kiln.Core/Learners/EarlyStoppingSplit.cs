using Kiln.Core.Selection;

namespace Kiln.Core.Learners;

/// <summary>The rows a learner fits on and the rows it watches for early stopping.</summary>
/// <param name="Fit">The rows to fit on.</param>
/// <param name="Validation">The rows to stop early on, or <see langword="null"/> when there are none.</param>
/// <param name="IsHeldOut">Whether <paramref name="Validation"/> was held out of the training rows by the learner (rather than given by the fit context).</param>
public sealed record EarlyStoppingSplit(TrainingSet Fit, TrainingSet? Validation, bool IsHeldOut)
{
    /// <summary>
    /// Uses the fit context's validation set when it has one; otherwise, when <paramref name="validationFraction"/> is
    /// positive, holds that share of the training rows out (at random with <paramref name="seed"/>, keeping each class's
    /// share when <paramref name="stratify"/>, as scikit-learn's <c>validation_fraction</c> does); otherwise fits on every row
    /// with no validation.
    /// </summary>
    /// <param name="training">The training rows.</param>
    /// <param name="context">The fit context, whose <see cref="FitContext.Validation"/> wins when present.</param>
    /// <param name="validationFraction">The share of rows to hold out, in [0, 1); 0 holds out none.</param>
    /// <param name="seed">The seed of the hold-out draw.</param>
    /// <param name="stratify">Whether to keep each class's share in both parts (classification).</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">Too few rows (or too few of a class) to hold out that share and keep both parts non-empty.</exception>
    public static EarlyStoppingSplit Resolve(TrainingSet training, FitContext context, double validationFraction, ulong seed, bool stratify)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(context);
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1); 0 holds out no rows.");
        if (context.Validation is { } given)
            return new EarlyStoppingSplit(training, given, IsHeldOut: false);
        if (validationFraction == 0)
            return new EarlyStoppingSplit(training, null, IsHeldOut: false);
        var splitter = HoldoutSplitter.TrainTest(validationFraction, seed);
        var holdout = stratify
            ? splitter.SplitStratified(SplitData.ForClasses(training.ClassLabels()))
            : splitter.Split(SplitData.ForRows(training.RowCount));
        return new EarlyStoppingSplit(training.Rows(holdout.Train), training.Rows(holdout.Test), IsHeldOut: true);
    }
}
