using Kiln.Core.Learners;
using Kiln.Core.Learners.Boosting;
using Kiln.Core.Tests.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Boosting;

// A gradient-boosting bundle loads only when its trees, prior and losses fit its options: a whole number of stages of
// K trees, at most n_estimators of them, a prior of width K and one training loss per stage.
public sealed class GradientBoostingBundleTests
{
    // Three classes, 4 stages: 12 trees, a prior of 3 scores, 4 training losses.
    private static readonly GradientBoostingClassifierModel Classifier =
        new GradientBoostingClassifier(new GradientBoostingClassifierOptions { NEstimators = 4, MaxDepth = 2 }).Fit(Datasets.Iris());

    [Fact]
    public void SaveLoad_EarlyStoppedRegressor_KeepsStagesLossesPriorAndImportances()
    {
        var data = Datasets.Friedman1(rows: 200, noise: 3.0);
        var model = new GradientBoostingRegressor(new GradientBoostingRegressorOptions { NEstimators = 500, LearningRate = 0.5, NIterNoChange = 3, Loss = GradientBoostingRegressorOptions.Huber }).Fit(data);

        var loaded = (GradientBoostingRegressorModel)SampleBundles.Load(SampleBundles.Bytes(model)).Model;

        Assert.InRange(model.StageCount, 1, 499);
        Assert.Equal(model.StageCount, loaded.StageCount);
        Assert.Equal(model.TrainLoss, loaded.TrainLoss);
        Assert.Equal(model.InitialPrediction, loaded.InitialPrediction);
        Assert.Equal(model.FeatureImportances, loaded.FeatureImportances);
        Assert.Equal(model.Options, loaded.Options);
        Bits.Equal(model.Predict(data.Features), loaded.Predict(data.Features), "predictions");
    }

    [Fact]
    public void SaveLoad_Multiclass_KeepsTreesPerStageAndScores()
    {
        var loaded = (GradientBoostingClassifierModel)SampleBundles.Load(SampleBundles.Bytes(Classifier)).Model;

        Assert.Equal(3, loaded.TreesPerStage);
        Assert.Equal(12, loaded.Trees.Count);
        Assert.Equal(Classifier.InitialScores, loaded.InitialScores);
        Assert.Equal(Classifier.Classes, loaded.Classes);
    }

    [Fact]
    public void Load_TreeCountNotWholeStages_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));

        AssertRefused(editor.Replace("model/node_counts.i32", IntBytes([.. Ints(editor, "node_counts").Take(11)])), "it holds 11 trees; a model of 3 trees per stage holds a whole number of stages");
    }

    [Fact]
    public void Load_MoreStagesThanNEstimators_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var options = editor.Text("model/options.json").Replace("\"n_estimators\": 4", "\"n_estimators\": 2", StringComparison.Ordinal);

        AssertRefused(editor.Replace("model/options.json", options), "from 1 to n_estimators = 2");
    }

    [Fact]
    public void Load_PriorOfWrongWidth_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));

        AssertRefused(editor.ReplaceDoubles("model/prior.f64", 0.1, 0.2), "holds 2 values");
    }

    [Fact]
    public void Load_TrainLossPerStageMissing_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));

        AssertRefused(editor.ReplaceDoubles("model/train_loss.f64", 0.5, 0.4, 0.3), "it holds 3 training losses for 4 stages");
    }

    [Fact]
    public void Load_InvalidOptions_RefusedWithTheEstimatorsReason()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var options = editor.Text("model/options.json").Replace("\"subsample\": 1", "\"subsample\": 2", StringComparison.Ordinal);

        AssertRefused(editor.Replace("model/options.json", options), "Subsample (subsample) is 2");
    }

    [Fact]
    public void ModelKinds_BoostingKinds_AreKnown()
    {
        Assert.Equal("gradient_boosting_classifier", ((IModel)Classifier).Kind);
        Assert.True(Core.Persistence.ModelKinds.IsKnown(GradientBoostingClassifierModel.ModelKind));
        Assert.True(Core.Persistence.ModelKinds.IsKnown(GradientBoostingRegressorModel.ModelKind));
    }

    private static int[] Ints(BundleEditor editor, string entry)
    {
        var bytes = editor.Bytes($"model/{entry}.i32");
        return [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, i * 4))];
    }

    private static byte[] IntBytes(int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];

    private static void AssertRefused(BundleEditor editor, string expected)
    {
        var exception = SampleBundles.LoadFails(editor.ToBytes());
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"Expected '{expected}' in: {exception.Message}");
    }
}
