using Kiln.Core.Data;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Boosting;

/// <summary>A fitted <see cref="GradientBoostingClassifier"/>: the classes, the prior scores, the trees of each stage, each feature's importance, and the training loss per stage.</summary>
/// <remarks>
/// A row's scores are the prior plus learning_rate × each stage's leaf values, added in stage order: one score (the
/// log-odds of the second class) for two classes, one per class otherwise. Probabilities are σ(score) and 1 − σ(score),
/// or the softmax of the scores; the prediction is the most probable class, the lowest index on a tie, as scikit-learn's
/// <c>predict</c>. A missing (NaN) feature value follows the heavier child at each split.
/// </remarks>
public sealed class GradientBoostingClassifierModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "gradient_boosting_classifier";

    private readonly string[] _classes;
    private readonly BoostedEnsemble _ensemble;

    internal GradientBoostingClassifierModel(GradientBoostingClassifierOptions options, string[] classes, BoostedEnsemble ensemble)
    {
        Options = options;
        _classes = classes;
        _ensemble = ensemble;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public GradientBoostingClassifierOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema => _ensemble.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The number of stages fitted: <c>n_estimators</c>, or fewer when early stopping ended the fit (scikit-learn's <c>n_estimators_</c>).</summary>
    public int StageCount => _ensemble.StageCount;

    /// <summary>The trees per stage: 1 for two classes, the class count otherwise.</summary>
    public int TreesPerStage => _ensemble.TreesPerStage;

    /// <summary>The scores before any stage: the log-odds of the second class's share (two classes) or the log of each class's share.</summary>
    public IReadOnlyList<double> InitialScores => _ensemble.Prior;

    /// <summary>The fitted trees, stage by stage, <see cref="TreesPerStage"/> per stage (tree k of a stage fits class k's score); a leaf's value is its Newton step, before the learning rate.</summary>
    public IReadOnlyList<DecisionTree> Trees => _ensemble.Trees;

    /// <summary>Each feature's impurity decrease, averaged over the trees with a split and normalised to sum to 1, in <see cref="InputSchema"/> order (scikit-learn's <c>feature_importances_</c>).</summary>
    public IReadOnlyList<double> FeatureImportances => _ensemble.Importances;

    /// <summary>The mean log loss on the rows each stage fitted, after that stage (scikit-learn's <c>train_score_</c>, which for two classes is twice this).</summary>
    public IReadOnlyList<double> TrainLoss => _ensemble.TrainLoss;

    /// <inheritdoc/>
    public void Predict(Table features, Span<double> destination) => ClassPrediction.Predict(this, features, destination);

    /// <inheritdoc/>
    public double PredictRow(ReadOnlySpan<double> features) => ClassPrediction.PredictRow(this, features);

    /// <inheritdoc/>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = TreeInputs.Columns(InputSchema, features);
        var classCount = _classes.Length;
        NumericInputs.CheckDestination(features.RowCount, classCount, destination.Length);
        var raw = new double[_ensemble.TreesPerStage];
        for (var row = 0; row < features.RowCount; row++)
        {
            _ensemble.RawRow(columns, row, raw);
            ClassPriors.Probabilities(raw, destination.Slice(row * classCount, classCount));
        }
    }

    /// <inheritdoc/>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        Probabilities(features, probabilities);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", GradientBoostingClassifierState.From(Options));
        writer.WriteJson("classes", _classes);
        _ensemble.Save(writer);
    }

    internal static GradientBoostingClassifierModel Load(BundleReader reader)
    {
        var options = reader.ReadJson<GradientBoostingClassifierState>("options").ToOptions();
        GradientBoostingClassifier.Validate(options);
        var classes = ClassPrediction.Load(reader, minimumCount: 2);
        var treesPerStage = classes.Length == 2 ? 1 : classes.Length;
        return new GradientBoostingClassifierModel(options, classes, BoostedEnsemble.Load(reader, treesPerStage, options.NEstimators, options.LearningRate));
    }

    // The scores go into the probabilities' own space: with K ≥ 3 they have the same width and the softmax works in place;
    // with two classes the single score sits in the second slot until σ is taken.
    private void Probabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        var scores = _ensemble.TreesPerStage == 1 ? probabilities.Slice(1, 1) : probabilities;
        _ensemble.RawRow(features, scores);
        ClassPriors.Probabilities(scores, probabilities);
    }
}
