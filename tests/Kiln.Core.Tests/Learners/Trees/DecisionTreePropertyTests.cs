using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

// Invariants of grown trees over many seeded data sets and settings.
public sealed class DecisionTreePropertyTests
{
    public static TheoryData<ulong, int> SeedsAndLeafSizes => new()
    {
        { 1, 1 }, { 2, 3 }, { 3, 7 }, { 4, 20 }, { 5, 2 },
    };

    [Theory]
    [MemberData(nameof(SeedsAndLeafSizes))]
    public void Fit_MinSamplesLeaf_EveryLeafKeepsThatManyRowsAndCountsMatchRouting(ulong seed, int minSamplesLeaf)
    {
        var data = Datasets.Friedman1(rows: 300, seed: seed);
        var options = new DecisionTreeRegressorOptions { MinSamplesLeaf = minSamplesLeaf, MaxFeatures = seed % 2 == 0 ? "sqrt" : null, Seed = seed };

        var tree = new DecisionTreeRegressor(options).Fit(data).Tree;

        var routed = RowsPerLeaf(tree, data.Features);
        for (var node = 0; node < tree.NodeCount; node++)
        {
            if (!tree.IsLeaf(node))
            {
                Assert.Equal(tree.SampleCount(node), tree.SampleCount(tree.LeftChild(node)) + tree.SampleCount(tree.RightChild(node)));
                continue;
            }
            Assert.True(tree.SampleCount(node) >= minSamplesLeaf, $"Leaf {node} has {tree.SampleCount(node)} rows; min_samples_leaf is {minSamplesLeaf}.");
            Assert.Equal(tree.SampleCount(node), routed[node]);
        }
    }

    [Theory]
    [InlineData(1ul, 1)]
    [InlineData(2ul, 2)]
    [InlineData(3ul, 4)]
    [InlineData(4ul, 7)]
    public void Fit_MaxDepth_NoLeafDeeperAndShallowTreesAreFull(ulong seed, int maxDepth)
    {
        var data = Datasets.Blobs(rows: 400, seed: seed, classes: 5, featureCount: 3, spread: 5.0);

        var tree = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxDepth = maxDepth, Seed = seed }).Fit(data).Tree;

        Assert.True(tree.Depth <= maxDepth, $"Depth {tree.Depth} exceeds max_depth {maxDepth}.");
        Assert.Equal(maxDepth, tree.Depth);
    }

    [Theory]
    [InlineData(1ul)]
    [InlineData(2ul)]
    [InlineData(3ul)]
    public void Fit_Unlimited_FitsDistinctTrainingRowsPerfectly(ulong seed)
    {
        var data = Datasets.Blobs(rows: 300, seed: seed, classes: 4, featureCount: 2, spread: 6.0);
        var labels = data.ClassLabels().Codes.ToArray();

        var model = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { Seed = seed }).Fit(data);

        Assert.Equal(labels.Select(code => (double)code), model.Predict(data.Features));
        for (var node = 0; node < model.Tree.NodeCount; node++)
        {
            if (model.Tree.IsLeaf(node))
                Assert.Equal(0.0, model.Tree.Impurity(node));
        }
    }

    [Theory]
    [InlineData(1ul, 0.0)]
    [InlineData(2ul, 0.001)]
    [InlineData(3ul, 0.01)]
    public void Fit_MinImpurityDecrease_EverySplitDecreasesAtLeastThatMuch(ulong seed, double minImpurityDecrease)
    {
        var data = Datasets.Blobs(rows: 300, seed: seed, classes: 3, featureCount: 4, spread: 8.0);

        var tree = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MinImpurityDecrease = minImpurityDecrease, Seed = seed }).Fit(data).Tree;

        var total = tree.WeightedSampleCount(0);
        for (var node = 0; node < tree.NodeCount; node++)
        {
            if (tree.IsLeaf(node))
                continue;
            var (left, right) = (tree.LeftChild(node), tree.RightChild(node));
            var decrease = ((tree.WeightedSampleCount(node) * tree.Impurity(node)) - (tree.WeightedSampleCount(left) * tree.Impurity(left))
                - (tree.WeightedSampleCount(right) * tree.Impurity(right))) / total;
            Assert.True(decrease + 1e-12 >= minImpurityDecrease, $"Split {node} decreases impurity by {decrease}.");
        }
    }

    [Theory]
    [InlineData(1ul, 2)]
    [InlineData(2ul, 5)]
    [InlineData(3ul, 17)]
    public void Fit_MaxLeafNodes_GrowsExactlyThatManyLeavesWhenThereIsRoom(ulong seed, int maxLeafNodes)
    {
        var data = Datasets.Friedman1(rows: 200, seed: seed);

        var tree = new DecisionTreeRegressor(new DecisionTreeRegressorOptions { MaxLeafNodes = maxLeafNodes, Seed = seed }).Fit(data).Tree;

        Assert.Equal(maxLeafNodes, tree.LeafCount);
        Assert.Equal((2 * maxLeafNodes) - 1, tree.NodeCount);
    }

    [Theory]
    [InlineData("iris", true)]
    [InlineData("breast_cancer", true)]
    [InlineData("diabetes", false)]
    public void Fit_IntegerWeights_EqualDuplicatedRows(string dataset, bool classification)
    {
        var plain = TestData.TrainingSet(dataset + ".csv", "target");
        var counts = Enumerable.Range(0, plain.RowCount).Select(row => 1 + (row * 7 % 3)).ToArray();
        var weighted = new TrainingSet(plain.Features, plain.Target, NumericColumn.FromOwned("weight", [.. counts.Select(count => (double)count)]));
        var duplicated = plain.Rows([.. Enumerable.Range(0, plain.RowCount).SelectMany(row => Enumerable.Repeat(row, counts[row]))]);

        IPredictor fromWeights = classification ? new DecisionTreeClassifier(new() { Seed = 3 }).Fit(weighted) : new DecisionTreeRegressor(new() { Seed = 3 }).Fit(weighted);
        IPredictor fromCopies = classification ? new DecisionTreeClassifier(new() { Seed = 3 }).Fit(duplicated) : new DecisionTreeRegressor(new() { Seed = 3 }).Fit(duplicated);

        Bits.Equal(fromWeights.Predict(plain.Features), fromCopies.Predict(plain.Features), $"{dataset}: weights vs duplicated rows");
        var (weightsTree, copiesTree) = (TreeOf(fromWeights), TreeOf(fromCopies));
        Assert.Equal(weightsTree.NodeCount, copiesTree.NodeCount);
        for (var node = 0; node < weightsTree.NodeCount; node++)
        {
            Assert.Equal(weightsTree.Feature(node), copiesTree.Feature(node));
            Assert.Equal(weightsTree.Threshold(node), copiesTree.Threshold(node));
            Assert.Equal(weightsTree.WeightedSampleCount(node), copiesTree.WeightedSampleCount(node));
        }
    }

    [Fact]
    public void Fit_RowView_EqualsFitOnCopiedRows()
    {
        var data = Datasets.Friedman1(rows: 300, seed: 9);
        var rows = Enumerable.Range(0, 300).Where(row => row % 4 != 1).Reverse().ToArray();
        var copy = new TrainingSet(data.Features.Take(rows), data.Target!.Take(rows));
        var estimator = new DecisionTreeRegressor(new DecisionTreeRegressorOptions { MaxFeatures = "0.5", Seed = 4 });

        var fromView = estimator.Fit(data.Rows(rows));
        var fromCopy = estimator.Fit(copy);

        Bits.Equal(fromCopy.Predict(data.Features), fromView.Predict(data.Features), "view vs copy");
    }

    [Fact]
    public void Fit_ZeroWeightRows_AreIgnoredLikeRemovedRows()
    {
        var data = Datasets.Blobs(rows: 240, seed: 4, classes: 3, featureCount: 3, spread: 6.0);
        var weights = Enumerable.Range(0, 240).Select(row => row % 5 == 0 ? 0.0 : 1.0).ToArray();
        var weighted = new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", weights));
        var kept = data.Rows([.. Enumerable.Range(0, 240).Where(row => row % 5 != 0)]);

        var fromWeights = new DecisionTreeClassifier(new() { Seed = 2 }).Fit(weighted);
        var fromKept = new DecisionTreeClassifier(new() { Seed = 2 }).Fit(kept);

        Bits.Equal(fromKept.PredictProbabilities(data.Features), fromWeights.PredictProbabilities(data.Features), "zero weights vs removed rows");
        Assert.Equal(192, fromWeights.Tree.SampleCount(0));
    }

    [Fact]
    public void TreeBuilder_BootstrapRowsWithDrawCounts_EqualsFitOnTheDrawnRows()
    {
        // How a forest grows a tree: one ranking of the whole training set, and per tree the distinct drawn rows with
        // their draw counts as weights.
        var data = Datasets.Blobs(rows: 250, seed: 12, classes: 3, featureCount: 4, spread: 6.0);
        var random = new KilnRandom(99);
        var counts = new double[250];
        for (var draw = 0; draw < 250; draw++)
            counts[random.NextInt32(250)]++;
        var drawn = Enumerable.Range(0, 250).Where(row => counts[row] > 0).ToArray();
        var ranked = RankedFeatures.Create(data, maxDegreeOfParallelism: 2, CancellationToken.None);
        var labels = data.ClassLabels();
        var settings = new TreeLimits(null, 2, 1, 0, "sqrt", null, 0).Resolve(ranked.FeatureCount, totalWeight: 250);

        var tree = TreeBuilder.Classification(ranked, labels.Codes.ToArray(), labels.ClassCount, entropy: false, counts, drawn, settings, new KilnRandom(5), CancellationToken.None);
        var expected = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxFeatures = "sqrt", Seed = 5 })
            .Fit(data.Rows([.. drawn.SelectMany(row => Enumerable.Repeat(row, (int)counts[row]))])).Tree;

        Assert.Equal(expected.NodeCount, tree.NodeCount);
        for (var node = 0; node < tree.NodeCount; node++)
        {
            Assert.Equal(expected.Feature(node), tree.Feature(node));
            Assert.Equal(expected.Threshold(node), tree.Threshold(node));
            Bits.Equal(expected.Value(node), tree.Value(node), $"node {node}");
        }
        Assert.Equal(drawn.Length, tree.SampleCount(0));
    }

    private static DecisionTree TreeOf(IPredictor model) => model switch
    {
        DecisionTreeClassifierModel classifier => classifier.Tree,
        DecisionTreeRegressorModel regressor => regressor.Tree,
        _ => throw new ArgumentException("Not a tree.", nameof(model)),
    };

    private static int[] RowsPerLeaf(DecisionTree tree, Table features)
    {
        var columns = features.Columns.Cast<NumericColumn>().ToArray();
        var counts = new int[tree.NodeCount];
        var row = new double[columns.Length];
        for (var i = 0; i < features.RowCount; i++)
        {
            for (var j = 0; j < columns.Length; j++)
                row[j] = columns[j][i];
            counts[tree.FindLeaf(row)]++;
        }
        return counts;
    }
}
