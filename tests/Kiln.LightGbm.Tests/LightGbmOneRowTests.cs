using Kiln.Core.Learners;
using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

// A table of one row goes through LightGBM's prepared single-row call (what a served request takes) instead of the batch
// call; each row alone must score exactly what LightGBM's batch prediction, called directly, gives that row.
public sealed class LightGbmOneRowTests
{
    private static readonly LightGbmOptions Options = new() { NEstimators = 20, NumLeaves = 15, LearningRate = 0.2, MinChildSamples = 10, Seed = 5 };

    private static string Parameters(string objective) =>
        $"{objective} num_iterations=20 num_leaves=15 learning_rate=0.2 min_data_in_leaf=10 seed={DirectLightGbm.Seed(5)} num_threads=1 " +
        "deterministic=true force_row_wise=true verbosity=-1";

    [Fact]
    public void PredictProbabilities_OneRowTables_SameAsLightGbmBatchDirectly()
    {
        var data = TestData.TrainingSet("breast_cancer.csv", "target");
        var expected = DirectLightGbm.TrainAndPredict(data.Features, Labels(data, ["benign", "malignant"]), Parameters("objective=binary metric=binary_logloss"), 20, 1);
        using var model = new LightGbmClassifier(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        var probabilities = new double[2];
        for (var row = 0; row < data.RowCount; row++)
        {
            var one = data.Features.Take([row]);
            model.PredictProbabilities(one, probabilities);
            Assert.Equal(expected[row], probabilities[1]);
            Assert.Equal(expected[row] > 0.5 ? 1.0 : 0.0, model.Predict(one)[0]);
        }
    }

    [Fact]
    public void PredictProbabilities_OneRowTablesMulticlass_SameAsLightGbmBatchDirectly()
    {
        var data = TestData.TrainingSet("iris.csv", "target");
        var expected = DirectLightGbm.TrainAndPredict(data.Features, Labels(data, ["setosa", "versicolor", "virginica"]), Parameters("objective=multiclass num_class=3 metric=multi_logloss"), 20, 3);
        using var model = new LightGbmClassifier(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        var probabilities = new double[3];
        for (var row = 0; row < data.RowCount; row++)
        {
            model.PredictProbabilities(data.Features.Take([row]), probabilities);
            Assert.Equal(expected.AsSpan(row * 3, 3).ToArray(), probabilities);
        }
    }

    [Fact]
    public void Predict_OneRowTablesRegression_SameAsLightGbmBatchDirectly()
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var labels = Array.ConvertAll(data.NumericTarget(), value => (float)value);
        var expected = DirectLightGbm.TrainAndPredict(data.Features, labels, Parameters("objective=regression metric=l2"), 20, 1);
        using var model = new LightGbmRegressor(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        for (var row = 0; row < data.RowCount; row++)
            Assert.Equal(expected[row], model.Predict(data.Features.Take([row]))[0]);
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
