using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Boosting;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Boosting;

public sealed class GradientBoostingTests
{
    public static TheoryData<string, string, string> OutOfRangeOptions => new()
    {
        { "loss", "poisson", "squared_error, absolute_error, huber, quantile" },
        { "learning_rate", "-0.1", "at least 0" },
        { "n_estimators", "0", "at least 1" },
        { "subsample", "0", "(0, 1]" },
        { "subsample", "1.5", "(0, 1]" },
        { "criterion", "gini", "friedman_mse or squared_error" },
        { "alpha", "1", "(0, 1)" },
        { "validation_fraction", "0", "(0, 1)" },
        { "n_iter_no_change", "0", "at least 1" },
        { "tol", "-1", "at least 0" },
        { "max_depth", "0", "at least 1" },
        { "min_samples_leaf", "0", "at least 1" },
        { "max_features", "many", "sqrt" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeOptions))]
    public void Constructor_OutOfRangeOption_ThrowsNamingOptionAndRange(string option, string value, string range)
    {
        var options = Regressor(option, value);

        var error = Assert.Throws<ArgumentException>(() => new GradientBoostingRegressor(options));

        Assert.Contains($"({option})", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ClassifierLossNotLogLoss_ThrowsNamingLoss()
    {
        var error = Assert.Throws<ArgumentException>(() => new GradientBoostingClassifier(new GradientBoostingClassifierOptions { Loss = "exponential" }));

        Assert.Contains("(loss)", error.Message, StringComparison.Ordinal);
        Assert.Contains("log_loss", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingColumn()
    {
        var data = WithValue(Datasets.Friedman1(rows: 50), column: 2, row: 7, double.NaN);

        var error = Assert.Throws<SchemaMismatchException>(() => new GradientBoostingRegressor(new GradientBoostingRegressorOptions { NEstimators = 3 }).Fit(data));

        Assert.Contains($"'{data.Features[2].Name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NaNFeatureInValidationRows_ThrowsNamingColumn()
    {
        var data = Datasets.Blobs(rows: 60);
        var validation = WithValue(Datasets.Blobs(rows: 30, seed: 2), column: 1, row: 4, double.NaN);
        var options = new GradientBoostingClassifierOptions { NEstimators = 3, NIterNoChange = 2 };

        var error = Assert.Throws<SchemaMismatchException>(() => new GradientBoostingClassifier(options).Fit(data, new FitContext { Validation = validation }));

        Assert.Contains($"'{validation.Features[1].Name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("validation row 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneClass_ThrowsNamingTheClass()
    {
        var data = Datasets.Blobs(rows: 30, classes: 1);

        var error = Assert.Throws<ArgumentException>(() => new GradientBoostingClassifier().Fit(data));

        Assert.Contains("'class_0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EarlyStoppingOnHeldOutRows_StopsWhenNoneOfTheLastLossesImproves()
    {
        var data = Datasets.Friedman1(rows: 300, noise: 3.0);
        var options = new GradientBoostingRegressorOptions { NEstimators = 1000, LearningRate = 0.3, NIterNoChange = 5, Seed = 3 };
        var metrics = new RecordingMetricSink();

        var model = new GradientBoostingRegressor(options).Fit(data, new FitContext { Metrics = metrics });

        var validation = metrics.Values(TrainingCurve.Validation("loss"));
        Assert.InRange(model.StageCount, 6, 999);
        Assert.Equal([(long)model.StageCount], metrics.Steps(TrainingCurve.BestStep));
        Assert.Equal(model.StageCount, validation.Count);
        Assert.Equal(Enumerable.Range(1, model.StageCount).Select(step => (long)step), metrics.Steps(TrainingCurve.Train("loss")));
        var last = validation[^1];
        Assert.All(validation.Skip(validation.Count - 6).Take(5), earlier => Assert.True(last + options.Tol >= earlier, $"The last loss {last} improves on {earlier}."));
    }

    [Fact]
    public void Fit_EarlyStoppingClassifierOnHeldOutRows_StopsBeforeNEstimators()
    {
        var data = Datasets.Blobs(rows: 300, classes: 3, spread: 4.0);
        var options = new GradientBoostingClassifierOptions { NEstimators = 500, LearningRate = 0.5, NIterNoChange = 3, Seed = 1 };
        var metrics = new RecordingMetricSink();

        var model = new GradientBoostingClassifier(options).Fit(data, new FitContext { Metrics = metrics });

        Assert.InRange(model.StageCount, 4, 499);
        Assert.Equal([(long)model.StageCount], metrics.Steps(TrainingCurve.BestStep));
        Assert.Equal(3 * model.StageCount, model.Trees.Count);
    }

    [Fact]
    public void Fit_ValidationSetWithoutEarlyStopping_RecordsCurveAndFitsEveryStage()
    {
        var data = Datasets.Friedman1(rows: 200);
        var validation = Datasets.Friedman1(rows: 50, seed: 2);
        var metrics = new RecordingMetricSink();

        var model = new GradientBoostingRegressor(new GradientBoostingRegressorOptions { NEstimators = 20 }).Fit(data, new FitContext { Validation = validation, Metrics = metrics });

        Assert.Equal(20, model.StageCount);
        Assert.Equal(20, metrics.Values(TrainingCurve.Validation("loss")).Count);
        Assert.Empty(metrics.Steps(TrainingCurve.BestStep));
        Assert.Equal(model.TrainLoss, metrics.Values(TrainingCurve.Train("loss")));
    }

    [Fact]
    public void Fit_Subsample_RecordsOutOfBagImprovementEachStage()
    {
        var data = Datasets.Blobs(rows: 200, classes: 2, spread: 3.0);
        var metrics = new RecordingMetricSink();

        var model = new GradientBoostingClassifier(new GradientBoostingClassifierOptions { NEstimators = 15, Subsample = 0.5, Seed = 4 }).Fit(data, new FitContext { Metrics = metrics });

        Assert.Equal(Enumerable.Range(1, 15).Select(step => (long)step), metrics.Steps("oob_improvement"));
        Assert.Equal(15, model.TrainLoss.Count);
        Assert.True(metrics.Values("oob_improvement")[0] > 0, "The first stage should lower the out-of-bag log loss of well-separated blobs.");
    }

    [Fact]
    public void Fit_CancelledAfterThreeStages_StopsBetweenStages()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAfter(cancellation, stages: 3);
        var context = new FitContext { CancellationToken = cancellation.Token, Progress = progress };

        Assert.ThrowsAny<OperationCanceledException>(() => new GradientBoostingRegressor().Fit(Datasets.Friedman1(rows: 100), context));

        Assert.Equal(3, progress.Reports);
    }

    [Fact]
    public void Fit_IntegerWeights_SameAsRepeatedRows()
    {
        var data = Datasets.Friedman1(rows: 120);
        var counts = Enumerable.Range(0, data.RowCount).Select(row => 1 + (row % 3)).ToArray();
        var weighted = new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", [.. counts.Select(count => (double)count)]));
        var repeated = data.Rows([.. Enumerable.Range(0, data.RowCount).SelectMany(row => Enumerable.Repeat(row, counts[row]))]);
        var options = new GradientBoostingRegressorOptions { NEstimators = 30 };

        var fromWeights = new GradientBoostingRegressor(options).Fit(weighted).Predict(data.Features);
        var fromRepeats = new GradientBoostingRegressor(options).Fit(repeated).Predict(data.Features);

        for (var row = 0; row < data.RowCount; row++)
            Assert.Equal(fromRepeats[row], fromWeights[row], 9);
    }

    [Fact]
    public void Fit_OneThreadOrTwo_MulticlassProbabilitiesBitIdentical()
    {
        var data = Datasets.Blobs(rows: 200, classes: 4, featureCount: 3, spread: 3.0);
        var options = new GradientBoostingClassifierOptions { NEstimators = 10, Subsample = 0.8, MaxFeatures = "2", Seed = 9 };

        var one = new GradientBoostingClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var two = new GradientBoostingClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.PredictProbabilities(data.Features), two.PredictProbabilities(data.Features), "probabilities");
    }

    [Fact]
    public void FeatureImportances_Fitted_SumToOneAndFavourInformativeFeatures()
    {
        var data = Datasets.Friedman1(rows: 300);

        var model = new GradientBoostingRegressor(new GradientBoostingRegressorOptions { NEstimators = 50 }).Fit(data);

        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
        var informative = model.FeatureImportances.Take(5).Min();
        var noise = model.FeatureImportances.Skip(5).Max();
        Assert.True(informative > noise, $"An informative Friedman #1 feature has importance {informative}, below a noise feature's {noise}.");
    }

    [Fact]
    public void Predict_LearningRateZero_GivesThePrior()
    {
        var data = Datasets.Friedman1(rows: 80);
        var targets = ((NumericColumn)data.Target!).Values.ToArray();
        Array.Sort(targets);

        var model = new GradientBoostingRegressor(new GradientBoostingRegressorOptions { Loss = GradientBoostingRegressorOptions.AbsoluteError, LearningRate = 0, NEstimators = 3 }).Fit(data);

        Assert.All(model.Predict(data.Features), prediction => Assert.Equal((targets[39] + targets[40]) / 2, prediction));
    }

    [Fact]
    public void Create_KilnYamlValues_BindScikitLearnNames()
    {
        var values = new LearnerOptions(
        [
            KeyValuePair.Create("loss", HyperparameterValue.Scalar("huber")),
            KeyValuePair.Create("alpha", HyperparameterValue.Scalar("0.8")),
            KeyValuePair.Create("n_iter_no_change", HyperparameterValue.Scalar("4")),
            KeyValuePair.Create("max_depth", HyperparameterValue.Null),
            KeyValuePair.Create("max_leaf_nodes", HyperparameterValue.Scalar("8")),
        ], seed: 5);

        var regressor = (GradientBoostingRegressor)LearnerCatalog.Create("gradient_boosting", LearnerTask.Regression, values);
        var classifier = (GradientBoostingClassifier)LearnerCatalog.Create("gradient_boosting", LearnerTask.Classification, LearnerOptions.Empty);

        Assert.Equal(new GradientBoostingRegressorOptions { Loss = "huber", Alpha = 0.8, NIterNoChange = 4, MaxDepth = null, MaxLeafNodes = 8, Seed = 5 }, regressor.Options);
        Assert.Equal(new GradientBoostingClassifierOptions(), classifier.Options);
    }

    private static GradientBoostingRegressorOptions Regressor(string option, string value)
    {
        var values = new GradientBoostingRegressorOptions();
        return option switch
        {
            "loss" => values with { Loss = value },
            "learning_rate" => values with { LearningRate = double.Parse(value, CultureInfo.InvariantCulture) },
            "n_estimators" => values with { NEstimators = int.Parse(value, CultureInfo.InvariantCulture) },
            "subsample" => values with { Subsample = double.Parse(value, CultureInfo.InvariantCulture) },
            "criterion" => values with { Criterion = value },
            "alpha" => values with { Alpha = double.Parse(value, CultureInfo.InvariantCulture) },
            "validation_fraction" => values with { ValidationFraction = double.Parse(value, CultureInfo.InvariantCulture) },
            "n_iter_no_change" => values with { NIterNoChange = int.Parse(value, CultureInfo.InvariantCulture) },
            "tol" => values with { Tol = double.Parse(value, CultureInfo.InvariantCulture) },
            "max_depth" => values with { MaxDepth = int.Parse(value, CultureInfo.InvariantCulture) },
            "min_samples_leaf" => values with { MinSamplesLeaf = int.Parse(value, CultureInfo.InvariantCulture) },
            "max_features" => values with { MaxFeatures = value },
            _ => throw new ArgumentException($"The test maps no option '{option}'.", nameof(option)),
        };
    }

    private static TrainingSet WithValue(TrainingSet data, int column, int row, double value)
    {
        var columns = data.Features.Columns.ToArray();
        var values = ((NumericColumn)columns[column]).Values.ToArray();
        values[row] = value;
        columns[column] = NumericColumn.FromOwned(columns[column].Name, values);
        return new TrainingSet(new Table(columns), data.Target);
    }

    // Cancels the fit when the given number of stages has been reported, synchronously (Progress<T> would post later).
    private sealed class CancelAfter(CancellationTokenSource cancellation, int stages) : IProgress<FitProgress>
    {
        public int Reports { get; private set; }

        public void Report(FitProgress value)
        {
            Reports++;
            if (value.Completed == stages)
                cancellation.Cancel();
        }
    }
}
