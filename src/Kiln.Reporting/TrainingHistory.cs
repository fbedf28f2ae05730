namespace Kiln.Reporting;

/// <summary>
/// The training curves a learner recorded while the chosen model was fitted: the report draws one chart per metric, the
/// values on the rows being fitted (<c>train_</c>) and on the early-stopping rows (<c>validation_</c>) on one chart, with
/// a marker at <see cref="BestStep"/>. A report without curves has no such section.
/// </summary>
public sealed record TrainingHistory
{
    /// <summary>The recorded metrics, each a series of values by step.</summary>
    public IReadOnlyList<MetricSeries> Curves { get; init; } = [];

    /// <summary>The step whose model the learner kept (early stopping), or null when it kept its last step.</summary>
    public long? BestStep { get; init; }

    /// <summary>Where the values were measured, for readers (which rows were fitted, which held out); null for none.</summary>
    public string? Note { get; init; }
}
