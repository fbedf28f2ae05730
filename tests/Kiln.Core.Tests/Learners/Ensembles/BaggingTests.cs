using System.Collections.Concurrent;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Metrics;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class BaggingTests
{
    [Fact]
    public void Catalog_EstimatorPrefixedOption_ReachesEveryBaseModel()
    {
        var data = Datasets.Blobs(rows: 120, classes: 3, featureCount: 3, spread: 3.0);
        var options = Values(("n_estimators", "4"), ("estimator__max_depth", "2"), ("estimator__criterion", "entropy"));

        var model = (BaggingClassifierModel)LearnerCatalog.Create("bagging", LearnerTask.Classification, new LearnerOptions(options, seed: 3)).Fit(data);

        Assert.Equal(4, model.Estimators.Count);
        Assert.Equal("decision_tree", model.Options.Estimator);
        foreach (var member in model.Estimators.Cast<DecisionTreeClassifierModel>())
        {
            Assert.Equal(2, member.Options.MaxDepth);
            Assert.Equal(DecisionTreeClassifierOptions.Entropy, member.Options.Criterion);
            Assert.True(member.Tree.Depth <= 2, $"A base tree has depth {member.Tree.Depth}.");
        }
    }

    [Fact]
    public void Catalog_UnknownBaseOption_FailsNamingItAndTheBaseLearner()
    {
        var options = new LearnerOptions(Values(("estimator__max_dept", "3")));

        var exception = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("bagging", LearnerTask.Regression, options));

        Assert.Equal("bagging", exception.Subject);
        Assert.Equal("estimator__max_dept", exception.Key);
        Assert.True(exception.IsUnknownKey);
        Assert.Contains("'max_dept'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("max_depth", exception.Message, StringComparison.Ordinal);
        Assert.Contains("decision_tree", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_BaseOptionOutOfRange_FailsNamingItAndTheRange()
    {
        var options = new LearnerOptions(Values(("estimator__max_depth", "0")));

        var exception = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("bagging", LearnerTask.Classification, options));

        Assert.Equal("estimator__max_depth", exception.Key);
        Assert.Contains("from 1 to 32", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'0'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_UnknownEstimator_ListsKnownLearners()
    {
        var options = new LearnerOptions(Values(("estimator", "random_forrest")));

        var exception = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("bagging", LearnerTask.Classification, options));

        Assert.Equal("estimator", exception.Key);
        Assert.Contains("'random_forrest'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Known learners:", exception.Message, StringComparison.Ordinal);
        foreach (var name in new[] { "decision_tree", "random_forest", "logistic_regression", "adaboost", "bagging" })
            Assert.Contains(name, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RegressionOnlyBaseForClassifier_FailsNamingEstimator()
    {
        var exception = Assert.Throws<HyperparameterException>(() => new BaggingClassifier(new BaggingOptions { Estimator = "linear_regression" }));

        Assert.Equal("estimator", exception.Key);
        Assert.Contains("no classification variant", exception.Message, StringComparison.Ordinal);
        Assert.Contains("logistic_regression", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n_estimators", "0", "from 1 to 1000")]
    [InlineData("max_samples", "-0.5", "at least 0")]
    [InlineData("bootstrap", "maybe", "true or false")]
    public void Catalog_OptionOutOfRange_FailsNamingOptionAndRange(string name, string value, string range)
    {
        var options = new LearnerOptions(Values((name, value)));

        var exception = Assert.Throws<HyperparameterException>(() => LearnerCatalog.Create("bagging", LearnerTask.Regression, options));

        Assert.Equal(name, exception.Key);
        Assert.Contains(range, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1.0, "max_samples", "fraction in (0, 1]")]
    [InlineData(2.5, 1.0, "max_samples", "whole number")]
    [InlineData(1.0, 0.0, "max_features", "fraction in (0, 1]")]
    [InlineData(1.0, double.PositiveInfinity, "max_features", "fraction in (0, 1]")]
    public void Constructor_SizeOutOfRange_FailsNamingOptionAndRange(double maxSamples, double maxFeatures, string name, string range)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new BaggingRegressor(new BaggingOptions { MaxSamples = maxSamples, MaxFeatures = maxFeatures }));

        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
        Assert.Contains(range, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OobScoreWithoutBootstrap_FailsNamingBoth()
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new BaggingClassifier(new BaggingOptions { OobScore = true, Bootstrap = false }));

        Assert.Contains("oob_score", exception.Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MoreFeaturesThanTable_FailsNamingMaxFeatures()
    {
        var data = Datasets.Friedman1(rows: 50);

        var exception = Assert.ThrowsAny<ArgumentException>(() => new BaggingRegressor(new BaggingOptions { MaxFeatures = 12 }).Fit(data));

        Assert.Contains("max_features", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{data.Features.ColumnCount} features", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingFeatureValue_BaseLearnerRejectsNamingColumn()
    {
        var data = Datasets.Friedman1(rows: 60);
        var values = ((NumericColumn)data.Features[2]).Values.ToArray();
        values[17] = double.NaN;
        var name = data.Features[2].Name;
        var broken = new TrainingSet(data.Features.With(NumericColumn.FromOwned(name, values)), data.Target);

        var exception = Assert.Throws<SchemaMismatchException>(() => new BaggingRegressor(new BaggingOptions { Bootstrap = false, NEstimators = 3 }).Fit(broken));

        Assert.Contains($"'{name}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneThreadOrTwo_ProbabilitiesAndOobBitIdentical()
    {
        var data = Datasets.Blobs(rows: 200, classes: 3, featureCount: 5, spread: 3.0);
        var options = new BaggingOptions { NEstimators = 8, MaxFeatures = 0.6, OobScore = true, Seed = 5 };

        var one = new BaggingClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var two = new BaggingClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.PredictProbabilities(data.Features), two.PredictProbabilities(data.Features), "probabilities");
        Assert.Equal(one.OobScore, two.OobScore);
    }

    [Fact]
    public void Fit_FeatureSubsets_EachBaseModelSeesItsDrawnColumns()
    {
        var data = Datasets.Friedman1(rows: 80);

        var model = new BaggingRegressor(new BaggingOptions { NEstimators = 6, MaxFeatures = 3, Seed = 2 }).Fit(data);

        Assert.All(model.Estimators, member => Assert.Equal(3, member.InputSchema.Count));
        Assert.True(model.Estimators.Select(member => string.Join(",", member.InputSchema.Names)).Distinct().Count() > 1, "Every base model drew the same features.");
        Assert.Equal(data.Features.Schema, model.InputSchema);
    }

    [Fact]
    public void Predict_Regressor_IsMeanOfBaseModels()
    {
        var data = Datasets.Friedman1(rows: 80);
        var model = new BaggingRegressor(new BaggingOptions { NEstimators = 5, MaxFeatures = 0.5, Seed = 4 }).Fit(data);

        var predicted = model.Predict(data.Features);

        for (var row = 0; row < data.RowCount; row += 7)
        {
            var expected = model.Estimators.Average(member => member.Predict(data.Features.Take([row]))[0]);
            Assert.Equal(expected, predicted[row], 1e-12);
        }
    }

    [Fact]
    public void PredictProbabilities_BaseModelMissedAClass_ThatClassGetsZeroFromIt()
    {
        // One row of class "rare": base models on 30% bootstrap samples mostly miss it.
        var data = WithRareClass(Datasets.Blobs(rows: 90, classes: 2, featureCount: 2, spread: 2.0));
        var model = new BaggingClassifier(new BaggingOptions { NEstimators = 12, MaxSamples = 0.3, Seed = 1 }).Fit(data);
        Assert.Contains(model.Estimators, member => member.Classes.Count < model.Classes.Count);

        var probabilities = model.PredictProbabilities(data.Features);

        var classCount = model.Classes.Count;
        for (var row = 0; row < data.RowCount; row += 5)
        {
            var single = data.Features.Take([row]);
            for (var c = 0; c < classCount; c++)
            {
                var expected = model.Estimators.Average(member =>
                {
                    var index = member.Classes.ToList().IndexOf(model.Classes[c]);
                    return index < 0 ? 0.0 : member.PredictProbabilities(single)[index];
                });
                Assert.Equal(expected, probabilities[(row * classCount) + c], 1e-12);
            }
        }
    }

    [Fact]
    public void Fit_DummyBaseWithoutBootstrap_ProbabilitiesAreClassPriors()
    {
        var data = Datasets.Iris();
        var options = new BaggingOptions { Estimator = "dummy", NEstimators = 3, Bootstrap = false };

        var model = new BaggingClassifier(options).Fit(data);
        var probabilities = model.PredictProbabilities(data.Features.Take([0, 75]));

        Assert.All(model.Estimators, member => Assert.IsType<DummyClassifierModel>(member));
        Assert.All(probabilities, value => Assert.Equal(1.0 / 3, value, 1e-12));
    }

    [Fact]
    public void Fit_BaggingOfBagging_FitsAndRoundTripsThroughBundle()
    {
        var data = Datasets.Blobs(rows: 100, classes: 2, featureCount: 3, spread: 2.0);
        var options = new LearnerOptions(
            Values(("n_estimators", "3"), ("estimator", "bagging"), ("estimator__n_estimators", "2"), ("estimator__estimator", "logistic_regression"), ("estimator__estimator__C", "0.5")),
            seed: 9);
        var model = (BaggingClassifierModel)LearnerCatalog.Create("bagging", LearnerTask.Classification, options).Fit(data);
        var path = Path.Combine(Path.GetTempPath(), $"kiln-bagging-{Guid.NewGuid():N}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(model, path);
            var loaded = ModelBundle.Load<BaggingClassifierModel>(path);

            var inner = Assert.IsType<BaggingClassifierModel>(loaded.Estimators[0]);
            var innermost = Assert.IsType<LogisticRegressionModel>(inner.Estimators[1]);
            Assert.Equal(0.5, innermost.Options.InverseRegularization);
            Assert.Equal(model.Options.EstimatorOptions, loaded.Options.EstimatorOptions);
            Bits.Equal(model.PredictProbabilities(data.Features), loaded.PredictProbabilities(data.Features), "nested bagging after a round trip");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fit_MetricSink_RecordsValidationAndOutOfBagCurvePerBaseModel()
    {
        var data = Datasets.Friedman1(rows: 150, seed: 2);
        var validation = Datasets.Friedman1(rows: 60, seed: 3);
        var sink = new RecordingSink();
        var context = new FitContext { Metrics = sink, Validation = validation };

        var model = new BaggingRegressor(new BaggingOptions { NEstimators = 5, OobScore = true, Seed = 1 }).Fit(data, context);

        var curve = sink.Series(TrainingCurve.Validation("r2"));
        Assert.Equal([1L, 2, 3, 4, 5], curve.Select(point => point.Step));
        var expected = RegressionMetrics.R2(validation.NumericTarget(), model.Predict(validation.Features));
        Assert.Equal(expected, curve[^1].Value, 1e-12);
        var oob = sink.Series("oob_score");
        Assert.Equal(5, oob.Count);
        Assert.Equal(model.OobScore!.Value, oob[^1].Value);
    }

    [Fact]
    public void Load_FewerBaseModelsThanOptionsSay_FailsNamingTheMissingPart()
    {
        var data = Datasets.Friedman1(rows: 60);
        var model = new BaggingRegressor(new BaggingOptions { NEstimators = 2 }).Fit(data);
        var path = Path.Combine(Path.GetTempPath(), $"kiln-bagging-{Guid.NewGuid():N}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(new ClaimsThreeMembers(model), path);

            var exception = Assert.Throws<BundleFormatException>(() => ModelBundle.Load<BaggingRegressorModel>(path));

            Assert.Contains("member_2", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Dictionary<string, HyperparameterValue> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(value => value.Name, value => HyperparameterValue.Scalar(value.Value));

    private static TrainingSet WithRareClass(TrainingSet data)
    {
        var labels = Enumerable.Range(0, data.RowCount).Select(row => row == 0 ? "rare" : data.Target!.FormatValue(row)).ToArray();
        return new TrainingSet(data.Features, new TextColumn("label", labels));
    }

    // Saves a two-member bagging regressor whose options claim three members.
    private sealed class ClaimsThreeMembers(BaggingRegressorModel model) : IModel
    {
        public Schema InputSchema => model.InputSchema;

        public string Kind => model.Kind;

        public void Save(BundleWriter writer)
        {
            writer.WriteJson("options", new
            {
                estimator = "decision_tree",
                estimator_options = Array.Empty<object>(),
                n_estimators = 3,
                max_samples = 1.0,
                max_features = 1.0,
                bootstrap = true,
                bootstrap_features = false,
                oob_score = false,
                seed = 0,
            });
            writer.WriteSchema("inputs", model.InputSchema);
            writer.WriteDoubles("oob_score", []);
            writer.WriteModel("member_0", model.Estimators[0]);
            writer.WriteModel("member_1", model.Estimators[1]);
        }
    }

    private sealed class RecordingSink : IMetricSink
    {
        private readonly ConcurrentQueue<(string Name, long Step, double Value)> _points = new();

        public void Record(string name, long step, double value) => _points.Enqueue((name, step, value));

        public List<(long Step, double Value)> Series(string name) => [.. _points.Where(point => point.Name == name).Select(point => (point.Step, point.Value))];
    }
}
