using System.Collections.Concurrent;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Neural;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

public sealed class MlpTests
{
    [Theory]
    [InlineData("64,x", "hidden_layer_sizes")]
    [InlineData("", "hidden_layer_sizes")]
    [InlineData("0", "hidden_layer_sizes")]
    public void Constructor_BadHiddenLayerSizes_ThrowsNamingOption(string sizes, string name)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new MlpClassifier(new MlpOptions { HiddenLayerSizes = sizes }));

        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<MlpOptions, string> BadOptions => new()
    {
        { new MlpOptions { Dropout = 1 }, "dropout" },
        { new MlpOptions { Activation = "softplus" }, "activation" },
        { new MlpOptions { Solver = "lbfgs" }, "solver" },
        { new MlpOptions { LearningRate = "cosine" }, "learning_rate" },
        { new MlpOptions { Alpha = -1 }, "alpha" },
        { new MlpOptions { BatchSize = 0 }, "batch_size" },
        { new MlpOptions { ValidationFraction = 1 }, "validation_fraction" },
        { new MlpOptions { Beta2 = 1 }, "beta_2" },
        { new MlpOptions { CheckpointEvery = -1 }, "checkpoint_every" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_OutOfRangeOption_ThrowsNamingOption(MlpOptions options, string name)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new MlpRegressor(options));

        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingFeatureValue_ThrowsNamingColumn()
    {
        var data = Datasets.Friedman1(rows: 50, seed: 1);
        var columns = data.Features.Columns.ToList();
        var values = ((NumericColumn)columns[2]).Values.ToArray();
        values[7] = double.NaN;
        columns[2] = NumericColumn.FromOwned(columns[2].Name, values);
        var withMissing = new TrainingSet(new Table(columns), data.Target);

        var exception = Assert.Throws<SchemaMismatchException>(() => new MlpRegressor(new MlpOptions { MaxIter = 2 }).Fit(withMissing));

        Assert.Contains($"'{columns[2].Name}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("row 7", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EarlyStopping_RecordsCurvesAndBestStep()
    {
        var sink = new CurveSink();
        var options = new MlpOptions { HiddenLayerSizes = "8", EarlyStopping = true, MaxIter = 300, LearningRateInit = 0.05, Seed = 3 };

        var model = new MlpClassifier(options).Fit(Datasets.Blobs(rows: 200, seed: 2), new FitContext { Metrics = sink });

        Assert.True(model.Converged, "early stopping should stop this easy fit before max_iter");
        Assert.Equal(Enumerable.Range(1, model.Epochs).Select(epoch => (long)epoch), sink.Steps("train_loss"));
        Assert.Equal(Enumerable.Range(1, model.Epochs).Select(epoch => (long)epoch), sink.Steps("validation_loss"));
        Assert.Equal(model.ValidationScores, sink.Values("validation_accuracy"));
        Assert.Equal(model.LossCurve, sink.Values("train_loss"));
        var best = Assert.Single(sink.Steps(TrainingCurve.BestStep));
        Assert.Equal(model.BestEpoch, (int)best);
        Assert.Equal(model.ValidationScores.Max(), model.ValidationScores[(int)best - 1]);
        Assert.True(model.Epochs > best + options.NIterNoChange - 1, $"stopped at epoch {model.Epochs}, best {best}");
    }

    [Fact]
    public void Fit_ContextValidationWithoutEarlyStopping_RecordsValidationR2()
    {
        var sink = new CurveSink();
        var validation = Datasets.Friedman1(rows: 60, seed: 8);

        var model = new MlpRegressor(new MlpOptions { HiddenLayerSizes = "8", MaxIter = 5 }).Fit(Datasets.Friedman1(rows: 100, seed: 1), new FitContext { Metrics = sink, Validation = validation });

        Assert.Equal(5, sink.Steps("validation_r2").Count);
        Assert.Empty(sink.Steps(TrainingCurve.BestStep));
        Assert.Null(model.BestEpoch);
    }

    [Fact]
    public void Fit_AnyThreadCount_GivesIdenticalWeights()
    {
        // 120 features × 200 neurons × 200-row batches (4.8M multiply-adds) is large enough for the products to run in parallel.
        var random = new KilnRandom(1);
        var columns = Enumerable.Range(0, 120).Select(j => NumericColumn.FromOwned($"x{j}", Enumerable.Range(0, 400).Select(_ => random.NextGaussian()).ToArray()));
        var table = new Table(columns);
        var labels = CategoricalColumn.FromValues("y", Enumerable.Range(0, 400).Select(i => table.Numeric("x0")[i] + table.Numeric("x1")[i] > 0 ? "a" : "b").ToArray());
        var data = new TrainingSet(table, labels);
        var options = new MlpOptions { HiddenLayerSizes = "200", MaxIter = 2 };

        var single = new MlpClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var parallel = new MlpClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 4 });

        Bits.Equal(single.Weights(0).ToArray(), parallel.Weights(0).ToArray(), "first-layer weights");
        Bits.Equal(single.Weights(1).ToArray(), parallel.Weights(1).ToArray(), "output weights");
    }

    [Fact]
    public void Fit_SampleWeights_ThrowsSayingUnsupported()
    {
        var data = Datasets.WithWeights(Datasets.Friedman1(rows: 40, seed: 1), seed: 2);

        var exception = Assert.Throws<ArgumentException>(() => new MlpRegressor().Fit(data));

        Assert.Contains("sample weights", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FromCatalog_BindsSnakeCaseNames()
    {
        var options = new LearnerOptions(
        [
            KeyValuePair.Create("hidden_layer_sizes", HyperparameterValue.Scalar("64,32")),
            KeyValuePair.Create("dropout", HyperparameterValue.Scalar("0.25")),
            KeyValuePair.Create("solver", HyperparameterValue.Scalar("sgd")),
            KeyValuePair.Create("batch_size", HyperparameterValue.Scalar("32")),
        ]);

        var estimator = (MlpClassifier)LearnerCatalog.Create("mlp", LearnerTask.Classification, options);

        Assert.Equal("64,32", estimator.Options.HiddenLayerSizes);
        Assert.Equal(0.25, estimator.Options.Dropout);
        Assert.Equal(MlpOptions.Sgd, estimator.Options.Solver);
        Assert.Equal(32, estimator.Options.BatchSize);
    }

    private sealed class CurveSink : IMetricSink
    {
        private readonly ConcurrentQueue<(string Name, long Step, double Value)> _records = new();

        public void Record(string name, long step, double value) => _records.Enqueue((name, step, value));

        public List<long> Steps(string name) => [.. _records.Where(record => record.Name == name).Select(record => record.Step)];

        public List<double> Values(string name) => [.. _records.Where(record => record.Name == name).Select(record => record.Value)];
    }
}
