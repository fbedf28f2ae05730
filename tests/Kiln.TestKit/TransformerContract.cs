using System.Collections.Concurrent;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;
using Xunit;

namespace Kiln.TestKit;

/// <summary>The facts every preparation step inherits: determinism, untouched data and estimator, statistics from the training
/// rows only, bit-exact save/load, column lookup by name, a declared output schema, and thread safety.</summary>
/// <typeparam name="TEstimator">The estimator under test.</typeparam>
/// <typeparam name="TModel">The transformer it fits.</typeparam>
public abstract class TransformerContract<TEstimator, TModel>
    where TEstimator : IEstimator<TModel>
    where TModel : ITransformer
{
    /// <summary>Creates the estimator under test.</summary>
    protected abstract TEstimator Create();

    /// <summary>The data the facts fit on: a view of some rows of a larger table (penguins by default, rows not divisible by 5, species as target).</summary>
    protected virtual TrainingSet TrainingData()
    {
        var table = TestData.ReadCsv("penguins.csv").WithRole("species", ColumnRole.Target);
        var rows = Enumerable.Range(0, table.RowCount).Where(row => row % 5 != 0).ToArray();
        return new TrainingSet(table, table["species"]).Rows(rows);
    }

    /// <summary>The rows the facts transform: by default every row of the training set's table.</summary>
    protected virtual Table TransformData() => TrainingData().Features;

    /// <summary>Fits <see cref="Create"/> on <see cref="TrainingData"/>.</summary>
    protected TModel Fit() => Create().Fit(TrainingData());

    /// <summary>Asserts that two tables hold the same columns, names and kinds, and the same values bit for bit.</summary>
    protected static void AssertSameTable(Table expected, Table actual, string what)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var j = 0; j < expected.ColumnCount; j++)
        {
            if (expected[j] is NumericColumn numeric)
            {
                Bits.Equal(numeric.Values, ((NumericColumn)actual[j]).Values, $"{what}: column '{expected[j].Name}'");
                continue;
            }
            for (var row = 0; row < expected.RowCount; row++)
                Assert.True(expected[j].FormatValue(row) == actual[j].FormatValue(row), $"{what}: column '{expected[j].Name}' differs in row {row}.");
        }
    }

    /// <summary>The bundle bytes of <paramref name="model"/>, saved at a fixed time: equal bytes mean equal fitted parameters.</summary>
    protected static byte[] BundleBytes(IModel model)
    {
        using var stream = new MemoryStream();
        ModelBundle.Save(model, stream, new BundleSaveOptions { TimeProvider = new FixedTimeProvider(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)) });
        return stream.ToArray();
    }

    /// <summary>Two fits on the same data transform to the same bits.</summary>
    [Fact]
    public void Fit_SameData_ProducesIdenticalOutput()
    {
        var table = TransformData();

        AssertSameTable(Fit().Transform(table), Fit().Transform(table), "two fits");
    }

    /// <summary>Fit leaves every value of the training set as it was.</summary>
    [Fact]
    public void Fit_TrainingData_IsNotModified()
    {
        var data = TrainingData();
        var before = DataSnapshot.Take(data);

        _ = Create().Fit(data);

        Assert.Equal(before, DataSnapshot.Take(data));
    }

    /// <summary>Fit changes no field of the estimator.</summary>
    [Fact]
    public void Fit_Estimator_IsNotMutated()
    {
        var estimator = Create();
        var before = ObjectSnapshot.Take(estimator);

        _ = estimator.Fit(TrainingData());

        Assert.Equal(before, ObjectSnapshot.Take(estimator));
    }

    /// <summary>A fit on a view of some rows equals a fit on a copy of just those rows: nothing outside the view counts.</summary>
    [Fact]
    public void Fit_View_EqualsFitOnCopiedRows()
    {
        var view = TrainingData();
        var copy = new TrainingSet(view.Features.Take(view.RowIndices), view.Target?.Take(view.RowIndices), view.Weights?.Take(view.RowIndices));

        Assert.Equal(BundleBytes(Create().Fit(copy)), BundleBytes(Create().Fit(view)));
    }

    /// <summary>Changing every row outside the training view drastically (huge numbers, new categories, other dates) changes no
    /// fitted parameter and no transformed training row: no statistic is computed from validation or test rows.</summary>
    [Fact]
    public void Fit_OtherRowsChangedDrastically_ModelAndTrainingOutputUnchanged()
    {
        var view = TrainingData();
        var perturbed = LeakageData.Perturb(view);

        var model = Create().Fit(view);
        var other = Create().Fit(perturbed);

        Assert.Equal(BundleBytes(model), BundleBytes(other));
        AssertSameTable(model.Transform(view.Features.Take(view.RowIndices)), other.Transform(perturbed.Features.Take(perturbed.RowIndices)), "training rows");
    }

    /// <summary>Transform returns the columns of <see cref="ITransformer.OutputSchema"/>, one row per input row.</summary>
    [Fact]
    public void Transform_Output_MatchesOutputSchema()
    {
        var table = TransformData();

        var output = Fit().Transform(table);

        Assert.Equal(Fit().OutputSchema, output.Schema);
        Assert.Equal(table.RowCount, output.RowCount);
    }

    /// <summary>A model saved and loaded back transforms to the same bits, with the same kind and schemas.</summary>
    [Fact]
    public void SaveLoad_RoundTrip_GivesIdenticalOutput()
    {
        var table = TransformData();
        var model = Fit();
        var bytes = BundleBytes(model);

        var loaded = (TModel)ModelBundle.LoadBundle(new MemoryStream(bytes), "contract.kiln").Model;

        Assert.Equal(model.Kind, loaded.Kind);
        Assert.Equal(model.InputSchema, loaded.InputSchema);
        Assert.Equal(model.OutputSchema, loaded.OutputSchema);
        AssertSameTable(model.Transform(table), loaded.Transform(table), "saved and loaded model");
        Assert.Equal(bytes, BundleBytes(loaded));
    }

    /// <summary>Columns in reverse order, with extra columns, transform as the original table does.</summary>
    [Fact]
    public void Transform_ColumnsReorderedWithExtras_GivesSameOutput()
    {
        var table = TransformData();
        var model = Fit();
        var expected = model.Transform(table);
        var reordered = table.Select(table.Schema.Names.Reverse())
            .With(NumericColumn.FromOwned("extra_column_a", new double[table.RowCount]))
            .With(CategoricalColumn.FromValues("extra_column_b", Enumerable.Repeat<string?>("x", table.RowCount)));

        AssertSameTable(expected, model.Transform(reordered), "reordered columns with extras");
    }

    /// <summary>Transforming without one of the model's columns throws <see cref="SchemaMismatchException"/> naming it.</summary>
    [Fact]
    public void Transform_MissingColumn_ThrowsSchemaMismatchNamingIt()
    {
        var table = TransformData();
        var model = Fit();
        Assert.NotEmpty(model.InputSchema);

        foreach (var column in model.InputSchema)
        {
            var exception = Assert.Throws<SchemaMismatchException>(() => model.Transform(table.Drop([column.Name])));

            Assert.Contains($"'{column.Name}'", exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Fit with an already cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Create().Fit(TrainingData(), new FitContext { CancellationToken = cancellation.Token }));
    }

    /// <summary>One model transforming from several threads at once gives the sequential result.</summary>
    [Fact]
    public void Transform_ParallelThreads_EqualSequential()
    {
        const int ThreadCount = 4;
        var table = TransformData();
        var model = Fit();
        var expected = model.Transform(table);
        var failures = new ConcurrentQueue<Exception>();
        using var start = new Barrier(ThreadCount);

        var threads = Enumerable.Range(0, ThreadCount).Select(_ => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var repeat = 0; repeat < 5; repeat++)
                    AssertSameTable(expected, model.Transform(table), "parallel transform");
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
