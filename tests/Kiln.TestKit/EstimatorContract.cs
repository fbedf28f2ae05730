using System.Collections.Concurrent;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;
using Xunit;

namespace Kiln.TestKit;

/// <summary>The facts every learner inherits (scikit-learn's <c>check_estimator</c>, in Kiln's terms): determinism, untouched data and
/// estimator, independent fits, bit-exact save/load, single-row prediction equal to batch prediction and free of allocation, column
/// lookup by name, cancellation, and thread safety.</summary>
/// <typeparam name="TEstimator">The estimator under test.</typeparam>
/// <typeparam name="TModel">The model it fits.</typeparam>
/// <remarks>Derive one sealed test class per learner (or per interesting configuration) and implement <see cref="Create"/>.</remarks>
public abstract class EstimatorContract<TEstimator, TModel>
    where TEstimator : IEstimator<TModel>
    where TModel : IPredictor
{
    /// <summary>The seed the facts fit with.</summary>
    protected const ulong Seed = 7;

    /// <summary>Creates the estimator under test with <paramref name="seed"/> as its seed (ignored by learners without randomness).</summary>
    protected abstract TEstimator Create(ulong seed);

    /// <summary>The data the facts fit on: 200 rows of <see cref="Datasets.Blobs"/> for classifiers, of <see cref="Datasets.Friedman1"/> otherwise.</summary>
    protected virtual TrainingSet TrainingData() => typeof(IClassifierModel).IsAssignableFrom(typeof(TModel))
        ? Datasets.Blobs(rows: 200, seed: 11)
        : Datasets.Friedman1(rows: 200, seed: 11);

    /// <summary>Other data for the second of two fits: by default a view of the odd rows of <see cref="TrainingData"/>.</summary>
    protected virtual TrainingSet OtherTrainingData()
    {
        var data = TrainingData();
        var odd = Enumerable.Range(0, data.RowCount).Where(row => row % 2 == 1).ToArray();
        return data.Rows(odd);
    }

    /// <summary>The rows the facts predict: by default the training features.</summary>
    protected virtual Table PredictionData() => TrainingData().Features;

    /// <summary>Fits <see cref="Create"/>(<paramref name="seed"/>) on <see cref="TrainingData"/>.</summary>
    protected TModel Fit(ulong seed = Seed) => Create(seed).Fit(TrainingData());

    /// <summary>The rows of <paramref name="table"/> as the model's single-row input: one array per row, in input-schema order.</summary>
    protected static double[][] Rows(IModel model, Table table)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(table);
        var columns = FeatureColumns.Resolve(model.InputSchema, table);
        var rows = new double[table.RowCount][];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row] = new double[columns.Length];
            for (var j = 0; j < columns.Length; j++)
                rows[row][j] = columns[j][row];
        }
        return rows;
    }

    /// <summary>Predictions, and probabilities for a classifier, of <paramref name="model"/> on <paramref name="table"/>.</summary>
    protected static (double[] Predictions, double[]? Probabilities) Outputs(IPredictor model, Table table)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (model.Predict(table), model is IClassifierModel classifier ? classifier.PredictProbabilities(table) : null);
    }

    /// <summary>Asserts that two sets of outputs are equal bit for bit.</summary>
    protected static void AssertSameOutputs((double[] Predictions, double[]? Probabilities) expected, (double[] Predictions, double[]? Probabilities) actual, string what)
    {
        Bits.Equal(expected.Predictions, actual.Predictions, $"{what}: predictions");
        Assert.Equal(expected.Probabilities is null, actual.Probabilities is null);
        if (expected.Probabilities is not null)
            Bits.Equal(expected.Probabilities, actual.Probabilities, $"{what}: probabilities");
    }

    /// <summary>Two fits with the same seed on the same data predict the same bits.</summary>
    [Fact]
    public void Fit_SameSeed_ProducesIdenticalPredictions()
    {
        var table = PredictionData();

        var first = Outputs(Fit(), table);
        var second = Outputs(Fit(), table);

        AssertSameOutputs(first, second, "two fits with one seed");
    }

    /// <summary>Fit leaves every value of the training set as it was.</summary>
    [Fact]
    public void Fit_TrainingData_IsNotModified()
    {
        var data = TrainingData();
        var view = OtherTrainingData();
        var before = DataSnapshot.Take(data);
        var viewBefore = DataSnapshot.Take(view);

        _ = Create(Seed).Fit(data);
        _ = Create(Seed).Fit(view);

        Assert.Equal(before, DataSnapshot.Take(data));
        Assert.Equal(viewBefore, DataSnapshot.Take(view));
    }

    /// <summary>A second Fit of one estimator gives the model a fresh estimator gives, and leaves the first model as it was.</summary>
    [Fact]
    public void Fit_Twice_SecondFitIsIndependentOfFirst()
    {
        var table = PredictionData();
        var estimator = Create(Seed);
        var first = estimator.Fit(TrainingData());
        var firstOutputs = Outputs(first, table);

        var second = estimator.Fit(OtherTrainingData());
        var fresh = Create(Seed).Fit(OtherTrainingData());

        AssertSameOutputs(Outputs(fresh, table), Outputs(second, table), "second fit vs a fresh estimator");
        AssertSameOutputs(firstOutputs, Outputs(first, table), "first model after a second fit");
    }

    /// <summary>Fit changes no field of the estimator, public or private, however deep.</summary>
    [Fact]
    public void Fit_Estimator_IsNotMutated()
    {
        var estimator = Create(Seed);
        var before = ObjectSnapshot.Take(estimator);

        _ = estimator.Fit(TrainingData());

        Assert.Equal(before, ObjectSnapshot.Take(estimator));
    }

    /// <summary>A model saved with <see cref="ModelBundle"/> and loaded back predicts the same bits, with the same kind, inputs and classes.</summary>
    [Fact]
    public void SaveLoad_RoundTrip_GivesIdenticalPredictions()
    {
        var table = PredictionData();
        var model = Fit();
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kiln-contract-{Guid.NewGuid():N}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(model, path);
            var loaded = ModelBundle.Load<TModel>(path);

            Assert.Equal(model.Kind, loaded.Kind);
            Assert.Equal(model.InputSchema, loaded.InputSchema);
            if (model is IClassifierModel classifier)
                Assert.Equal(classifier.Classes, ((IClassifierModel)loaded).Classes);
            AssertSameOutputs(Outputs(model, table), Outputs(loaded, table), "saved and loaded model");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>PredictRow gives, for every row, the bits batch Predict gives.</summary>
    [Fact]
    public void PredictRow_EveryRow_EqualsBatchPredict()
    {
        var table = PredictionData();
        var model = Fit();
        var batch = model.Predict(table);

        var single = Rows(model, table).Select(row => model.PredictRow(row)).ToArray();

        Bits.Equal(batch, single, "PredictRow vs Predict");
    }

    /// <summary>After a warm-up, PredictRow allocates nothing on the managed heap.</summary>
    [Fact]
    public void PredictRow_AfterWarmUp_AllocatesNothing()
    {
        var model = Fit();
        var rows = Rows(model, PredictionData());
        var sink = 0.0;
        foreach (var row in rows)
            sink += model.PredictRow(row);

        // See Allocations.LeastOfWindows: a per-call allocation shows in every window, a one-off runtime allocation does not.
        var allocated = Allocations.LeastOfWindows(() =>
        {
            foreach (var row in rows)
                sink += model.PredictRow(row);
        });

        Assert.True(allocated == 0, $"PredictRow allocated at least {allocated} bytes in each of three windows of {3 * rows.Length} calls (sink {sink}).");
    }

    /// <summary>Predict finds its columns by name: reordered columns and extra columns change nothing.</summary>
    [Fact]
    public void Predict_ColumnsReorderedWithExtras_GivesSamePredictions()
    {
        var table = PredictionData();
        var model = Fit();
        var expected = Outputs(model, table);
        var extraNumbers = NumericColumn.FromOwned("zz_extra_numbers", Enumerable.Range(0, table.RowCount).Select(i => i * 0.5).ToArray());
        var extraText = new TextColumn("zz_extra_text", Enumerable.Range(0, table.RowCount).Select(i => (string?)$"row {i}").ToArray());
        var shuffled = new Table(table.Columns.Reverse().Prepend(extraNumbers).Append(extraText));

        var actual = Outputs(model, shuffled);

        AssertSameOutputs(expected, actual, "reordered columns with extras");
    }

    /// <summary>Predicting without one of the model's columns throws <see cref="SchemaMismatchException"/> naming it.</summary>
    [Fact]
    public void Predict_MissingFeatureColumn_ThrowsSchemaMismatchNamingIt()
    {
        var table = PredictionData();
        var model = Fit();
        Assert.NotEmpty(model.InputSchema);

        foreach (var column in model.InputSchema)
        {
            var without = table.Drop([column.Name]);

            var exception = Assert.Throws<SchemaMismatchException>(() => model.Predict(without));

            Assert.Contains($"'{column.Name}'", exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Fit with an already cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    /// <remarks>Learners that cannot honour cancellation override this with <c>[Fact(Skip = "the reason")]</c>.</remarks>
    [Fact]
    public virtual void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var context = new FitContext { CancellationToken = cancellation.Token };

        Assert.ThrowsAny<OperationCanceledException>(() => Create(Seed).Fit(TrainingData(), context));
    }

    /// <summary>One model predicting from several threads at once gives the sequential results.</summary>
    [Fact]
    public void Predict_ParallelThreads_EqualSequential()
    {
        const int ThreadCount = 4;
        var table = PredictionData();
        var model = Fit();
        var expected = Outputs(model, table);
        var rows = Rows(model, table);
        var failures = new ConcurrentQueue<Exception>();
        using var start = new Barrier(ThreadCount);

        var threads = Enumerable.Range(0, ThreadCount).Select(_ => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var repeat = 0; repeat < 5; repeat++)
                {
                    AssertSameOutputs(expected, Outputs(model, table), "parallel batch");
                    for (var row = 0; row < rows.Length; row++)
                        Bits.Equal([expected.Predictions[row]], [model.PredictRow(rows[row])], $"parallel PredictRow, row {row}");
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
    }
}
