using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

// Kiln's LightGBM estimators against the same parameters given to LightGBM's C API directly (DirectLightGbm). The python
// lightgbm package is not installed here (no Debian python3-lightgbm), so the reference is the library itself.
public sealed class LightGbmReferenceTests
{
    private const ulong Seed = 5;

    private static readonly LightGbmOptions Options = new()
    {
        NEstimators = 25,
        NumLeaves = 15,
        MaxDepth = 6,
        LearningRate = 0.2,
        MinChildSamples = 10,
        FeatureFraction = 0.8,
        BaggingFraction = 0.7,
        BaggingFreq = 1,
        LambdaL1 = 0.1,
        LambdaL2 = 1.5,
        Seed = Seed,
    };

    private static string Parameters(string objective) =>
        $"{objective} num_iterations=25 num_leaves=15 max_depth=6 learning_rate=0.2 min_data_in_leaf=10 feature_fraction=0.8 " +
        $"bagging_fraction=0.7 bagging_freq=1 lambda_l1=0.1 lambda_l2=1.5 seed={DirectLightGbm.Seed(Seed)} num_threads=1 " +
        "deterministic=true force_row_wise=true verbosity=-1";

    [Fact]
    public void Fit_BreastCancerBinary_SameProbabilitiesAsLightGbmDirectly()
    {
        var data = TestData.TrainingSet("breast_cancer.csv", "target");
        var labels = Labels(data, ["benign", "malignant"]);
        var expected = DirectLightGbm.TrainAndPredict(data.Features, labels, Parameters("objective=binary metric=binary_logloss"), 25, 1);

        using var model = new LightGbmClassifier(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var probabilities = model.PredictProbabilities(data.Features);

        Assert.Equal(["benign", "malignant"], model.Classes);
        for (var row = 0; row < expected.Length; row++)
            Assert.Equal(expected[row], probabilities[(2 * row) + 1]);
        Assert.Contains(expected, value => value is > 0.05 and < 0.95);
    }

    [Fact]
    public void Fit_IrisMulticlass_SameProbabilitiesAsLightGbmDirectly()
    {
        var data = TestData.TrainingSet("iris.csv", "target");
        string[] classes = ["setosa", "versicolor", "virginica"];
        var labels = Labels(data, classes);
        var expected = DirectLightGbm.TrainAndPredict(data.Features, labels, Parameters("objective=multiclass num_class=3 metric=multi_logloss"), 25, 3);

        using var model = new LightGbmClassifier(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        Assert.Equal(classes, model.Classes);
        Bits.Equal(expected, model.PredictProbabilities(data.Features), "iris probabilities");
    }

    [Fact]
    public void Fit_DiabetesRegression_SamePredictionsAsLightGbmDirectly()
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var labels = Array.ConvertAll(data.NumericTarget(), value => (float)value);
        var expected = DirectLightGbm.TrainAndPredict(data.Features, labels, Parameters("objective=regression metric=l2"), 25, 1);

        using var model = new LightGbmRegressor(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        Bits.Equal(expected, model.Predict(data.Features), "diabetes predictions");
    }

    [Fact]
    public void Fit_TwoThreads_SameModelAsOneThread()
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");

        using var one = new LightGbmRegressor(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        using var two = new LightGbmRegressor(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.Predict(data.Features), two.Predict(data.Features), "one thread against two");
    }

    private static float[] Labels(TrainingSet data, string[] classes)
    {
        var target = data.Target!;
        var labels = new float[data.RowCount];
        for (var row = 0; row < labels.Length; row++)
            labels[row] = Array.IndexOf(classes, target.FormatValue(row));
        Assert.DoesNotContain(-1f, labels);
        return labels;
    }
}
