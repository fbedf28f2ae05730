using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

// Compares Kiln's AdaBoost and bagging with scikit-learn 1.2.1's (tests/reference/adaboost_bagging.py writes adaboost_bagging.json).
// AdaBoost's classifier on stumps is deterministic, so its probabilities are compared row by row; the learners with random
// draws are compared by their 5-fold scores on the same folds, averaged over the same number of seeds on both sides.
public sealed class AdaBoostBaggingReferenceTests
{
    private const double ProbabilityTolerance = 1e-9;
    private const double ScoreTolerance = 0.01;

    private static readonly Lazy<JsonElement> Root = new(() => ReferenceData.Load("adaboost_bagging.json"));

    public static TheoryData<string, string, bool> ExactCases => new()
    {
        { "SAMME.R", "iris", false },
        { "SAMME.R", "breast_cancer", false },
        { "SAMME", "iris", false },
        { "SAMME", "breast_cancer", false },
        { "SAMME.R", "breast_cancer", true },
        { "SAMME", "breast_cancer", true },
    };

    // The number of Kiln seeds per case (scikit-learn's are in the JSON): one for the deterministic classifiers, more where
    // one seed's score varies; the seed-to-seed spread of scikit-learn's scores is in the JSON and the failure message.
    public static TheoryData<string, string, int> ScoreCases => new()
    {
        { "adaboost_samme_r", "iris", 1 },
        { "adaboost_samme_r", "breast_cancer", 1 },
        { "adaboost_samme", "iris", 2 },
        { "adaboost_samme", "breast_cancer", 1 },
        { "adaboost_r2_linear", "diabetes", 10 },
        { "adaboost_r2_square", "diabetes", 10 },
        { "adaboost_r2_exponential", "diabetes", 20 },
        { "bagging_tree", "iris", 10 },
        { "bagging_tree", "breast_cancer", 4 },
        { "bagging_tree", "diabetes", 20 },
        { "bagging_half", "breast_cancer", 4 },
        { "bagging_half", "diabetes", 30 },
    };

    public static TheoryData<string, int> OutOfBagCases => new()
    {
        { "iris", 10 },
        { "breast_cancer", 2 },
        { "diabetes", 8 },
    };

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void Fit_StumpsAllRows_ProbabilitiesMatchScikitLearn(string algorithm, string dataset, bool weighted)
    {
        var item = Root.Value.GetProperty("exact").EnumerateArray().Single(entry =>
            entry.GetProperty("algorithm").GetString() == algorithm && entry.GetProperty("dataset").GetString() == dataset && entry.GetProperty("weighted").GetBoolean() == weighted);
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        if (weighted)
        {
            // The script's sample weights: 1, 2, 3, 1, 2, 3, ... (row number mod 3, plus 1).
            var weights = NumericColumn.FromOwned("weight", [.. Enumerable.Range(0, data.RowCount).Select(row => (row % 3) + 1.0)]);
            data = new TrainingSet(data.Features, data.Target, weights);
        }

        var model = new AdaBoostClassifier(new AdaBoostClassifierOptions { Algorithm = algorithm }).Fit(data);
        var probabilities = model.PredictProbabilities(data.Features);

        Assert.Equal(item.GetProperty("classes").EnumerateArray().Select(name => name.GetString()), model.Classes);
        Assert.Equal(item.GetProperty("estimators").GetInt32(), model.Trees.Count);
        var differences = new[]
        {
            LargestDifference(Doubles(item.GetProperty("estimator_weights")), [.. model.EstimatorWeights], "estimator weights"),
            LargestDifference(Doubles(item.GetProperty("estimator_errors")), [.. model.EstimatorErrors], "estimator errors"),
            LargestDifference([.. item.GetProperty("probabilities").EnumerateArray().SelectMany(Doubles)], probabilities, "probabilities"),
        };
        Assert.True(differences.All(difference => difference.Value <= ProbabilityTolerance),
            $"{algorithm} on {dataset} (sample weights: {weighted}), largest differences from scikit-learn: {string.Join("; ", differences.Select(difference => difference.Text))}.");
    }

    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void CrossValidate_ReferenceFolds_MeanScoreWithinOneHundredthOfScikitLearn(string name, string dataset, int seeds)
    {
        var item = Case(name, dataset);
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var folds = ReferenceFolds.Load(dataset);
        var task = item.GetProperty("task").GetString() == "classification" ? LearnerTask.Classification : LearnerTask.Regression;
        var learner = item.GetProperty("learner").GetString()!;
        var options = Options(item.GetProperty("options"));

        var total = 0.0;
        for (var seed = 0; seed < seeds; seed++)
        {
            for (var fold = 0; fold < 5; fold++)
            {
                var (train, test) = ReferenceFolds.Split(folds, fold);
                var estimator = LearnerCatalog.Create(learner, task, new LearnerOptions(options, seed: (ulong)seed));
                total += ReferenceFolds.Score(estimator.Fit(data.Rows(train)), data, test);
            }
        }
        var score = total / (5.0 * seeds);

        var expected = item.GetProperty("cv");
        Assert.True(Math.Abs(score - expected.GetProperty("mean").GetDouble()) <= ScoreTolerance,
            $"{name} on {dataset}: Kiln's 5-fold score averaged over {seeds} seeds is {score:F4}; scikit-learn's is {expected.GetProperty("mean").GetDouble():F4} over {item.GetProperty("seeds").GetInt32()} seeds " +
            $"(from {expected.GetProperty("min").GetDouble():F4} to {expected.GetProperty("max").GetDouble():F4} over its seeds).");
    }

    [Theory]
    [MemberData(nameof(OutOfBagCases))]
    public void OobScore_AllRows_MeanWithinOneHundredthOfScikitLearn(string dataset, int seeds)
    {
        var item = Case("bagging_tree", dataset);
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var task = item.GetProperty("task").GetString() == "classification" ? LearnerTask.Classification : LearnerTask.Regression;
        var options = new BaggingOptions { NEstimators = item.GetProperty("oob_estimators").GetInt32(), OobScore = true };

        var total = 0.0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var seeded = options with { Seed = (ulong)seed };
            total += task == LearnerTask.Classification
                ? new BaggingClassifier(seeded).Fit(data).OobScore!.Value
                : new BaggingRegressor(seeded).Fit(data).OobScore!.Value;
        }
        var score = total / seeds;

        var expected = item.GetProperty("oob");
        Assert.True(Math.Abs(score - expected.GetProperty("mean").GetDouble()) <= ScoreTolerance,
            $"{dataset}: Kiln's out-of-bag score averaged over {seeds} seeds is {score:F4}; scikit-learn's is {expected.GetProperty("mean").GetDouble():F4} over {item.GetProperty("oob_seeds").GetInt32()} seeds " +
            $"(from {expected.GetProperty("min").GetDouble():F4} to {expected.GetProperty("max").GetDouble():F4}).");
    }

    private static JsonElement Case(string name, string dataset) =>
        Root.Value.GetProperty("cases").EnumerateArray().Single(item => item.GetProperty("name").GetString() == name && item.GetProperty("dataset").GetString() == dataset);

    private static Dictionary<string, HyperparameterValue> Options(JsonElement options) =>
        options.EnumerateObject().ToDictionary(
            property => property.Name,
            property => HyperparameterValue.Scalar(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetDouble())];

    private static (double Value, string Text) LargestDifference(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0;
        for (var i = 1; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > Math.Abs(expected[worst] - actual[worst]))
                worst = i;
        }
        var difference = Math.Abs(expected[worst] - actual[worst]);
        return (difference, $"{what} {difference:G3} at position {worst} (scikit-learn {expected[worst]:R}, Kiln {actual[worst]:R})");
    }
}
