namespace Kiln.Core.Learners;

/// <summary>The metric names every iterative learner records to <see cref="FitContext.Metrics"/>, so reports draw any learner's curve the same way.</summary>
/// <remarks>
/// <para>
/// A curve is a series of values of one metric, one per step (boosting round, epoch, number of trees), with steps counted
/// from 1. Values measured on the rows being fitted are recorded as <c>train_&lt;metric&gt;</c>; values on the rows kept
/// for early stopping (<see cref="FitContext.Validation"/>, or a fraction the learner holds out itself) as
/// <c>validation_&lt;metric&gt;</c>. The metric part is snake_case and names the loss, lower is better unless it is a
/// score (<c>accuracy</c>, <c>r2</c>, <c>oob_score</c>).
/// </para>
/// <para>
/// A learner that stops early, or keeps the model of its best step, records <see cref="BestStep"/> once, with the kept
/// step as both its step and its value, so a report can mark the early-stopping point.
/// </para>
/// </remarks>
public static class TrainingCurve
{
    /// <summary>The prefix of values measured on the rows being fitted.</summary>
    public const string TrainPrefix = "train_";

    /// <summary>The prefix of values measured on the early-stopping rows.</summary>
    public const string ValidationPrefix = "validation_";

    /// <summary>The name recorded once at the step whose model the learner kept (early stopping).</summary>
    public const string BestStep = "best_step";

    /// <summary>The metric name of <paramref name="metric"/> on the rows being fitted.</summary>
    public static string Train(string metric) => TrainPrefix + metric;

    /// <summary>The metric name of <paramref name="metric"/> on the early-stopping rows.</summary>
    public static string Validation(string metric) => ValidationPrefix + metric;

    /// <summary>Records that the learner kept the model of <paramref name="step"/>.</summary>
    public static void RecordBestStep(FitContext context, long step)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Record(BestStep, step, step);
    }
}
