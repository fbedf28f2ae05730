using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

// Kiln's trees against scikit-learn 1.2.1's (tests/reference/trees.py). Exact cases: data and settings where
// scikit-learn's random feature order never changes the predictions (checked over 200 seeds), so Kiln's must equal them;
// where those seeds gave few enough distinct structures to have found them all, Kiln's tree must be one of them, node
// for node. Cross-validation: the mean 5-fold score over seeds, on the shared fold assignment.
public sealed class DecisionTreeReferenceTests
{
    private const double Tolerance = 1e-12;
    private const double CrossValidationTolerance = 0.02;
    private const int KilnSeeds = 20;

    public static TheoryData<string> ExactCaseNames => [.. TreeReference.ExactCases.Select(item => item.GetProperty("name").GetString()!)];

    public static TheoryData<int> CrossValidationCaseIndices => [.. Enumerable.Range(0, TreeReference.CrossValidationCases.Length)];

    [Theory]
    [MemberData(nameof(ExactCaseNames))]
    public void Fit_ExactCase_PredictsAsScikitLearn(string name)
    {
        var item = TreeReference.Exact(name);
        var data = TreeReference.Data(item.GetProperty("dataset").GetString()!, item.GetProperty("weights").GetString()!);

        var (model, tree) = TreeReference.Fit(item, data, seed: 0);

        var expected = item.GetProperty("outputs").EnumerateArray().Select(value => value.GetDouble()).ToArray();
        var actual = model is IClassifierModel classifier ? classifier.PredictProbabilities(data.Features) : model.Predict(data.Features);
        AssertClose(expected, actual, $"{name}: predictions on the training rows");
        AssertClose([item.GetProperty("leaf_impurity").GetDouble()], [LeafImpurity(tree)], $"{name}: training impurity left in the leaves");
        Assert.Equal(item.GetProperty("node_count").GetInt32(), tree.NodeCount);
        Assert.Equal(item.GetProperty("leaves").GetInt32(), tree.LeafCount);
        Assert.Equal(item.GetProperty("depth").GetInt32(), tree.Depth);
        if (model is IClassifierModel fitted)
            Assert.Equal(item.GetProperty("classes").EnumerateArray().Select(value => value.GetString()!), fitted.Classes);
    }

    [Theory]
    [MemberData(nameof(ExactCaseNames))]
    public void Fit_ExactCase_TreeIsOneOfScikitLearns(string name)
    {
        var item = TreeReference.Exact(name);
        if (!item.GetProperty("match_structure").GetBoolean())
            return;
        var data = TreeReference.Data(item.GetProperty("dataset").GetString()!, item.GetProperty("weights").GetString()!);

        var (model, tree) = TreeReference.Fit(item, data, seed: 0);

        var structures = item.GetProperty("structures").EnumerateArray().ToList();
        var match = structures.FirstOrDefault(structure => SameSplits(tree, 0, structure, 0));
        Assert.True(match.ValueKind == JsonValueKind.Object, $"{name}: Kiln's tree ({Describe(tree)}) is none of scikit-learn's {structures.Count} structures.");
        AssertSameNodes(tree, 0, match, 0, name);
        var importances = model is DecisionTreeClassifierModel classifier ? classifier.FeatureImportances : ((DecisionTreeRegressorModel)model).FeatureImportances;
        AssertClose(Doubles(match, "importances"), [.. importances], $"{name}: feature importances");
    }

    [Theory]
    [MemberData(nameof(CrossValidationCaseIndices))]
    public void CrossValidate_ReferenceCase_MeanScoreCloseToScikitLearn(int index)
    {
        var item = TreeReference.CrossValidationCases[index];
        var dataset = item.GetProperty("dataset").GetString()!;
        var data = TreeReference.Data(dataset);
        var folds = ReferenceFolds.Load(dataset);
        var description = $"{dataset} {JsonSerializer.Serialize(item.GetProperty("params"))}";

        if (item.GetProperty("std").GetDouble() == 0)
        {
            // scikit-learn scores the same for every seed: its feature order never changes a prediction, so Kiln's must agree.
            var score = CrossValidatedScore(item, data, folds, seed: 0);
            Assert.True(Math.Abs(score - item.GetProperty("seed0").GetDouble()) <= Tolerance, $"{description}: Kiln {score:R}, scikit-learn {item.GetProperty("seed0").GetDouble():R} for every seed.");
            return;
        }
        var scores = Enumerable.Range(0, KilnSeeds).Select(seed => CrossValidatedScore(item, data, folds, (ulong)seed)).ToArray();
        var kilnMean = scores.Average();
        var expected = item.GetProperty("mean").GetDouble();
        Assert.True(Math.Abs(kilnMean - expected) <= CrossValidationTolerance,
            $"{description}: Kiln's mean over {KilnSeeds} seeds is {kilnMean:F4} (from {scores.Min():F4} to {scores.Max():F4}); scikit-learn's over its seeds {expected:F4} (from {item.GetProperty("min").GetDouble():F4} to {item.GetProperty("max").GetDouble():F4}).");
    }

    private static double CrossValidatedScore(JsonElement item, TrainingSet data, int[] folds, ulong seed)
    {
        var total = 0.0;
        for (var fold = 0; fold < 5; fold++)
        {
            var (train, test) = ReferenceFolds.Split(folds, fold);
            var (model, _) = TreeReference.Fit(item, data.Rows(train), seed);
            total += ReferenceFolds.Score(model, data, test);
        }
        return total / 5;
    }

    private static double LeafImpurity(DecisionTree tree)
    {
        var sum = 0.0;
        for (var node = 0; node < tree.NodeCount; node++)
        {
            if (tree.IsLeaf(node))
                sum += tree.WeightedSampleCount(node) * tree.Impurity(node);
        }
        return sum / tree.WeightedSampleCount(0);
    }

    private static bool SameSplits(DecisionTree tree, int node, JsonElement structure, int reference)
    {
        var feature = structure.GetProperty("feature")[reference].GetInt32();
        if (tree.Feature(node) != feature)
            return false;
        if (feature < 0)
            return true;
        return tree.Threshold(node) == structure.GetProperty("threshold")[reference].GetDouble()
            && SameSplits(tree, tree.LeftChild(node), structure, structure.GetProperty("left")[reference].GetInt32())
            && SameSplits(tree, tree.RightChild(node), structure, structure.GetProperty("right")[reference].GetInt32());
    }

    private static void AssertSameNodes(DecisionTree tree, int node, JsonElement structure, int reference, string name)
    {
        var where = $"{name}: node {node} (scikit-learn's {reference})";
        Assert.True(tree.SampleCount(node) == structure.GetProperty("samples")[reference].GetInt32(), $"{where}: row count");
        AssertClose([structure.GetProperty("weighted_samples")[reference].GetDouble()], [tree.WeightedSampleCount(node)], $"{where}: weight");
        AssertClose([structure.GetProperty("impurity")[reference].GetDouble()], [tree.Impurity(node)], $"{where}: impurity");
        if (tree.IsLeaf(node))
            return;
        AssertSameNodes(tree, tree.LeftChild(node), structure, structure.GetProperty("left")[reference].GetInt32(), name);
        AssertSameNodes(tree, tree.RightChild(node), structure, structure.GetProperty("right")[reference].GetInt32(), name);
    }

    // Within 1e-12, relative to the larger magnitude when it exceeds 1.
    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}.");
        for (var i = 0; i < expected.Length; i++)
        {
            var scale = Math.Max(1.0, Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * scale, $"{what}: value {i} is {actual[i]:R}; scikit-learn has {expected[i]:R}.");
        }
    }

    private static double[] Doubles(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(value => value.GetDouble())];

    private static string Describe(DecisionTree tree) =>
        string.Join(", ", Enumerable.Range(0, Math.Min(tree.NodeCount, 7)).Select(node => tree.IsLeaf(node) ? "leaf" : $"x{tree.Feature(node)} <= {tree.Threshold(node):R}"));
}
