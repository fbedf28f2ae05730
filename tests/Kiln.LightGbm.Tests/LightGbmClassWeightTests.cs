using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

// class_weight as LightGBM's scikit-learn wrapper applies it: sample weights per class (scikit-learn's compute_sample_weight),
// multiplied into the sample weights. The expected weights are computed here from their definition and handed to LightGBM
// directly; Kiln must give the same predictions.
public sealed class LightGbmClassWeightTests
{
    private const ulong Seed = 2;

    private static readonly string Parameters =
        "objective=binary metric=binary_logloss num_iterations=15 num_leaves=7 max_depth=-1 learning_rate=0.2 min_data_in_leaf=5 feature_fraction=1 " +
        $"bagging_fraction=1 bagging_freq=0 lambda_l1=0 lambda_l2=0 seed={DirectLightGbm.Seed(Seed)} num_threads=1 deterministic=true force_row_wise=true verbosity=-1";

    [Fact]
    public void Fit_Balanced_SameAsLightGbmWithBalancedSampleWeights()
    {
        var data = Imbalanced();
        var labels = Labels(data);
        var positives = labels.Count(label => label == 1);
        // scikit-learn's "balanced": n_samples / (n_classes * bincount(y)).
        var perClass = new[] { labels.Length / (2.0 * (labels.Length - positives)), labels.Length / (2.0 * positives) };
        var weights = labels.Select(label => (float)perClass[(int)label]).ToArray();

        AssertSameAsDirect(data, labels, weights, "balanced");
    }

    [Fact]
    public void Fit_ExplicitWeightsTimesSampleWeights_SameAsLightGbmWithTheirProduct()
    {
        var data = Datasets.WithWeights(Imbalanced(), seed: 8);
        var labels = Labels(data);
        var sampleWeights = ((NumericColumn)data.Weights!).Values.ToArray();
        // "rare:3.5" names one class; the other ("common") weighs 1.
        var weights = labels.Select((label, row) => (float)((label == 1 ? 3.5 : 1.0) * sampleWeights[row])).ToArray();

        AssertSameAsDirect(data, labels, weights, "rare:3.5");
    }

    [Fact]
    public void Fit_Balanced_RaisesTheRareClassProbability()
    {
        var data = Imbalanced();
        var options = new LightGbmOptions { NEstimators = 15, NumLeaves = 7, MinChildSamples = 5 };

        using var plain = new LightGbmClassifier(options).Fit(data, FitContext.None);
        using var balanced = new LightGbmClassifier(options with { ClassWeight = "balanced" }).Fit(data, FitContext.None);

        var rare = Array.IndexOf([.. plain.Classes], "rare");
        Assert.True(MeanProbability(balanced, data, rare) > MeanProbability(plain, data, rare) + 0.1);
    }

    [Theory]
    [InlineData("heavy")]
    [InlineData("rare:")]
    [InlineData("rare:-1")]
    [InlineData("rare:2,rare:3")]
    [InlineData(":2")]
    public void Constructor_MalformedClassWeight_ThrowsNamingIt(string classWeight)
    {
        var error = Assert.Throws<ArgumentException>(() => new LightGbmClassifier(new LightGbmOptions { ClassWeight = classWeight }));

        Assert.StartsWith($"class_weight '{classWeight}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ClassWeightNamingUnknownClass_ThrowsListingTheClasses()
    {
        var error = Assert.Throws<ArgumentException>(() => new LightGbmClassifier(new LightGbmOptions { ClassWeight = "rare:2,purple:1" }).Fit(Imbalanced(), FitContext.None));

        Assert.Contains("'purple'", error.Message, StringComparison.Ordinal);
        Assert.Contains("common, rare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RegressorWithClassWeight_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new LightGbmRegressor(new LightGbmOptions { ClassWeight = "balanced" }));

        Assert.StartsWith("class_weight is 'balanced'", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameAsDirect(TrainingSet data, float[] labels, float[] weights, string classWeight)
    {
        var expected = DirectLightGbm.TrainAndPredict(DirectLightGbm.RowMajor(data.Features), data.RowCount, data.Features.ColumnCount, labels, weights, Parameters, 15, 1, predict: null);
        var options = new LightGbmOptions { NEstimators = 15, NumLeaves = 7, LearningRate = 0.2, MinChildSamples = 5, ClassWeight = classWeight, Seed = Seed };

        using var model = new LightGbmClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        Assert.Equal(["common", "rare"], model.Classes);
        var probabilities = model.PredictProbabilities(data.Features);
        Bits.Equal(expected, [.. Enumerable.Range(0, data.RowCount).Select(row => probabilities[(2 * row) + 1])], $"class_weight {classWeight}");
    }

    // 300 rows, about one in six "rare", from two overlapping blobs.
    private static TrainingSet Imbalanced()
    {
        var blobs = Datasets.Blobs(rows: 300, seed: 6, classes: 2, spread: 2.5);
        var codes = blobs.ClassLabels().Codes;
        var labels = new string[blobs.RowCount];
        for (var row = 0; row < labels.Length; row++)
            labels[row] = codes[row] == 1 && row % 3 == 0 ? "rare" : "common";
        return new TrainingSet(blobs.Features, CategoricalColumn.FromValues("label", labels));
    }

    private static float[] Labels(TrainingSet data) =>
        [.. Enumerable.Range(0, data.RowCount).Select(row => data.Target!.FormatValue(row) == "rare" ? 1f : 0f)];

    private static double MeanProbability(LightGbmClassifierModel model, TrainingSet data, int classIndex)
    {
        var probabilities = model.PredictProbabilities(data.Features);
        return Enumerable.Range(0, data.RowCount).Average(row => probabilities[(2 * row) + classIndex]);
    }
}
