using Kiln.Core.Learners;

namespace Kiln.Workflow.Tests;

/// <summary>
/// A test learner that records a known training curve, then fits <paramref name="inner"/>: <c>train_loss</c> 1/step and
/// <c>validation_loss</c> 0.2 + 0.01·(step − best)² for steps 1..<see cref="TestCurveOptions.Steps"/> (the validation
/// values recorded from several threads at once, as parallel learners do), <c>fitted_rows</c> the number of rows it was
/// given at step 1, and <see cref="TestCurveOptions.BestStep"/> as the early-stopping point. It refuses a validation set:
/// the workflow must never hand the test rows (or any other rows) to a fit as validation.
/// </summary>
internal sealed class CurveRecordingEstimator<TModel>(IEstimator<TModel> inner, TestCurveOptions options) : IEstimator<TModel>
    where TModel : IModel
{
    public const string FittedRows = "fitted_rows";

    public TModel Fit(TrainingSet data, FitContext context)
    {
        if (context.Validation is not null)
            throw new InvalidOperationException($"The fit was given a validation set of {context.Validation.RowCount} rows; the workflow must not pass one.");
        context.Record(FittedRows, 1, data.RowCount);
        for (var step = 1; step <= options.Steps; step++)
            context.Record(TrainingCurve.Train("loss"), step, 1.0 / step);
        Parallel.For(1, options.Steps + 1, new ParallelOptions { MaxDegreeOfParallelism = 4 }, step =>
            context.Record(TrainingCurve.Validation("loss"), step, ValidationLoss(step, options.BestStep)));
        if (options.BestStep > 0)
            TrainingCurve.RecordBestStep(context, options.BestStep);
        return inner.Fit(data, context);
    }

    public static double ValidationLoss(int step, int bestStep) => 0.2 + (0.01 * (step - bestStep) * (step - bestStep));
}
