using System.Globalization;
using System.Text.Json;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

// Kiln's LightGBM against scikit-learn 1.2.1's HistGradientBoosting* (the same algorithm, written independently) on the
// same folds, with comparable settings: 100 rounds, learning rate 0.1, 31 leaves, at least 20 rows per leaf, no penalty,
// no early stopping (tests/reference/hist_gradient_boosting.py writes hist_gradient_boosting.json). Kiln's LightGBM runs
// with its defaults, which are those settings. The issue's bar is a 5-fold score within 0.01 of scikit-learn's.
public sealed class LightGbmHistGradientBoostingReferenceTests
{
    private const double Tolerance = 0.01;

    private static readonly Lazy<JsonElement> Root = new(() => ReferenceData.Load("hist_gradient_boosting.json"));

    public static TheoryData<string> Datasets => ["breast_cancer", "iris", "wine", "diabetes"];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void CrossValidate_ReferenceFolds_WithinHundredthOfScikitLearn(string dataset)
    {
        var item = Root.Value.GetProperty("cases").EnumerateArray().Single(entry => entry.GetProperty("dataset").GetString() == dataset);
        var classification = item.GetProperty("task").GetString() == "classification";
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var folds = File.ReadAllLines(TestData.Path("reference", "folds", dataset + ".csv")).Skip(1).Where(line => line.Length > 0)
            .Select(line => int.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        var options = new LightGbmOptions();
        var context = new FitContext { MaxDegreeOfParallelism = 1 };

        var scores = new double[5];
        for (var fold = 0; fold < 5; fold++)
        {
            var train = Enumerable.Range(0, data.RowCount).Where(row => folds[row] != fold).ToArray();
            var test = Enumerable.Range(0, data.RowCount).Where(row => folds[row] == fold).ToArray();
            var features = data.Features.Take(test);
            var truth = data.Rows(test);
            if (classification)
            {
                using var model = new LightGbmClassifier(options).Fit(data.Rows(train), context);
                var predicted = model.Predict(features);
                var classes = truth.ClassLabels();
                scores[fold] = Enumerable.Range(0, test.Length).Average(i => model.Classes[(int)predicted[i]] == classes.Classes[classes.Codes[i]] ? 1.0 : 0.0);
            }
            else
            {
                using var model = new LightGbmRegressor(options).Fit(data.Rows(train), context);
                scores[fold] = RegressionMetrics.R2(truth.NumericTarget(), model.Predict(features));
            }
        }

        var expected = item.GetProperty("cv").GetDouble();
        var score = scores.Average();
        Assert.True(Math.Abs(score - expected) <= Tolerance,
            $"{dataset}: Kiln's LightGBM 5-fold {(classification ? "accuracy" : "R²")} is {score:F4} (folds {string.Join(", ", scores.Select(value => value.ToString("F4", CultureInfo.InvariantCulture)))}); scikit-learn's HistGradientBoosting gives {expected:F4}.");
    }
}
