using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;
using Kiln.Core.Tests.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

// A tree bundle that does not describe a tree must not load: children that point backwards or out of range would make
// prediction loop or index outside the arrays. Every refusal is a BundleFormatException naming the problem.
public sealed class DecisionTreeBundleTests
{
    // Iris at depth 2: node 0 splits into 1 (a pure leaf) and 2, which splits into leaves 3 and 4.
    private static readonly DecisionTreeClassifierModel Classifier =
        new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxDepth = 2 }).Fit(Datasets.Iris());

    [Fact]
    public void SaveLoad_Classifier_KeepsTreeAndImportances()
    {
        var loaded = (DecisionTreeClassifierModel)SampleBundles.Load(SampleBundles.Bytes(Classifier)).Model;

        Assert.Equal(5, Classifier.Tree.NodeCount);
        Assert.Equal(Classifier.FeatureImportances, loaded.FeatureImportances);
        for (var node = 0; node < 5; node++)
        {
            Assert.Equal(Classifier.Tree.Feature(node), loaded.Tree.Feature(node));
            Assert.Equal(Classifier.Tree.Threshold(node), loaded.Tree.Threshold(node));
            Assert.Equal(Classifier.Tree.MissingGoesLeft(node), loaded.Tree.MissingGoesLeft(node));
            Assert.Equal(Classifier.Tree.SampleCount(node), loaded.Tree.SampleCount(node));
            Assert.Equal(Classifier.Tree.Impurity(node), loaded.Tree.Impurity(node));
        }
        Assert.Equal(Classifier.Options, loaded.Options);
    }

    [Fact]
    public void Load_ChildPointsBackToRoot_Refused() =>
        AssertRefused(Edit("left", 2, 0), "node 2 has children 0 and 4; children are distinct nodes numbered after their parent, below 5");

    [Fact]
    public void Load_ChildPointsToItself_Refused() =>
        AssertRefused(Edit("right", 2, 2), "node 2 has children 3 and 2");

    [Fact]
    public void Load_ChildOutOfRange_Refused() =>
        AssertRefused(Edit("right", 0, 99), "node 0 has children 1 and 99");

    [Fact]
    public void Load_NodeWithTwoParents_Refused() =>
        AssertRefused(Edit("right", 0, 3), "node 2 is the child of 0 nodes; the root has no parent and every other node exactly one");

    [Fact]
    public void Load_BothChildrenTheSame_Refused() =>
        AssertRefused(Edit("right", 2, 3), "node 2 has children 3 and 3");

    [Fact]
    public void Load_FeatureBeyondInputs_Refused() =>
        AssertRefused(Edit("feature", 0, 4), "node 0 splits on feature 4; the model has 4 input columns");

    [Fact]
    public void Load_NegativeFeatureOtherThanLeafMarker_Refused() =>
        AssertRefused(Edit("feature", 0, -7), "node 0 splits on feature -7");

    [Fact]
    public void Load_LeafWithChildren_Refused() =>
        AssertRefused(Edit("left", 1, 3), "leaf 1 has children, a missing-value direction or a threshold");

    [Fact]
    public void Load_MissingDirectionNotAFlag_Refused() =>
        AssertRefused(Edit("missing_left", 0, 2), "node 0 has missing-value direction 2; it is 0 (right) or 1 (left)");

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Load_SplitThresholdNotFinite_Refused(double threshold)
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var thresholds = Doubles(editor, "threshold");
        thresholds[0] = threshold;

        AssertRefused(editor.ReplaceDoubles("model/threshold.f64", thresholds), $"node 0 has threshold {threshold}; split thresholds are finite");
    }

    [Fact]
    public void Load_ProbabilitiesNotSummingToOne_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var values = Doubles(editor, "value");
        values[3 * 3] = 0.5;

        AssertRefused(editor.ReplaceDoubles("model/value.f64", values), "the class probabilities of node 3 sum to");
    }

    [Fact]
    public void Load_ValuesOfWrongLength_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));

        AssertRefused(editor.ReplaceDoubles("model/value.f64", [.. Doubles(editor, "value").Take(14)]), "holds 14 values; the 'decision_tree_classifier' model expects 15");
    }

    [Fact]
    public void Load_NodeArraysOfDifferentLengths_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));

        AssertRefused(editor.Replace("model/left.i32", IntBytes([.. Ints(editor, "left"), -1])), "holds 6 values; the 'decision_tree_classifier' model expects 5");
    }

    [Fact]
    public void Load_NoNodes_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));

        AssertRefused(editor.Replace("model/feature.i32", []), "the tree has no nodes");
    }

    [Fact]
    public void Load_NegativeWeight_Refused()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var weights = Doubles(editor, "weighted_samples");
        weights[4] = -1;

        AssertRefused(editor.ReplaceDoubles("model/weighted_samples.f64", weights), "node 4 has impurity");
    }

    [Fact]
    public void Load_InvalidOptions_RefusedWithTheEstimatorsReason()
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var options = editor.Text("model/options.json").Replace("\"max_depth\": 2", "\"max_depth\": 0", StringComparison.Ordinal);

        AssertRefused(editor.Replace("model/options.json", options), "holds values its loader refuses: MaxDepth (max_depth) is 0");
    }

    [Fact]
    public void Load_RegressorWithBackwardChild_Refused()
    {
        var regressor = new DecisionTreeRegressor(new DecisionTreeRegressorOptions { MaxDepth = 3 }).Fit(Datasets.Friedman1(rows: 60));
        var editor = BundleEditor.Read(SampleBundles.Bytes(regressor));
        var rights = Ints(editor, "right");
        rights[0] = 0;

        AssertRefused(editor.Replace("model/right.i32", IntBytes(rights)), "node 0 has children 1 and 0");
    }

    [Fact]
    public void ModelKinds_TreeKinds_AreKnown()
    {
        Assert.True(ModelKinds.IsKnown(DecisionTreeClassifierModel.ModelKind));
        Assert.True(ModelKinds.IsKnown(DecisionTreeRegressorModel.ModelKind));
        Assert.Equal("decision_tree_regressor", ((IModel)new DecisionTreeRegressor().Fit(Datasets.Friedman1(rows: 10))).Kind);
    }

    private static BundleEditor Edit(string entry, int node, int value)
    {
        var editor = BundleEditor.Read(SampleBundles.Bytes(Classifier));
        var values = Ints(editor, entry);
        values[node] = value;
        return editor.Replace($"model/{entry}.i32", IntBytes(values));
    }

    private static int[] Ints(BundleEditor editor, string entry)
    {
        var bytes = editor.Bytes($"model/{entry}.i32");
        return [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, i * 4))];
    }

    private static double[] Doubles(BundleEditor editor, string entry)
    {
        var bytes = editor.Bytes($"model/{entry}.f64");
        return [.. Enumerable.Range(0, bytes.Length / 8).Select(i => BitConverter.ToDouble(bytes, i * 8))];
    }

    private static byte[] IntBytes(int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];

    private static void AssertRefused(BundleEditor editor, string expected)
    {
        var exception = SampleBundles.LoadFails(editor.ToBytes());
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"Expected '{expected}' in: {exception.Message}");
    }
}
