using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class DecisionTreeClassifierTests
{
    [Fact]
    public void Hyperparameters_Options_DeclareScikitLearnNamesAndDefaults()
    {
        var declared = Hyperparameters.Describe(typeof(DecisionTreeClassifierOptions));

        Assert.Equal(
            ["criterion", "max_depth", "min_samples_split", "min_samples_leaf", "min_weight_fraction_leaf", "max_features", "max_leaf_nodes", "min_impurity_decrease", "class_weight"],
            declared.Select(parameter => parameter.Name));
        Assert.Equal(["gini", "entropy", "log_loss"], declared[0].Declaration.Choices!);
        Assert.Equal(["gini", null, 2, 1, 0.0, null, null, 0.0, null], declared.Select(parameter => parameter.DefaultValue));
    }

    [Theory]
    [InlineData("criterion", "mse", "Criterion 'mse' is not one of gini, entropy, log_loss")]
    [InlineData("max_depth", "0", "MaxDepth (max_depth) is 0; it must be at least 1")]
    [InlineData("min_samples_split", "1", "MinSamplesSplit (min_samples_split) is 1; it must be at least 2")]
    [InlineData("min_samples_leaf", "0", "MinSamplesLeaf (min_samples_leaf) is 0; it must be at least 1")]
    [InlineData("min_weight_fraction_leaf", "0.6", "MinWeightFractionLeaf (min_weight_fraction_leaf) is 0.6; it must be between 0 and 0.5")]
    [InlineData("max_features", "auto", "MaxFeatures (max_features) is 'auto'; use null (all features), 'sqrt', 'log2'")]
    [InlineData("max_features", "0", "a count of features must be at least 1")]
    [InlineData("max_features", "1.5", "MaxFeatures (max_features) is '1.5'")]
    [InlineData("max_features", "-0.5", "MaxFeatures (max_features) is '-0.5'")]
    [InlineData("max_leaf_nodes", "1", "MaxLeafNodes (max_leaf_nodes) is 1; it must be at least 2")]
    [InlineData("min_impurity_decrease", "-1", "MinImpurityDecrease (min_impurity_decrease) is -1")]
    [InlineData("class_weight", "even", "ClassWeight (class_weight) is 'even'; use null or 'balanced'")]
    public void Constructor_InvalidOption_ThrowsSayingWhy(string name, string value, string expected)
    {
        var number = double.Parse(value == "mse" || value == "auto" || value == "even" ? "0" : value, System.Globalization.CultureInfo.InvariantCulture);
        var options = name switch
        {
            "criterion" => new DecisionTreeClassifierOptions { Criterion = value },
            "max_depth" => new DecisionTreeClassifierOptions { MaxDepth = (int)number },
            "min_samples_split" => new DecisionTreeClassifierOptions { MinSamplesSplit = (int)number },
            "min_samples_leaf" => new DecisionTreeClassifierOptions { MinSamplesLeaf = (int)number },
            "min_weight_fraction_leaf" => new DecisionTreeClassifierOptions { MinWeightFractionLeaf = number },
            "max_features" => new DecisionTreeClassifierOptions { MaxFeatures = value },
            "max_leaf_nodes" => new DecisionTreeClassifierOptions { MaxLeafNodes = (int)number },
            "min_impurity_decrease" => new DecisionTreeClassifierOptions { MinImpurityDecrease = number },
            _ => new DecisionTreeClassifierOptions { ClassWeight = value },
        };

        var exception = Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier(options));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 9)]
    [InlineData("sqrt", 3)]
    [InlineData("log2", 3)]
    [InlineData("4", 4)]
    [InlineData("0.5", 4)]
    [InlineData("1.0", 9)]
    [InlineData("0.01", 1)]
    public void Fit_MaxFeatures_ResolvesAsScikitLearnAndVariesTheRootSplitWithTheSeed(string? maxFeatures, int expected)
    {
        // Nine informative features whose best split differs from node to node: a node that sees all of them splits on
        // its best one, one that draws fewer must sometimes take another, so the set of root features over seeds shows the draw.
        var data = Datasets.Blobs(rows: 300, seed: 2, classes: 6, featureCount: 9, spread: 6.0);
        var allFeatures = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxDepth = 1 }).Fit(data).Tree.Feature(0);

        var rootFeatures = Enumerable.Range(0, 40)
            .Select(seed => new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxDepth = 1, MaxFeatures = maxFeatures, Seed = (ulong)seed }).Fit(data).Tree.Feature(0))
            .ToList();

        if (expected == 9)
            Assert.All(rootFeatures, feature => Assert.Equal(allFeatures, feature));
        else
            Assert.True(rootFeatures.Distinct().Count() > 1, $"max_features {maxFeatures}: every seed split the root on feature {rootFeatures[0]}.");
        Assert.Equal(expected, new TreeLimits(null, 2, 1, 0, maxFeatures, null, 0).Resolve(featureCount: 9, totalWeight: 300).MaxFeatures);
    }

    [Fact]
    public void Fit_MaxFeaturesOneAmongConstantFeatures_KeepsDrawingUntilAnInformativeOne()
    {
        var informative = Enumerable.Range(0, 100).Select(row => (double)row).ToArray();
        var columns = new List<Column> { NumericColumn.FromOwned("constant_a", new double[100]) };
        columns.Add(NumericColumn.FromOwned("signal", informative));
        columns.Add(NumericColumn.FromOwned("constant_b", Enumerable.Repeat(3.0, 100).ToArray()));
        columns.Add(NumericColumn.FromOwned("constant_c", Enumerable.Repeat(-1.0, 100).ToArray()));
        var labels = CategoricalColumn.FromValues("label", [.. informative.Select(value => value < 37 ? "low" : "high")]);
        var data = new TrainingSet(new Table(columns), labels);

        for (var seed = 0ul; seed < 20; seed++)
        {
            var model = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxFeatures = "1", Seed = seed }).Fit(data);

            Assert.Equal(1, model.Tree.Feature(0));
            Assert.Equal(36.5, model.Tree.Threshold(0));
            Assert.Equal(3, model.Tree.NodeCount);
        }
    }

    [Fact]
    public void Fit_MaxFeaturesAboveFeatureCount_ThrowsSayingHowMany()
    {
        var estimator = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxFeatures = "3" });

        var exception = Assert.Throws<ArgumentException>(() => estimator.Fit(Datasets.Blobs(rows: 20)));

        Assert.Contains("MaxFeatures (max_features) is 3, but the training set has 2 features", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingFeatureValue_ThrowsNamingColumnAndRow()
    {
        var data = Datasets.Blobs(rows: 10);
        var values = data.Features.Numeric("x1").Values.ToArray();
        values[6] = double.NaN;
        var features = data.Features.Drop(["x1"]).With(NumericColumn.FromOwned("x1", values));

        var exception = Assert.Throws<SchemaMismatchException>(() => new DecisionTreeClassifier().Fit(new TrainingSet(features, data.Target)));

        Assert.Contains("Feature 'x1' is missing (NaN) in row 6", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingValueInViewRow_NamesTheSourceRow()
    {
        var data = Datasets.Blobs(rows: 10);
        var values = data.Features.Numeric("x0").Values.ToArray();
        values[8] = double.NaN;
        var features = data.Features.Drop(["x0"]).With(NumericColumn.FromOwned("x0", values));

        var exception = Assert.Throws<SchemaMismatchException>(() => new DecisionTreeClassifier().Fit(new TrainingSet(features, data.Target).Rows([1, 8, 3])));

        Assert.Contains("Feature 'x0' is missing (NaN) in row 8", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TextFeature_ThrowsSchemaMismatchNamingIt()
    {
        var data = Datasets.Blobs(rows: 5);
        var features = data.Features.With(new TextColumn("note", ["a", "b", "c", "d", "e"]));

        var exception = Assert.Throws<SchemaMismatchException>(() => new DecisionTreeClassifier().Fit(new TrainingSet(features, data.Target)));

        Assert.Contains("'note' is Text", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WeightsSumToZero_Throws()
    {
        var data = Datasets.Blobs(rows: 10);
        var zero = new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", new double[10]));

        var exception = Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit(zero));

        Assert.Contains("sum to 0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoRows_Throws()
    {
        var data = Datasets.Blobs(rows: 10).Rows([]);

        var exception = Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit(data));

        Assert.Contains("no rows", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneClass_IsOneLeafPredictingIt()
    {
        var data = Datasets.Blobs(rows: 30, classes: 3).Rows([0, 3, 6, 9, 12]);

        var model = new DecisionTreeClassifier().Fit(data);

        Assert.Equal(["class_0"], model.Classes);
        Assert.Equal(1, model.Tree.NodeCount);
        Assert.Equal([0.0, 0.0], model.FeatureImportances);
        Assert.Equal(1.0, model.PredictProbabilities(data.Features)[0]);
    }

    [Fact]
    public void PredictRow_MissingValue_FollowsTheHeavierChild()
    {
        // 70 rows below 0.7 and 30 above on x0; x1 is noise. The heavier side is the left one, then swap it by weighting.
        var x0 = Enumerable.Range(0, 100).Select(row => row / 100.0).ToArray();
        var x1 = Enumerable.Range(0, 100).Select(row => (row * 37 % 100) / 100.0).ToArray();
        var labels = CategoricalColumn.FromValues("label", [.. x0.Select(value => value < 0.7 ? "a" : "b")]);
        var table = new Table([NumericColumn.FromOwned("x0", x0), NumericColumn.FromOwned("x1", x1)]);
        var weights = NumericColumn.FromOwned("w", [.. x0.Select(value => value < 0.7 ? 1.0 : 5.0)]);

        var leftHeavy = new DecisionTreeClassifier().Fit(new TrainingSet(table, labels));
        var rightHeavy = new DecisionTreeClassifier().Fit(new TrainingSet(table, labels, weights));

        Assert.True(leftHeavy.Tree.MissingGoesLeft(0));
        Assert.False(rightHeavy.Tree.MissingGoesLeft(0));
        Assert.Equal(0.0, leftHeavy.PredictRow([double.NaN, 0.5]));
        Assert.Equal(1.0, rightHeavy.PredictRow([double.NaN, 0.5]));
        Assert.Equal([1.0, 0.0], leftHeavy.PredictProbabilities(new Table([NumericColumn.FromOwned("x0", [double.NaN]), NumericColumn.FromOwned("x1", [0.5])])));
    }

    [Fact]
    public void FeatureImportances_Blobs_SumToOneAndFollowTheSplits()
    {
        var data = Datasets.Blobs(rows: 300, seed: 3, classes: 3, featureCount: 4, spread: 4.0);

        var model = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { MaxDepth = 4 }).Fit(data);

        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
        var used = Enumerable.Range(0, model.Tree.NodeCount).Where(node => !model.Tree.IsLeaf(node)).Select(model.Tree.Feature).ToHashSet();
        for (var j = 0; j < 4; j++)
            Assert.Equal(used.Contains(j), model.FeatureImportances[j] > 0);
    }

    [Fact]
    public void Fit_LogLossAndEntropy_GiveTheSameTree()
    {
        var data = Datasets.Blobs(rows: 200, seed: 8, classes: 4, featureCount: 3, spread: 5.0);

        var entropy = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { Criterion = DecisionTreeClassifierOptions.Entropy, Seed = 1 }).Fit(data);
        var logLoss = new DecisionTreeClassifier(new DecisionTreeClassifierOptions { Criterion = DecisionTreeClassifierOptions.LogLoss, Seed = 1 }).Fit(data);

        Bits.Equal(entropy.PredictProbabilities(data.Features), logLoss.PredictProbabilities(data.Features), "log_loss vs entropy");
    }
}
