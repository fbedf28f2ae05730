using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Core.Preparation;

namespace Kiln.Workflow.Steps;

/// <summary>The rows a run learns from (those with a target), with the target encoded once, and the one way every model is built and scored.</summary>
/// <remarks>
/// Classes are encoded over every row with a target, so a fold whose training rows lack a rare class still scores in the
/// same class order; a model's class indices are mapped to these by name. Every learner is wrapped in the same
/// <see cref="Pipeline"/> with a <see cref="ColumnPreparer"/>, so preparation is fitted on each fold's training rows only;
/// categorical columns are one-hot encoded, except for a learner that takes them natively (<see cref="INativeCategoricalFeatures"/>).
/// </remarks>
internal sealed class ModelingData
{
    private readonly TrainingSet _all;
    private readonly Dictionary<string, int> _classIndex;

    public ModelingData(Table table, LearnerTask task)
    {
        Table = table;
        Task = task;
        Target = table.Schema.FindByRole(ColumnRole.Target) is { } target
            ? table[target.Name]
            : throw new ArgumentException("The table has no column with role Target.", nameof(table));
        _all = new TrainingSet(table, Target);
        if (task == LearnerTask.Classification)
        {
            Labels = _all.ClassLabels();
            _classIndex = Labels.Classes.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal);
        }
        else
        {
            Values = _all.NumericTarget();
            _classIndex = [];
        }
    }

    /// <summary>The rows with a target; the target has role Target, ignored columns role Ignored, the rest are features.</summary>
    public Table Table { get; }

    /// <summary>The target column.</summary>
    public Column Target { get; }

    /// <summary>Classification or regression.</summary>
    public LearnerTask Task { get; }

    /// <summary>The classes of every row (classification), or <see langword="null"/>.</summary>
    public ClassLabels? Labels { get; }

    /// <summary>The target of every row (regression), or <see langword="null"/>.</summary>
    public double[]? Values { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Table.RowCount;

    /// <summary>The training set of <paramref name="rows"/>: a view, nothing copied.</summary>
    public TrainingSet Rows(int[] rows) => _all.Rows(rows);

    /// <summary>The learner wrapped with the preparation, to be fitted on raw rows.</summary>
    /// <remarks>A learner that splits on categories itself (<see cref="INativeCategoricalFeatures"/>) gets its categorical columns passed through; every other learner gets them one-hot encoded.</remarks>
    public static Pipeline Pipeline(IEstimator<IPredictor> learner) => new(new ColumnPreparer(PreparationFor(learner)), learner);

    private static ColumnPreparerOptions PreparationFor(IEstimator<IPredictor> learner) =>
        learner is INativeCategoricalFeatures { TakesCategoricalFeatures: true }
            ? new ColumnPreparerOptions { CategoricalEncoding = ColumnPreparerOptions.NativeEncoding }
            : new ColumnPreparerOptions();

    /// <summary>Predicts <paramref name="rows"/> with <paramref name="model"/> and computes every metric of the task.</summary>
    /// <exception cref="ArgumentException">The predictions cannot be scored (a regressor predicted a non-finite number).</exception>
    public ScoredRows Score(PipelineModel model, int[] rows)
    {
        var features = Table.Take(rows);
        if (Task == LearnerTask.Regression)
        {
            var predicted = model.Predict(features);
            var truth = rows.Select(row => Values![row]).ToArray();
            return new ScoredRows(rows, predicted, null, RegressionReport.Compute(truth, predicted));
        }
        if (model.Classes is not { } modelClasses)
            throw new InvalidOperationException($"The pipeline's predictor '{model.Predictor.Kind}' is not a classifier, but the task is classification.");
        var toGlobal = modelClasses.Select(name => _classIndex.TryGetValue(name, out var index)
            ? index
            : throw new InvalidOperationException($"The model predicts class '{name}', which the data does not have.")).ToArray();
        var classCount = Labels!.ClassCount;
        var local = model.Predict(features);
        var localProbabilities = model.PredictProbabilities(features);
        var codes = new int[rows.Length];
        var probabilities = new double[rows.Length * classCount];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = toGlobal[(int)local[i]];
            for (var c = 0; c < toGlobal.Length; c++)
                probabilities[i * classCount + toGlobal[c]] = localProbabilities[i * toGlobal.Length + c];
        }
        var trueCodes = rows.Select(row => Labels.Codes[row]).ToArray();
        var report = ClassificationReport.Compute(trueCodes, codes, probabilities, Labels.Classes);
        return new ScoredRows(rows, [.. codes.Select(code => (double)code)], probabilities, report);
    }
}
