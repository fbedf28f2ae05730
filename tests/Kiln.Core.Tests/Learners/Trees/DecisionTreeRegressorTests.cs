using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class DecisionTreeRegressorTests
{
    [Fact]
    public void Hyperparameters_Options_DeclareScikitLearnNamesAndDefaults()
    {
        var declared = Hyperparameters.Describe(typeof(DecisionTreeRegressorOptions));

        Assert.Equal(
            ["criterion", "max_depth", "min_samples_split", "min_samples_leaf", "min_weight_fraction_leaf", "max_features", "max_leaf_nodes", "min_impurity_decrease"],
            declared.Select(parameter => parameter.Name));
        Assert.Equal(["squared_error"], declared[0].Declaration.Choices!);
        Assert.Equal(["squared_error", null, 2, 1, 0.0, null, null, 0.0], declared.Select(parameter => parameter.DefaultValue));
    }

    [Theory]
    [InlineData("absolute_error", null, "Criterion 'absolute_error' is not one of squared_error")]
    [InlineData("squared_error", "sqrt2", "MaxFeatures (max_features) is 'sqrt2'")]
    public void Constructor_InvalidOption_ThrowsSayingWhy(string criterion, string? maxFeatures, string expected)
    {
        var exception = Assert.Throws<ArgumentException>(() => new DecisionTreeRegressor(new DecisionTreeRegressorOptions { Criterion = criterion, MaxFeatures = maxFeatures }));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingTarget_ThrowsNamingRow()
    {
        var data = Datasets.Friedman1(rows: 10);
        var target = ((NumericColumn)data.Target!).Values.ToArray();
        target[4] = double.NaN;

        var exception = Assert.Throws<SchemaMismatchException>(() => new DecisionTreeRegressor().Fit(new TrainingSet(data.Features, NumericColumn.FromOwned("y", target))));

        Assert.Contains("in row 4", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_InfiniteFeature_ThrowsNamingColumnAndRow()
    {
        var data = Datasets.Friedman1(rows: 10);
        var values = data.Features.Numeric("x3").Values.ToArray();
        values[2] = double.NegativeInfinity;
        var features = data.Features.Drop(["x3"]).With(NumericColumn.FromOwned("x3", values));

        var exception = Assert.Throws<SchemaMismatchException>(() => new DecisionTreeRegressor().Fit(new TrainingSet(features, data.Target)));

        Assert.Contains("Feature 'x3' is -Infinity in row 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ConstantTarget_IsOneLeafWithZeroImportances()
    {
        var data = Datasets.Friedman1(rows: 50);
        var constant = new TrainingSet(data.Features, NumericColumn.FromOwned("y", Enumerable.Repeat(2.5, 50).ToArray()));

        var model = new DecisionTreeRegressor().Fit(constant);

        Assert.Equal(1, model.Tree.NodeCount);
        Assert.Equal(0, model.Tree.Depth);
        Assert.All(model.FeatureImportances, importance => Assert.Equal(0.0, importance));
        Assert.Equal(2.5, model.PredictRow(new double[10]));
    }

    [Fact]
    public void Fit_ConstantFeatures_IsOneLeafPredictingTheWeightedMean()
    {
        var table = new Table([NumericColumn.FromOwned("a", [1.0, 1.0, 1.0]), NumericColumn.FromOwned("b", [4.0, 4.0, 4.0])]);
        var data = new TrainingSet(table, NumericColumn.FromOwned("y", [1.0, 2.0, 6.0]), NumericColumn.FromOwned("w", [1.0, 1.0, 2.0]));

        var model = new DecisionTreeRegressor().Fit(data);

        Assert.Equal(1, model.Tree.NodeCount);
        Assert.Equal(15.0 / 4.0, model.PredictRow([0.0, 0.0]));
        Assert.Equal(((1 * 2.75 * 2.75) + (1 * 1.75 * 1.75) + (2 * 2.25 * 2.25)) / 4.0, model.Tree.Impurity(0), 12);
    }

    [Fact]
    public void Fit_ThresholdBetweenAdjacentDoubles_UsesTheLowerValue()
    {
        // The midpoint of two adjacent doubles rounds to one of them (here, to even: the upper one); scikit-learn then takes the lower one, so the
        // lower row still goes left.
        var low = Math.BitIncrement(1.0);
        var high = Math.BitIncrement(low);
        var table = new Table([NumericColumn.FromOwned("x", [low, high, low, high])]);
        var data = new TrainingSet(table, NumericColumn.FromOwned("y", [0.0, 10.0, 0.0, 10.0]));

        var model = new DecisionTreeRegressor().Fit(data);

        Assert.Equal(low, model.Tree.Threshold(0));
        Assert.Equal([0.0, 10.0, 0.0, 10.0], model.Predict(table));
    }

    [Fact]
    public void Regression_CancelledToken_StopsGrowing()
    {
        var data = Datasets.Friedman1(rows: 500);
        var ranked = RankedFeatures.Create(data, 1, CancellationToken.None);
        var settings = new TreeLimits(null, 2, 1, 0, null, null, 0).Resolve(ranked.FeatureCount, totalWeight: 500);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TreeBuilder.Regression(
            ranked, data.NumericTarget(), Enumerable.Repeat(1.0, 500).ToArray(), TreeInputs.AllRows(500), settings, new KilnRandom(1), cancellation.Token));
    }
}
