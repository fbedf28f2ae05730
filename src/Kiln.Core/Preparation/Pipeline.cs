using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>A preparation and a learner fitted as one: the preparation on the training rows, the learner on the prepared rows (scikit-learn's <c>Pipeline</c>).</summary>
/// <remarks>
/// <see cref="Fit"/> fits <see cref="Preparation"/> on the training set (its training rows only), transforms those rows, and
/// fits <see cref="Learner"/> on the result with the same target and weights. The fit context goes to both; a validation set
/// in it reaches the learner transformed by the fitted preparation, so early stopping sees what prediction will see, and
/// never influences the preparation. Cross-validating a <see cref="Pipeline"/> refits the preparation in every fold.
/// </remarks>
public sealed class Pipeline : IEstimator<PipelineModel>
{
    /// <summary>Creates the pipeline estimator.</summary>
    public Pipeline(IEstimator<ITransformer> preparation, IEstimator<IPredictor> learner)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        ArgumentNullException.ThrowIfNull(learner);
        Preparation = preparation;
        Learner = learner;
    }

    /// <summary>The estimator of the preparation, such as a <see cref="ColumnPreparer"/>.</summary>
    public IEstimator<ITransformer> Preparation { get; }

    /// <summary>The estimator of the learner, fitted on the prepared table.</summary>
    public IEstimator<IPredictor> Learner { get; }

    /// <inheritdoc/>
    public PipelineModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var preparation = Preparation.Fit(data, context);
        var prepared = Prepare(preparation, data);
        var learnerContext = new FitContext
        {
            CancellationToken = context.CancellationToken,
            Progress = context.Progress,
            Metrics = context.Metrics,
            Validation = context.Validation is { } validation ? Prepare(preparation, validation) : null,
            Checkpoints = context.Checkpoints,
            MaxDegreeOfParallelism = context.MaxDegreeOfParallelism,
            TimeProvider = context.TimeProvider,
        };
        var predictor = Learner.Fit(prepared, learnerContext);
        return new PipelineModel(preparation, predictor);
    }

    // The set's rows, transformed, with their target and weights: a training set of its own that is not a view.
    private static TrainingSet Prepare(ITransformer preparation, TrainingSet data)
    {
        var rows = data.IsView ? data.Features.Take(data.RowIndices) : data.Features;
        var target = data.Target is { } column && data.IsView ? column.Take(data.RowIndices) : data.Target;
        var weights = data.Weights is { } weightColumn && data.IsView ? weightColumn.Take(data.RowIndices) : data.Weights;
        return new TrainingSet(preparation.Transform(rows), target, weights);
    }
}
