using System.Collections.Concurrent;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

// The forests' training curves (step k = the forest of the first k trees). References: the out-of-bag score computed
// here from the fitted trees and the bootstrap draws the documented per-tree seeds give; the validation score of a
// forest of k trees with the same seed, whose trees are the first k of the larger forest (tree i draws only from
// Seeds.Derive(seed, i)).
public sealed class ForestCurveTests
{
    private const int Trees = 12;

    [Fact]
    public void Fit_ClassifierOobScoreWithSink_EachPointIsTheOobAccuracyOfTheFirstKTrees()
    {
        var data = Datasets.Blobs(rows: 150, classes: 3, featureCount: 4, spread: 3.0);
        var options = new RandomForestClassifierOptions { NEstimators = Trees, Seed = 21, OobScore = true };
        var sink = new RecordingSink();

        var model = new RandomForestClassifier(options).Fit(data, new FitContext { Metrics = sink });

        var curve = sink.Curve("oob_score");
        Assert.Equal(Enumerable.Range(1, Trees).Select(k => (long)k), curve.Select(point => point.Step));
        var codes = data.ClassLabels().Codes.ToArray();
        var draws = BootstrapCounts(options.Seed, data.RowCount);
        for (var k = 1; k <= Trees; k++)
        {
            var correct = 0;
            var scored = 0;
            for (var row = 0; row < data.RowCount; row++)
            {
                var features = Row(data, row);
                var mean = new double[3];
                var votes = 0;
                for (var tree = 0; tree < k; tree++)
                {
                    if (draws[tree][row] > 0)
                        continue;
                    var value = model.Trees[tree].Value(model.Trees[tree].FindLeaf(features));
                    for (var c = 0; c < 3; c++)
                        mean[c] += value[c];
                    votes++;
                }
                if (votes == 0)
                    continue;
                scored++;
                for (var c = 0; c < 3; c++)
                    mean[c] /= votes;
                if (Array.IndexOf(mean, mean.Max()) == codes[row])
                    correct++;
            }
            Assert.Equal(correct / (double)scored, curve[k - 1].Value, 12);
        }
        Assert.Equal(model.OobScore!.Value, curve[^1].Value);
    }

    [Fact]
    public void Fit_RegressorOobScoreWithSink_EachPointIsTheOobRSquaredOfTheFirstKTrees()
    {
        var data = Datasets.Friedman1(rows: 150, seed: 4);
        var options = new RandomForestRegressorOptions { NEstimators = Trees, Seed = 8, OobScore = true, MaxFeatures = "sqrt" };
        var sink = new RecordingSink();

        var model = new RandomForestRegressor(options).Fit(data, new FitContext { Metrics = sink });

        var curve = sink.Curve("oob_score");
        Assert.Equal(Trees, curve.Length);
        var targets = data.NumericTarget();
        var draws = BootstrapCounts(options.Seed, data.RowCount);
        for (var k = 1; k <= Trees; k++)
        {
            var actual = new List<double>();
            var predicted = new List<double>();
            for (var row = 0; row < data.RowCount; row++)
            {
                var features = Row(data, row);
                var outOfBag = Enumerable.Range(0, k).Where(tree => draws[tree][row] == 0).ToArray();
                if (outOfBag.Length == 0)
                    continue;
                actual.Add(targets[row]);
                predicted.Add(outOfBag.Sum(tree => model.Trees[tree].Value(model.Trees[tree].FindLeaf(features))[0]) / outOfBag.Length);
            }
            Assert.Equal(RSquared(actual, predicted), curve[k - 1].Value, 10);
        }
        Assert.Equal(model.OobScore!.Value, curve[^1].Value);
    }

    [Fact]
    public void Fit_ClassifierWithValidationSet_EachPointIsTheValidationAccuracyOfAForestOfKTrees()
    {
        var data = Datasets.Blobs(rows: 240, classes: 3, featureCount: 3, spread: 4.0, seed: 6);
        var train = data.Rows([.. Enumerable.Range(0, 160)]);
        var validation = data.Rows([.. Enumerable.Range(160, 80)]);
        var options = new ExtraTreesClassifierOptions { NEstimators = Trees, Seed = 3 };
        var sink = new RecordingSink();

        _ = new ExtraTreesClassifier(options).Fit(train, new FitContext { Metrics = sink, Validation = validation });

        var curve = sink.Curve("validation_accuracy");
        Assert.Equal(Trees, curve.Length);
        var truth = validation.Target!.Take(validation.RowIndices);
        var accuracies = new List<double>();
        for (var k = 1; k <= Trees; k++)
        {
            var forest = new ExtraTreesClassifier(options with { NEstimators = k }).Fit(train);
            var predicted = forest.Predict(validation.Features.Take(validation.RowIndices));
            var accuracy = Enumerable.Range(0, predicted.Length).Count(i => forest.Classes[(int)predicted[i]] == truth.FormatValue(i)) / (double)predicted.Length;
            Assert.Equal(accuracy, curve[k - 1].Value);
            accuracies.Add(accuracy);
        }
        // The data are noisy enough that the curve is not flat, so the comparison above can tell the steps apart.
        Assert.True(accuracies.Distinct().Count() > 1, $"The validation accuracy is {accuracies[0]} for every forest size.");
        Assert.Equal(["validation_accuracy"], sink.Names());
    }

    [Fact]
    public void Fit_RegressorWithValidationSet_EachPointIsTheValidationRSquaredOfAForestOfKTrees()
    {
        var data = Datasets.Friedman1(rows: 240, seed: 9);
        var train = data.Rows([.. Enumerable.Range(0, 180)]);
        var validation = data.Rows([.. Enumerable.Range(180, 60)]);
        var options = new RandomForestRegressorOptions { NEstimators = Trees, Seed = 12, OobScore = true };
        var sink = new RecordingSink();

        _ = new RandomForestRegressor(options).Fit(train, new FitContext { Metrics = sink, Validation = validation });

        var curve = sink.Curve("validation_r2");
        Assert.Equal(Trees, curve.Length);
        Assert.Equal(Trees, sink.Curve("oob_score").Length);
        var truth = validation.NumericTarget();
        for (var k = 1; k <= Trees; k++)
        {
            var forest = new RandomForestRegressor(options with { NEstimators = k }).Fit(train);
            var predicted = forest.Predict(validation.Features.Take(validation.RowIndices));
            Assert.Equal(RSquared(truth, predicted), curve[k - 1].Value, 10);
        }
    }

    [Fact]
    public void Fit_ValidationClassUnknownToTheForest_CountsAsWrong()
    {
        var data = Datasets.Blobs(rows: 120, classes: 3, featureCount: 2, spread: 0.5, seed: 2);
        var codes = data.ClassLabels().Codes.ToArray();
        // Train on two classes only; the third class's validation rows can never be predicted.
        var train = data.Rows([.. Enumerable.Range(0, 120).Where(row => codes[row] != 2)]);
        var validation = data.Rows([.. Enumerable.Range(0, 120)]);
        var sink = new RecordingSink();

        _ = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 4, Seed = 1 }).Fit(train, new FitContext { Metrics = sink, Validation = validation });

        var unknownShare = codes.Count(code => code == 2) / 120.0;
        Assert.All(sink.Curve("validation_accuracy"), point => Assert.InRange(point.Value, 0, 1 - unknownShare));
    }

    [Fact]
    public void Fit_WithSinkOnOneThreadOrTwo_SameCurvesAndTheSameModelAsWithout()
    {
        var data = Datasets.Friedman1(rows: 200, seed: 2);
        var validation = Datasets.Friedman1(rows: 50, seed: 3);
        var options = new ExtraTreesRegressorOptions { NEstimators = Trees, Seed = 5, Bootstrap = true, OobScore = true };
        var one = new RecordingSink();
        var two = new RecordingSink();

        var withOne = new ExtraTreesRegressor(options).Fit(data, new FitContext { Metrics = one, Validation = validation, MaxDegreeOfParallelism = 1 });
        var withTwo = new ExtraTreesRegressor(options).Fit(data, new FitContext { Metrics = two, Validation = validation, MaxDegreeOfParallelism = 2 });
        var without = new ExtraTreesRegressor(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Assert.Equal(one.Values, two.Values);
        Assert.Equal(2 * Trees, one.Values.Length);
        Bits.Equal(without.Predict(data.Features), withTwo.Predict(data.Features), "predictions");
        Assert.Equal(without.OobScore, withOne.OobScore);
    }

    [Fact]
    public void Fit_SinkWithoutOobScoreOrValidation_RecordsNothing()
    {
        var sink = new RecordingSink();

        _ = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 3 }).Fit(Datasets.Blobs(rows: 60), new FitContext { Metrics = sink });

        Assert.Empty(sink.Values);
    }

    // How often tree i draws each row: n draws of a uniform row index from KilnRandom(Seeds.Derive(seed, i)), the
    // first thing each tree draws (ForestTrainer's documented order).
    private static int[][] BootstrapCounts(ulong seed, int rowCount) =>
    [
        .. Enumerable.Range(0, Trees).Select(tree =>
        {
            var random = new KilnRandom(Seeds.Derive(seed, tree));
            var counts = new int[rowCount];
            for (var draw = 0; draw < rowCount; draw++)
                counts[random.NextInt32(rowCount)]++;
            return counts;
        }),
    ];

    private static double[] Row(TrainingSet data, int row) =>
        [.. Enumerable.Range(0, data.Features.Schema.Count).Select(j => ((NumericColumn)data.Features[j]).Values[data.SourceRow(row)])];

    private static double RSquared(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var mean = actual.Average();
        var residual = actual.Select((value, i) => (value - predicted[i]) * (value - predicted[i])).Sum();
        var total = actual.Sum(value => (value - mean) * (value - mean));
        return 1 - (residual / total);
    }

    private sealed class RecordingSink : IMetricSink
    {
        private readonly ConcurrentQueue<(string Name, long Step, double Value)> _values = new();

        public (string Name, long Step, double Value)[] Values => [.. _values];

        public void Record(string name, long step, double value) => _values.Enqueue((name, step, value));

        public (long Step, double Value)[] Curve(string name) => [.. _values.Where(item => item.Name == name).Select(item => (item.Step, item.Value))];

        public string[] Names() => [.. _values.Select(item => item.Name).Distinct()];
    }
}
