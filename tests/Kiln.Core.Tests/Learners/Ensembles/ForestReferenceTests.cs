using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

// Compares Kiln's random forests and extra trees with scikit-learn 1.2.1's on the same folds (tests/reference/forests.py writes forests.json).
// The random draws differ, so one seed's score says little: a single extra-trees forest's 5-fold R² on diabetes ranges
// over ±0.01 with the seed on either side (Kiln's seed 0 gave 0.4551, scikit-learn's seeds 0..9 from 0.4370 to 0.4482).
// Both sides are therefore averaged over the same number of seeds (Kiln's Seed 0..n-1, scikit-learn's random_state
// 0..n-1) and the means compared with the issue's bar for cross-validated scores, 0.01. Out-of-bag scores vary more
// with the seed (random forest on diabetes: std 0.008 to 0.010 over 40 seeds on either side, means 0.4190 and 0.4156),
// so ten seeds' means are compared within 0.02.
public sealed class ForestReferenceTests
{
    private const double CrossValidationTolerance = 0.01;
    private const double OutOfBagTolerance = 0.02;

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
        var folds = ReferenceFolds.Load(dataset);
        var classification = item.GetProperty("task").GetString() == "classification";
        var trees = item.GetProperty("trees").GetInt32();
        var seeds = Seeds();

        var scores = new double[seeds];
        for (var seed = 0; seed < seeds; seed++)
        {
            var total = 0.0;
            for (var fold = 0; fold < 5; fold++)
            {
                var (train, test) = ReferenceFolds.Split(folds, fold);
                var model = Fit(learner, classification, trees, (ulong)seed, data.Rows(train), oobScore: false);
                total += ReferenceFolds.Score(model, data, test);
            }
            scores[seed] = total / 5;
        }

        var expected = item.GetProperty("cv");
        Assert.True(Math.Abs(scores.Average() - expected.GetProperty("mean").GetDouble()) <= CrossValidationTolerance, Message(learner, dataset, "5-fold score", scores, expected));
    }

    [Theory]
    [MemberData(nameof(OutOfBagDatasets))]
    public void OobScore_AllRows_CloseToScikitLearn(string dataset)
    {
        var item = Case("random_forest", dataset);
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var classification = item.GetProperty("task").GetString() == "classification";

        var scores = new double[Seeds()];
        for (var seed = 0; seed < scores.Length; seed++)
        {
            var model = Fit("random_forest", classification, item.GetProperty("trees").GetInt32(), (ulong)seed, data, oobScore: true);
            var oob = classification ? ((RandomForestClassifierModel)model).OobScore : ((RandomForestRegressorModel)model).OobScore;
            Assert.NotNull(oob);
            scores[seed] = oob.Value;
        }

        var expected = item.GetProperty("oob");
        Assert.True(Math.Abs(scores.Average() - expected.GetProperty("mean").GetDouble()) <= OutOfBagTolerance, Message("random_forest", dataset, "out-of-bag score", scores, expected));
    }

    private static int Seeds() => Root.Value.GetProperty("seeds").GetInt32();

    private static string Message(string learner, string dataset, string what, double[] scores, JsonElement expected) =>
        $"{learner} on {dataset}: Kiln's {what} is {scores.Average():F4} on average over seeds 0..{scores.Length - 1} (from {scores.Min():F4} to {scores.Max():F4}); " +
        $"scikit-learn's is {expected.GetProperty("mean").GetDouble():F4} on average over the same number of seeds (from {expected.GetProperty("min").GetDouble():F4} to {expected.GetProperty("max").GetDouble():F4}).";

    private static JsonElement Case(string learner, string dataset) =>
        Root.Value.GetProperty("cases").EnumerateArray().Single(item => item.GetProperty("learner").GetString() == learner && item.GetProperty("dataset").GetString() == dataset);

    private static IPredictor Fit(string learner, bool classification, int trees, ulong seed, TrainingSet data, bool oobScore) => (learner, classification) switch
    {
        ("random_forest", true) => new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = trees, OobScore = oobScore, Seed = seed }).Fit(data),
        ("random_forest", false) => new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = trees, OobScore = oobScore, Seed = seed }).Fit(data),
        ("extra_trees", true) => new ExtraTreesClassifier(new ExtraTreesClassifierOptions { NEstimators = trees, Seed = seed }).Fit(data),
        _ => new ExtraTreesRegressor(new ExtraTreesRegressorOptions { NEstimators = trees, Seed = seed }).Fit(data),
    };
}
