using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;
using Kiln.Core.Tests.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Ensembles;

public sealed class RandomForestTests
{
    [Fact]
    public void Fit_OneThreadOrTwo_ClassifierProbabilitiesBitIdentical()
    {
        var data = Datasets.Blobs(rows: 300, classes: 3, featureCount: 5, spread: 3.0);
        var options = new RandomForestClassifierOptions { NEstimators = 16, Seed = 11, OobScore = true };

        var one = new RandomForestClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var two = new RandomForestClassifier(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.PredictProbabilities(data.Features), two.PredictProbabilities(data.Features), "probabilities");
        Bits.Equal([.. one.FeatureImportances], [.. two.FeatureImportances], "importances");
        Assert.Equal(one.OobScore, two.OobScore);
    }

    [Fact]
    public void Fit_OneThreadOrTwo_RegressorPredictionsBitIdentical()
    {
        var data = Datasets.Friedman1(rows: 300);
        var options = new RandomForestRegressorOptions { NEstimators = 16, Seed = 5, MaxFeatures = "sqrt", OobScore = true };

        var one = new RandomForestRegressor(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var two = new RandomForestRegressor(options).Fit(data, new FitContext { MaxDegreeOfParallelism = 2 });

        Bits.Equal(one.Predict(data.Features), two.Predict(data.Features), "predictions");
        Assert.Equal(one.OobScore, two.OobScore);
    }

    [Fact]
    public void Fit_DifferentSeeds_DifferentForests()
    {
        var data = Datasets.Friedman1(rows: 200);

        var first = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 5, Seed = 1 }).Fit(data).Predict(data.Features);
        var second = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 5, Seed = 2 }).Fit(data).Predict(data.Features);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Predict_RegressorIsMeanOfTrees()
    {
        var data = Datasets.Friedman1(rows: 100);
        var model = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 7, Seed = 3 }).Fit(data);
        var row = new double[data.Features.Schema.Count];
        for (var j = 0; j < row.Length; j++)
            row[j] = ((NumericColumn)data.Features[j]).Values[17];

        var expected = model.Trees.Sum(tree => tree.Value(tree.FindLeaf(row))[0]) / 7;

        Assert.Equal(expected, model.PredictRow(row), 12);
        Assert.Equal(7, model.Trees.Count);
    }

    [Fact]
    public void Fit_NoBootstrapAllFeatures_EveryTreeIsTheDecisionTree()
    {
        // Without bootstrap and with every feature drawn, each tree sees all rows and scores every feature: on data
        // without ties between features it is the plain CART tree, so the forest predicts as one decision tree. (Importances
        // are not compared: features that tie at a split with the same partition may be chosen differently per seed.)
        var data = Datasets.Diabetes();
        var forest = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 3, Bootstrap = false, MaxDepth = 4 }).Fit(data);
        var tree = new DecisionTreeRegressor(new DecisionTreeRegressorOptions { MaxDepth = 4 }).Fit(data);

        Bits.Equal(tree.Predict(data.Features), forest.Predict(data.Features), "predictions");
    }

    [Fact]
    public void FeatureImportances_MeanOfTreeImportances()
    {
        var model = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 10 }).Fit(Datasets.Iris());

        for (var j = 0; j < 4; j++)
            Assert.Equal(model.Trees.Average(tree => tree.FeatureImportances()[j]), model.FeatureImportances[j], 12);
        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
        Assert.True(model.FeatureImportances[2] + model.FeatureImportances[3] > 0.5, "Petal length and width carry most of iris's impurity decrease.");
    }

    [Fact]
    public void OobScore_NotAsked_IsNull()
    {
        var model = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 3 }).Fit(Datasets.Iris());

        Assert.Null(model.OobScore);
    }

    [Theory]
    [InlineData(RandomForestClassifierOptions.Balanced, false)]
    [InlineData(RandomForestClassifierOptions.BalancedSubsample, true)]
    public void Fit_BalancedClassWeights_EveryRootWeighsClassesEqually(string classWeight, bool bootstrap)
    {
        // 100, 50 and 5 rows of the three classes; balanced weights over the rows a tree sees (with draw counts for
        // balanced_subsample) give each class the same total weight at the root.
        var skewed = Datasets.Iris().Rows([.. Enumerable.Range(0, 150).Where(row => row < 100 || row % 10 == 0)]);

        var model = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 10, ClassWeight = classWeight, Bootstrap = bootstrap }).Fit(skewed);

        foreach (var tree in model.Trees)
        {
            var root = tree.Value(0).ToArray();
            var present = root.Count(p => p > 0);
            Assert.All(root.Where(p => p > 0), p => Assert.Equal(1.0 / present, p, 12));
        }
    }

    [Fact]
    public void Fit_ReportsEveryTree()
    {
        var reports = new List<FitProgress>();
        var progress = new SynchronousProgress(reports);

        _ = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 6 }).Fit(Datasets.Friedman1(rows: 50), new FitContext { Progress = progress, MaxDegreeOfParallelism = 2 });

        Assert.Equal(6, reports.Count);
        Assert.All(reports, report => Assert.Equal(("tree", 6L), (report.Stage, report.Total)));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), reports.Select(report => report.Completed).Order());
    }

    [Theory]
    [InlineData(0, null, true, false, "n_estimators")]
    [InlineData(10, 0.0, true, false, "max_samples")]
    [InlineData(10, 1.5, true, false, "max_samples")]
    [InlineData(10, 0.5, false, false, "bootstrap")]
    [InlineData(10, null, false, true, "oob_score")]
    public void Constructor_BadForestOption_NamesIt(int trees, double? maxSamples, bool bootstrap, bool oobScore, string name)
    {
        var options = new RandomForestRegressorOptions { NEstimators = trees, MaxSamples = maxSamples, Bootstrap = bootstrap, OobScore = oobScore };

        var error = Assert.Throws<ArgumentException>(() => new RandomForestRegressor(options));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MoreMaxFeaturesThanFeatures_ThrowsArgumentExceptionNamingIt()
    {
        var estimator = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 4, MaxFeatures = "9" });

        var error = Assert.Throws<ArgumentException>(() => estimator.Fit(Datasets.Iris(), new FitContext { MaxDegreeOfParallelism = 2 }));

        Assert.Contains("max_features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownClassWeight_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new RandomForestClassifier(new RandomForestClassifierOptions { ClassWeight = "subsample" }));

        Assert.Contains("class_weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreScikitLearns()
    {
        var classifier = new RandomForestClassifierOptions();
        var regressor = new RandomForestRegressorOptions();

        Assert.Equal((100, "sqrt", true, "gini"), (classifier.NEstimators, classifier.MaxFeatures, classifier.Bootstrap, classifier.Criterion));
        Assert.Equal((100, "1.0", true), (regressor.NEstimators, regressor.MaxFeatures, regressor.Bootstrap));
    }

    [Fact]
    public void SaveLoad_WithOobScore_KeepsScoreAndTrees()
    {
        var model = new RandomForestClassifier(new RandomForestClassifierOptions { NEstimators = 4, OobScore = true }).Fit(Datasets.Iris());

        var loaded = (RandomForestClassifierModel)SampleBundles.Load(SampleBundles.Bytes(model)).Model;

        Assert.Equal(model.OobScore, loaded.OobScore);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Trees.Select(tree => tree.NodeCount), loaded.Trees.Select(tree => tree.NodeCount));
        Bits.Equal([.. model.FeatureImportances], [.. loaded.FeatureImportances], "importances");
    }

    [Fact]
    public void Load_NodeCountsDisagreeWithTrees_Refused()
    {
        var model = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 3 }).Fit(Datasets.Friedman1(rows: 40));
        var editor = BundleEditor.Read(SampleBundles.Bytes(model));
        var counts = model.Trees.Select(tree => tree.NodeCount).ToArray();
        counts[0]--;

        var error = SampleBundles.LoadFails(editor.Replace("model/node_counts.i32", [.. counts.SelectMany(BitConverter.GetBytes)]).ToBytes());

        Assert.Contains("model/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TreeCountDisagreesWithOptions_Refused()
    {
        var model = new RandomForestRegressor(new RandomForestRegressorOptions { NEstimators = 3 }).Fit(Datasets.Friedman1(rows: 40));
        var editor = BundleEditor.Read(SampleBundles.Bytes(model));
        var counts = model.Trees.Select(tree => tree.NodeCount).Take(2).ToArray();

        var error = SampleBundles.LoadFails(editor.Replace("model/node_counts.i32", [.. counts.SelectMany(BitConverter.GetBytes)]).ToBytes());

        Assert.Contains("it holds 2 trees, but its options say n_estimators is 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelKinds_ForestKinds_AreKnown()
    {
        Assert.True(ModelKinds.IsKnown(RandomForestClassifierModel.ModelKind));
        Assert.True(ModelKinds.IsKnown(RandomForestRegressorModel.ModelKind));
    }

    private sealed class SynchronousProgress(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
