using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

public sealed class LightGbmBehaviourTests
{
    public LightGbmBehaviourTests() => LightGbmModels.Register();

    [Theory]
    [InlineData("num_leaves")]
    [InlineData("learning_rate")]
    [InlineData("feature_fraction")]
    [InlineData("lambda_l2")]
    public void Constructor_OptionOutOfRange_ThrowsNamingOptionAndValue(string option)
    {
        var options = option switch
        {
            "num_leaves" => new LightGbmOptions { NumLeaves = 1 },
            "learning_rate" => new LightGbmOptions { LearningRate = 0 },
            "feature_fraction" => new LightGbmOptions { FeatureFraction = 1.5 },
            _ => new LightGbmOptions { LambdaL2 = -1 },
        };

        var error = Assert.Throws<ArgumentException>(() => new LightGbmClassifier(options));

        Assert.StartsWith(option + " is ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptModelText_ThrowsKilnExceptionWithLightGbmMessage()
    {
        var error = Assert.Throws<KilnException>(() => LightGbmBooster.FromText("this is not a LightGBM model", featureCount: 2, outputsPerRow: 1));

        Assert.StartsWith("LightGBM failed while loading a model from its text: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > "LightGBM failed while loading a model from its text: ".Length + 5, error.Message);
    }

    [Fact]
    public void Fit_ParameterLightGbmRejects_ThrowsKilnExceptionWithItsMessage()
    {
        var data = Datasets.Friedman1(rows: 50, seed: 3);

        // A parameter only LightGBM itself checks: an objective it does not know.
        var error = Assert.Throws<KilnException>(() => LightGbmBooster.Train(
            LightGbmFeatures.FromTraining(data, "LightGBM").Matrix(data),
            Array.ConvertAll(data.NumericTarget(), value => (float)value),
            weights: null,
            validation: null,
            validationLabels: null,
            "objective=no_such_objective num_threads=1 verbosity=-1",
            new LightGbmOptions { NEstimators = 2 },
            "l2",
            FitContext.None));

        Assert.StartsWith("LightGBM failed while", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_objective", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EarlyStopping_StopsAtBestValidationRoundAndRecordsCurve()
    {
        var all = Datasets.Friedman1(rows: 300, seed: 21, noise: 3.0);
        var training = all.Rows(Enumerable.Range(0, 200).ToArray());
        var validation = all.Rows(Enumerable.Range(200, 100).ToArray());
        var sink = new RecordingSink();
        var options = new LightGbmOptions { NEstimators = 400, LearningRate = 0.3, NumLeaves = 31, MinChildSamples = 3, EarlyStoppingRounds = 10 };

        using var model = new LightGbmRegressor(options).Fit(training, new FitContext { Validation = validation, Metrics = sink, MaxDegreeOfParallelism = 1 });

        var curve = sink.Values.Where(entry => entry.Name == "validation_l2").ToList();
        var best = curve.MinBy(entry => entry.Value);
        Assert.True(curve.Count < 400, $"Early stopping never stopped: {curve.Count} rounds.");
        Assert.Equal(curve.Count, best.Step + 10);
        Assert.Equal(best.Step, TreeCount(model.ModelText));
        var trainingCurve = sink.Values.Where(entry => entry.Name == "train_l2").Select(entry => entry.Value).ToList();
        Assert.Equal(curve.Count, trainingCurve.Count);
        Assert.True(trainingCurve[^1] < trainingCurve[0] / 2, $"The training l2 went from {trainingCurve[0]} to {trainingCurve[^1]}.");
        var predictions = model.Predict(validation.Features.Take(validation.RowIndices));
        var targets = validation.NumericTarget();
        var mse = predictions.Zip(targets, (p, t) => (p - t) * (p - t)).Average();
        Assert.Equal(best.Value, mse, 1e-4 * best.Value);
    }

    [Fact]
    public void Fit_EarlyStoppingWithoutValidationSet_HoldsOutValidationFractionAndRecordsBestStep()
    {
        var data = Datasets.Friedman1(rows: 400, seed: 22, noise: 3.0);
        var sink = new RecordingSink();
        var options = new LightGbmOptions { NEstimators = 400, LearningRate = 0.3, MinChildSamples = 3, EarlyStoppingRounds = 10, ValidationFraction = 0.25, Seed = 4 };

        using var model = new LightGbmRegressor(options).Fit(data, new FitContext { Metrics = sink, MaxDegreeOfParallelism = 1 });

        var curve = sink.Values.Where(entry => entry.Name == "validation_l2").ToList();
        var best = curve.MinBy(entry => entry.Value);
        Assert.True(curve.Count < 400, $"Early stopping never stopped: {curve.Count} rounds.");
        Assert.Equal(curve.Count, best.Step + 10);
        Assert.Equal(best.Step, TreeCount(model.ModelText));
        var bestStep = Assert.Single(sink.Values, entry => entry.Name == TrainingCurve.BestStep);
        Assert.Equal((best.Step, (double)best.Step), (bestStep.Step, bestStep.Value));
        // The model was fitted on 300 of the 400 rows: LightGBM's model text counts the rows behind each leaf.
        Assert.Contains("leaf_count=", model.ModelText, StringComparison.Ordinal);
        var firstTree = model.ModelText.Split('\n').First(line => line.StartsWith("leaf_count=", StringComparison.Ordinal));
        Assert.Equal(300, firstTree["leaf_count=".Length..].Split(' ').Sum(int.Parse));
    }

    [Fact]
    public void Fit_NoEarlyStopping_UsesEveryRowAndRecordsNoBestStep()
    {
        var data = Datasets.Friedman1(rows: 120, seed: 23);
        var sink = new RecordingSink();

        using var model = new LightGbmRegressor(new LightGbmOptions { NEstimators = 5, MinChildSamples = 3 }).Fit(data, new FitContext { Metrics = sink });

        var firstTree = model.ModelText.Split('\n').First(line => line.StartsWith("leaf_count=", StringComparison.Ordinal));
        Assert.Equal(120, firstTree["leaf_count=".Length..].Split(' ').Sum(int.Parse));
        Assert.DoesNotContain(sink.Values, entry => entry.Name == TrainingCurve.BestStep);
        Assert.Equal(5, sink.Values.Count(entry => entry.Name == "train_l2"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_ValidationFractionOutOfRange_ThrowsNamingIt(double fraction)
    {
        var error = Assert.Throws<ArgumentException>(() => new LightGbmRegressor(new LightGbmOptions { ValidationFraction = fraction }));

        Assert.StartsWith("validation_fraction is ", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ManyThreadsAtOnce_SameAsOneThread()
    {
        var data = Datasets.Blobs(rows: 200, seed: 12, classes: 3, featureCount: 4, spread: 2.0);
        using var model = new LightGbmClassifier(new LightGbmOptions { NEstimators = 20, NumLeaves = 7, MinChildSamples = 5 }).Fit(data, FitContext.None);
        var features = data.Features;
        var expected = model.PredictProbabilities(features);
        var rows = Enumerable.Range(0, data.RowCount).Select(row => Enumerable.Range(0, 4).Select(j => features.Column(j)[row]).ToArray()).ToArray();

        // Sixteen threads mix batch and single-row calls on the one native booster.
        var results = new double[16][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            var mine = new double[expected.Length];
            for (var repeat = 0; repeat < 5; repeat++)
            {
                if (thread % 2 == 0)
                {
                    model.PredictProbabilities(features, mine);
                    continue;
                }
                for (var row = 0; row < rows.Length; row++)
                    model.PredictRowProbabilities(rows[row], mine.AsSpan(row * 3, 3));
            }
            results[thread] = mine;
        });

        foreach (var result in results)
            Bits.Equal(expected, result, "probabilities from one of many threads");
    }

    [Fact]
    public void Dispose_ThenPredict_ThrowsObjectDisposedInsteadOfReachingFreedMemory()
    {
        var data = Datasets.Friedman1(rows: 60, seed: 24);
        var model = new LightGbmRegressor(new LightGbmOptions { NEstimators = 3, MinChildSamples = 3 }).Fit(data, FitContext.None);
        var row = Enumerable.Range(0, data.Features.ColumnCount).Select(j => data.Features.Column(j)[0]).ToArray();

        model.Dispose();
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.PredictRow(row));
        Assert.Throws<ObjectDisposedException>(() => model.Predict(data.Features));
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsLightGbmTextIdentical()
    {
        var data = Datasets.Blobs(rows: 120, seed: 4, classes: 3);
        using var model = new LightGbmClassifier(new LightGbmOptions { NEstimators = 5 }).Fit(data, FitContext.None);
        var path = Path.Combine(Path.GetTempPath(), $"kiln-lightgbm-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(model, path);
            using var loaded = ModelBundle.Load<LightGbmClassifierModel>(path);

            Assert.Equal(model.ModelText, loaded.ModelText);
            Bits.Equal(model.PredictProbabilities(data.Features), loaded.PredictProbabilities(data.Features), "probabilities after load");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LearnerCatalog_Lightgbm_BindsLightGbmNamesAndFits()
    {
        Assert.True(LearnerCatalog.TryGet(LightGbmModels.LearnerName, out var learner));
        var options = new LearnerOptions(
            [
                new("n_estimators", HyperparameterValue.Scalar("4")),
                new("num_leaves", HyperparameterValue.Scalar("5")),
                new("min_child_samples", HyperparameterValue.Scalar("3")),
            ],
            seed: 9);

        var estimator = Assert.IsType<LightGbmClassifier>(learner.CreateClassifier(options));
        using var model = estimator.Fit(Datasets.Blobs(rows: 60, seed: 2, classes: 2), FitContext.None);

        Assert.Equal(new LightGbmOptions { NEstimators = 4, NumLeaves = 5, MinChildSamples = 3, Seed = 9 }, estimator.Options);
        Assert.Equal(4, TreeCount(model.ModelText));
    }

    [Fact]
    public void Fit_MissingFeatureValues_LightGbmRoutesThemAndPredictsFinite()
    {
        var values = Enumerable.Range(0, 80).Select(i => i % 5 == 0 ? double.NaN : i).ToArray();
        var other = Enumerable.Range(0, 80).Select(i => (double)(i % 7)).ToArray();
        var target = Enumerable.Range(0, 80).Select(i => i % 5 == 0 ? 100.0 : i).ToArray();
        var table = new Kiln.Core.Data.Table([new Kiln.Core.Data.NumericColumn("x", values), new Kiln.Core.Data.NumericColumn("z", other)]);
        var data = new TrainingSet(table, new Kiln.Core.Data.NumericColumn("y", target));

        using var model = new LightGbmRegressor(new LightGbmOptions { NEstimators = 30, MinChildSamples = 2 }).Fit(data, FitContext.None);

        // NaN is LightGBM's missing value: the rows with x missing (target 100) are learnt as their own group.
        Assert.True(model.PredictRow([double.NaN, 3]) > 80, $"Missing x predicted {model.PredictRow([double.NaN, 3])}.");
        Assert.True(model.PredictRow([40, 3]) < 60, $"x = 40 predicted {model.PredictRow([40, 3])}.");
    }

    private static int TreeCount(string modelText) =>
        modelText.Split('\n').Count(line => line.StartsWith("Tree=", StringComparison.Ordinal));

    private sealed class RecordingSink : IMetricSink
    {
        public List<(string Name, long Step, double Value)> Values { get; } = [];

        public void Record(string name, long step, double value) => Values.Add((name, step, value));
    }
}
