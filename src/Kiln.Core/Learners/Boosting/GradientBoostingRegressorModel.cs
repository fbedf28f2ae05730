using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Boosting;

/// <summary>A fitted <see cref="GradientBoostingRegressor"/>: the prior, one tree per stage, each feature's importance, and the training loss per stage.</summary>
/// <remarks>A row's prediction is the prior plus learning_rate × each stage's leaf value, added in stage order. A missing (NaN) feature value follows the heavier child at each split.</remarks>
public sealed class GradientBoostingRegressorModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "gradient_boosting_regressor";

    private readonly BoostedEnsemble _ensemble;

    internal GradientBoostingRegressorModel(GradientBoostingRegressorOptions options, BoostedEnsemble ensemble)
    {
        Options = options;
        _ensemble = ensemble;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public GradientBoostingRegressorOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema => _ensemble.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The number of stages fitted: <c>n_estimators</c>, or fewer when early stopping ended the fit (scikit-learn's <c>n_estimators_</c>).</summary>
    public int StageCount => _ensemble.StageCount;

    /// <summary>The prediction before any stage: the loss's prior (mean, median or alpha-quantile of the target).</summary>
    public double InitialPrediction => _ensemble.Prior[0];

    /// <summary>The fitted trees, one per stage, in stage order; a leaf's value is the loss's estimate, before the learning rate.</summary>
    public IReadOnlyList<DecisionTree> Trees => _ensemble.Trees;

    /// <summary>Each feature's impurity decrease, averaged over the trees with a split and normalised to sum to 1, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances => _ensemble.Importances;

    /// <summary>The loss on the rows each stage fitted, after that stage (scikit-learn's <c>train_score_</c>).</summary>
    public IReadOnlyList<double> TrainLoss => _ensemble.TrainLoss;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        Span<double> raw = stackalloc double[1];
        for (var row = 0; row < destination.Length; row++)
        {
            _ensemble.RawRow(columns, row, raw);
            destination[row] = raw[0];
        }
    }

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features)
    {
        NumericInputs.CheckRow(InputSchema, features);
        Span<double> raw = stackalloc double[1];
        _ensemble.RawRow(features, raw);
        return raw[0];
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", GradientBoostingRegressorState.From(Options));
        _ensemble.Save(writer);
    }

    internal static GradientBoostingRegressorModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<GradientBoostingRegressorState>("options").ToOptions();
        GradientBoostingRegressor.Validate(options);
        return new GradientBoostingRegressorModel(options, BoostedEnsemble.Load(reader, treesPerStage: 1, options.NEstimators, options.LearningRate));
    }
}
