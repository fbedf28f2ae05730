using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Neural;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

// Compares Kiln's MLP with scikit-learn 1.2.1's (tests/reference/mlp.py writes mlp.json): from scikit-learn's own initial
// weights and without shuffling, a few epochs must give its weights and losses up to rounding; with random starts, the
// 5-fold scores on the reference folds (features standardised on each training fold) must be within 0.01 of its mean.
public sealed class MlpReferenceTests
{
    private const double WeightTolerance = 1e-10;
    private const double ScoreTolerance = 0.01;

    // Kiln's cross-validated score is the mean over these seeds (scikit-learn's over the 5 seeds of mlp.json).
    private static readonly ulong[] KilnSeeds = [0, 1, 2];

    private static readonly Lazy<JsonElement> Root = new(() => ReferenceData.Load("mlp.json"));

    public static TheoryData<string> ExactCases => [.. Root.Value.GetProperty("exact").EnumerateArray().Select(item => item.GetProperty("name").GetString()!)];

    public static TheoryData<string> CrossValidationCases => ["iris", "breast_cancer", "diabetes"];

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void Fit_ScikitLearnInitialWeightsWithoutShuffle_MatchesScikitLearnWeights(string name)
    {
        var item = Root.Value.GetProperty("exact").EnumerateArray().Single(element => element.GetProperty("name").GetString() == name);
        var data = TestData.TrainingSet(item.GetProperty("dataset").GetString() + ".csv", "target");
        var scaled = new TrainingSet(StandardScaler(data).Transform(data.Features), data.Target);
        var options = Options(item.GetProperty("settings")) with { Shuffle = false, Tol = 0, NIterNoChange = 1000 };
        var initial = Flatten(item.GetProperty("initial"));
        var expected = Flatten(item.GetProperty("final"));
        var expectedLosses = item.GetProperty("loss_curve").EnumerateArray().Select(value => value.GetDouble()).ToArray();

        double[] actual;
        IReadOnlyList<double> losses;
        if (item.GetProperty("task").GetString() == "classification")
        {
            var model = new MlpClassifier(options) { InitialParameters = initial }.Fit(scaled);
            Assert.Equal(item.GetProperty("classes").EnumerateArray().Select(value => value.GetString()), model.Classes);
            actual = Parameters(model.LayerSizes, model.Weights, model.Biases);
            losses = model.LossCurve;
        }
        else
        {
            var model = new MlpRegressor(options) { InitialParameters = initial }.Fit(scaled);
            actual = Parameters(model.LayerSizes, model.Weights, model.Biases);
            losses = model.LossCurve;
        }

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= WeightTolerance * Math.Max(1, Math.Abs(expected[i])), $"{name}: parameter {i} is {actual[i]:R}; scikit-learn's is {expected[i]:R}.");
        Assert.Equal(expectedLosses.Length, losses.Count);
        for (var epoch = 0; epoch < losses.Count; epoch++)
            Assert.True(Math.Abs(expectedLosses[epoch] - losses[epoch]) <= WeightTolerance * Math.Max(1, expectedLosses[epoch]), $"{name}: the loss of epoch {epoch + 1} is {losses[epoch]:R}; scikit-learn's is {expectedLosses[epoch]:R}.");
    }

    [Theory]
    [MemberData(nameof(CrossValidationCases))]
    public void CrossValidate_ReferenceFolds_ScoreWithinHundredthOfScikitLearn(string dataset)
    {
        var item = Root.Value.GetProperty("cv").EnumerateArray().Single(element => element.GetProperty("dataset").GetString() == dataset);
        var classification = item.GetProperty("task").GetString() == "classification";
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var folds = ReferenceFolds.Load(dataset);
        var options = Options(item.GetProperty("settings"));

        var total = 0.0;
        foreach (var seed in KilnSeeds)
        {
            for (var fold = 0; fold < 5; fold++)
            {
                var (train, test) = ReferenceFolds.Split(folds, fold);
                var scaler = StandardScaler(data.Rows(train));
                var scaled = new TrainingSet(scaler.Transform(data.Features), data.Target);
                IPredictor model = classification
                    ? new MlpClassifier(options with { Seed = seed }).Fit(scaled.Rows(train))
                    : new MlpRegressor(options with { Seed = seed }).Fit(scaled.Rows(train));
                total += ReferenceFolds.Score(model, scaled, test);
            }
        }
        var score = total / (5 * KilnSeeds.Length);

        var expected = item.GetProperty("mean").GetDouble();
        Assert.True(Math.Abs(score - expected) <= ScoreTolerance,
            $"{dataset}: Kiln's 5-fold score is {score:F4} (mean over seeds {string.Join(", ", KilnSeeds)}); scikit-learn's is {expected:F4} on average over its seeds (from {item.GetProperty("min").GetDouble():F4} to {item.GetProperty("max").GetDouble():F4}).");
    }

    private static StandardScalerModel StandardScaler(TrainingSet data) => new StandardScaler().Fit(new TrainingSet(data.Features.Take(data.RowIndices)));

    private static MlpOptions Options(JsonElement settings)
    {
        var options = new MlpOptions();
        foreach (var property in settings.EnumerateObject())
        {
            var value = property.Value;
            options = property.Name switch
            {
                "hidden_layer_sizes" => options with { HiddenLayerSizes = string.Join(",", value.EnumerateArray().Select(size => size.GetInt32())) },
                "activation" => options with { Activation = value.GetString()! },
                "solver" => options with { Solver = value.GetString()! },
                "learning_rate" => options with { LearningRate = value.GetString()! },
                "learning_rate_init" => options with { LearningRateInit = value.GetDouble() },
                "power_t" => options with { PowerT = value.GetDouble() },
                "batch_size" => options with { BatchSize = value.GetInt32() },
                "max_iter" => options with { MaxIter = value.GetInt32() },
                "alpha" => options with { Alpha = value.GetDouble() },
                "momentum" => options with { Momentum = value.GetDouble() },
                "nesterovs_momentum" => options with { NesterovsMomentum = value.GetBoolean() },
                "early_stopping" => options with { EarlyStopping = value.GetBoolean() },
                _ => throw new InvalidOperationException($"mlp.json has setting '{property.Name}', which this test does not map."),
            };
        }
        return options;
    }

    private static double[] Flatten(JsonElement arrays) => [.. arrays.EnumerateArray().SelectMany(array => array.EnumerateArray().Select(value => value.GetDouble()))];

    private delegate ReadOnlySpan<double> LayerValues(int layer);

    private static double[] Parameters(IReadOnlyList<int> sizes, LayerValues weights, LayerValues biases)
    {
        var result = new List<double>();
        for (var l = 0; l < sizes.Count - 1; l++)
            result.AddRange(weights(l).ToArray());
        for (var l = 0; l < sizes.Count - 1; l++)
            result.AddRange(biases(l).ToArray());
        return [.. result];
    }
}
