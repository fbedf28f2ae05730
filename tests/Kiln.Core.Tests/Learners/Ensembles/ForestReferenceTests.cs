using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

// Compares Kiln's random forests and extra trees with scikit-learn 1.2.1's on the same folds (tests/reference/forests.py writes forests.json).
// The random draws differ, so scores are compared with a tolerance a little wider than scikit-learn's own spread over seeds.
public sealed class ForestReferenceTests
{
    private const double AccuracyTolerance = 0.02;
    private const double RSquaredTolerance = 0.03;
    private const double OutOfBagTolerance = 0.03;

    private static readonly Lazy<JsonElement> Root = new(() => ReferenceData.Load("forests.json"));

    public static TheoryData<string, string> Cases => new()
    {
        { "random_forest", "iris" },
        { "random_forest", "breast_cancer" },
        { "random_forest", "diabetes" },
        { "extra_trees", "iris" },
        { "extra_trees", "breast_cancer" },
        { "extra_trees", "diabetes" },
    };

    public static TheoryData<string> OutOfBagDatasets => ["iris", "breast_cancer", "diabetes"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void CrossValidate_ReferenceFolds_ScoreCloseToScikitLearn(string learner, string dataset)
    {
        var item = Case(learner, dataset);
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var folds = Folds(dataset);
        var classification = item.GetProperty("task").GetString() == "classification";
        var trees = item.GetProperty("trees").GetInt32();

        var total = 0.0;
        for (var fold = 0; fold < 5; fold++)
        {
            var train = Enumerable.Range(0, data.RowCount).Where(row => folds[row] != fold).ToArray();
            var test = Enumerable.Range(0, data.RowCount).Where(row => folds[row] == fold).ToArray();
            var model = Fit(learner, classification, trees, data.Rows(train), oobScore: false);
            total += Score(classification, model, data, test);
        }
        var score = total / 5;

        var expected = item.GetProperty("cv");
        var tolerance = classification ? AccuracyTolerance : RSquaredTolerance;
        Assert.True(Math.Abs(score - expected.GetProperty("mean").GetDouble()) <= tolerance,
            $"{learner} on {dataset}: Kiln's 5-fold score is {score:F4}; scikit-learn's is {expected.GetProperty("mean").GetDouble():F4} on average over its seeds (from {expected.GetProperty("min").GetDouble():F4} to {expected.GetProperty("max").GetDouble():F4}).");
    }

    [Theory]
    [MemberData(nameof(OutOfBagDatasets))]
    public void OobScore_AllRows_CloseToScikitLearn(string dataset)
    {
        var item = Case("random_forest", dataset);
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var classification = item.GetProperty("task").GetString() == "classification";

        var model = Fit("random_forest", classification, item.GetProperty("trees").GetInt32(), data, oobScore: true);
        var oob = classification ? ((RandomForestClassifierModel)model).OobScore : ((RandomForestRegressorModel)model).OobScore;

        var expected = item.GetProperty("oob");
        Assert.NotNull(oob);
        Assert.True(Math.Abs(oob.Value - expected.GetProperty("mean").GetDouble()) <= OutOfBagTolerance,
            $"{dataset}: Kiln's out-of-bag score is {oob:F4}; scikit-learn's is {expected.GetProperty("mean").GetDouble():F4} on average over its seeds (from {expected.GetProperty("min").GetDouble():F4} to {expected.GetProperty("max").GetDouble():F4}).");
    }

    private static JsonElement Case(string learner, string dataset) =>
        Root.Value.GetProperty("cases").EnumerateArray().Single(item => item.GetProperty("learner").GetString() == learner && item.GetProperty("dataset").GetString() == dataset);

    private static int[] Folds(string dataset) =>
        [.. File.ReadAllLines(TestData.Path("reference", "folds", dataset + ".csv")).Skip(1).Where(line => line.Length > 0).Select(line => int.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))];

    private static IPredictor Fit(string learner, bool classification, int trees, TrainingSet data, bool oobScore) => (learner, classification) switch
    {
        ("random_forest", true) => new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = trees, OobScore = oobScore }).Fit(data),
        ("random_forest", false) => new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = trees, OobScore = oobScore }).Fit(data),
        ("extra_trees", true) => new ExtraTreesClassifier(new ExtraTreesClassifierOptions { NEstimators = trees }).Fit(data),
        _ => new ExtraTreesRegressor(new ExtraTreesRegressorOptions { NEstimators = trees }).Fit(data),
    };

    private static double Score(bool classification, IPredictor model, TrainingSet data, int[] test)
    {
        var predicted = model.Predict(data.Features.Take(test));
        if (classification)
        {
            var classes = ((IClassifierModel)model).Classes;
            var actual = data.Target!.Take(test);
            return Enumerable.Range(0, test.Length).Count(i => classes[(int)predicted[i]] == actual.FormatValue(i)) / (double)test.Length;
        }
        var values = ((NumericColumn)data.Target!.Take(test)).Values.ToArray();
        var mean = values.Average();
        var residual = values.Select((value, i) => (value - predicted[i]) * (value - predicted[i])).Sum();
        var spread = values.Select(value => (value - mean) * (value - mean)).Sum();
        return 1 - (residual / spread);
    }
}
