using System.Collections.Concurrent;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Metrics;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class AdaBoostTests
{
    [Theory]
    [InlineData(LearnerTask.Classification, "learning_rate", "0", "from 0.001 to 10")]
    [InlineData(LearnerTask.Classification, "n_estimators", "0", "from 1 to 1000")]
    [InlineData(LearnerTask.Classification, "algorithm", "SAMME.X", "one of SAMME.R, SAMME")]
    [InlineData(LearnerTask.Classification, "max_depth", "40", "from 1 to 32")]
    [InlineData(LearnerTask.Regression, "loss", "huber", "one of linear, square, exponential")]
    [InlineData(LearnerTask.Regression, "learning_rate", "-1", "from 0.001 to 10")]
    public void Catalog_OptionOutOfRange_FailsNamingOptionAndRange(LearnerTask task, string name, string value, string range)
    {
        var options = new LearnerOptions(new Dictionary<string, HyperparameterValue> { [name] = HyperparameterValue.Scalar(value) });

        var exception = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("adaboost", task, options));

        Assert.Equal("adaboost", exception.Subject);
        Assert.Equal(name, exception.Key);
        Assert.Contains(range, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_LearningRateNotPositive_FailsNamingIt(double learningRate)
    {
        var classifier = Assert.ThrowsAny<ArgumentException>(() => new AdaBoostClassifier(new AdaBoostClassifierOptions { LearningRate = learningRate }));
        var regressor = Assert.ThrowsAny<ArgumentException>(() => new AdaBoostRegressor(new AdaBoostRegressorOptions { LearningRate = learningRate }));

        Assert.Contains("learning_rate", classifier.Message, StringComparison.Ordinal);
        Assert.Contains("above 0", regressor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingFeatureValue_RejectedNamingColumn()
    {
        var data = Datasets.Iris();
        var values = ((NumericColumn)data.Features[1]).Values.ToArray();
        values[40] = double.NaN;
        var name = data.Features[1].Name;
        var broken = new TrainingSet(data.Features.With(NumericColumn.FromOwned(name, values)), data.Target);

        var classifier = Assert.Throws<SchemaMismatchException>(() => new AdaBoostClassifier().Fit(broken));
        var regressor = Assert.Throws<SchemaMismatchException>(() => new AdaBoostRegressor().Fit(new TrainingSet(broken.Features, broken.Features[0])));

        Assert.Contains($"'{name}'", classifier.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", regressor.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AdaBoostClassifierOptions.Samme)]
    [InlineData(AdaBoostClassifierOptions.SammeR)]
    public void Fit_SeparableByOneStump_StopsAfterPerfectTree(string algorithm)
    {
        var x = NumericColumn.FromOwned("x", [1, 2, 3, 4, 10, 11, 12, 13]);
        var data = new TrainingSet(new Table([x]), new TextColumn("label", ["a", "a", "a", "a", "b", "b", "b", "b"]));

        var model = new AdaBoostClassifier(new AdaBoostClassifierOptions { Algorithm = algorithm }).Fit(data);

        Assert.Single(model.Trees);
        Assert.Equal([1.0], model.EstimatorWeights);
        Assert.Equal([0.0], model.EstimatorErrors);
        Assert.Equal([0.0, 0, 0, 0, 1, 1, 1, 1], model.Predict(data.Features));
    }

    [Fact]
    public void Fit_SammeFirstTreeNoBetterThanChance_FailsSayingSo()
    {
        var x = NumericColumn.FromOwned("x", [5, 5, 5, 5]);
        var data = new TrainingSet(new Table([x]), new TextColumn("label", ["a", "b", "a", "b"]));

        var exception = Assert.Throws<ArgumentException>(() => new AdaBoostClassifier(new AdaBoostClassifierOptions { Algorithm = AdaBoostClassifierOptions.Samme }).Fit(data));

        Assert.Contains("no better than chance", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SAMME.R", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ClassifierMetricSink_RecordsErrorsAndStagedAccuracies()
    {
        var data = Datasets.Blobs(rows: 150, classes: 3, featureCount: 2, seed: 4, spread: 2.5);
        var validation = Datasets.Blobs(rows: 60, classes: 3, featureCount: 2, seed: 5, spread: 2.5);
        var sink = new RecordingSink();

        var model = new AdaBoostClassifier(new AdaBoostClassifierOptions { NEstimators = 12 }).Fit(data, new FitContext { Metrics = sink, Validation = validation });

        Assert.Equal(model.EstimatorErrors, sink.Series(TrainingCurve.Train("error")).Select(point => point.Value));
        Assert.Equal(Enumerable.Range(1, model.Trees.Count).Select(step => (long)step), sink.Series(TrainingCurve.Train("accuracy")).Select(point => point.Step));
        var codes = validation.ClassLabels().Codes.ToArray();
        var predicted = model.Predict(validation.Features).Select(value => (int)value).ToArray();
        Assert.Equal(ClassificationMetrics.Accuracy(codes, predicted), sink.Series(TrainingCurve.Validation("accuracy"))[^1].Value, 1e-12);
    }

    [Fact]
    public void Fit_RegressorMetricSink_RecordsErrorsAndStagedValidationR2()
    {
        var data = Datasets.Friedman1(rows: 150, seed: 4);
        var validation = Datasets.Friedman1(rows: 60, seed: 5);
        var sink = new RecordingSink();

        var model = new AdaBoostRegressor(new AdaBoostRegressorOptions { NEstimators = 10, Seed = 2 }).Fit(data, new FitContext { Metrics = sink, Validation = validation });

        Assert.Equal(model.EstimatorErrors, sink.Series(TrainingCurve.Train("error")).Select(point => point.Value));
        var curve = sink.Series(TrainingCurve.Validation("r2"));
        Assert.Equal(model.Trees.Count, curve.Count);
        Assert.Equal(RegressionMetrics.R2(validation.NumericTarget(), model.Predict(validation.Features)), curve[^1].Value, 1e-12);
    }

    [Fact]
    public void Predict_Regressor_IsWeightedMedianOfTrees()
    {
        var data = Datasets.Friedman1(rows: 120, seed: 6);
        var model = new AdaBoostRegressor(new AdaBoostRegressorOptions { NEstimators = 15, Seed = 3 }).Fit(data);
        var predicted = model.Predict(data.Features);

        for (var row = 0; row < data.RowCount; row += 11)
        {
            var features = Enumerable.Range(0, data.Features.ColumnCount).Select(j => ((NumericColumn)data.Features[j]).Values[row]).ToArray();
            var votes = model.Trees.Select((tree, t) => (Value: tree.Value(tree.FindLeaf(features))[0], Weight: model.EstimatorWeights[t])).OrderBy(vote => vote.Value).ToArray();
            var half = votes.Sum(vote => vote.Weight) / 2;
            var cumulative = 0.0;
            var expected = votes.First(vote => (cumulative += vote.Weight) >= half).Value;
            Assert.Equal(expected, predicted[row]);
        }
    }

    [Fact]
    public void Fit_DifferentSeeds_RegressorDrawsDifferentSamples()
    {
        var data = Datasets.Friedman1(rows: 100);

        var first = new AdaBoostRegressor(new AdaBoostRegressorOptions { NEstimators = 5, Seed = 1 }).Fit(data).Predict(data.Features);
        var second = new AdaBoostRegressor(new AdaBoostRegressorOptions { NEstimators = 5, Seed = 2 }).Fit(data).Predict(data.Features);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Load_TreeWeightsOfWrongLength_FailsAsInvalidBundle()
    {
        var data = Datasets.Iris();
        var model = new AdaBoostClassifier(new AdaBoostClassifierOptions { NEstimators = 3, Algorithm = AdaBoostClassifierOptions.Samme }).Fit(data);
        var path = Path.Combine(Path.GetTempPath(), $"kiln-adaboost-{Guid.NewGuid():N}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(new TamperedWeights(model), path);

            var exception = Assert.Throws<BundleFormatException>(() => ModelBundle.Load<IClassifierModel>(path));

            Assert.Contains("estimator_errors", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Saves the model with one weight too many (its kind and everything else as they are).
    private sealed class TamperedWeights(AdaBoostClassifierModel model) : IModel
    {
        public Schema InputSchema => model.InputSchema;

        public string Kind => model.Kind;

        public void Save(BundleWriter writer)
        {
            writer.WriteJson("options", new { n_estimators = 3, learning_rate = 1.0, algorithm = "SAMME", max_depth = 1, seed = 0 });
            writer.WriteSchema("inputs", model.InputSchema);
            writer.WriteJson("classes", model.Classes);
            writer.WriteDoubles("estimator_weights", [.. model.EstimatorWeights, 1.0]);
            writer.WriteDoubles("estimator_errors", [.. model.EstimatorErrors]);
        }
    }

    private sealed class RecordingSink : IMetricSink
    {
        private readonly ConcurrentQueue<(string Name, long Step, double Value)> _points = new();

        public void Record(string name, long step, double value) => _points.Enqueue((name, step, value));

        public List<(long Step, double Value)> Series(string name) => [.. _points.Where(point => point.Name == name).Select(point => (point.Step, point.Value))];
    }
}
