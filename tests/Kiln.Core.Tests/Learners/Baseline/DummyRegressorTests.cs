using System.Text.Json;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyRegressorTests
{
    private static readonly JsonElement[] Cases = [.. ReferenceData.Load("dummy.json").GetProperty("regressor").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_ReferenceCase_MatchesScikitLearn(int index)
    {
        // tests/reference/dummy.py: scikit-learn 1.2.1 DummyRegressor on diabetes.csv, with and without sample weights.
        var reference = Cases[index];
        var target = reference.GetProperty("target").GetString()!;
        var data = ReferenceWeights.Apply(TestData.TrainingSet("diabetes.csv", target), reference.GetProperty("weights").GetString()!);
        var strategy = reference.GetProperty("strategy").GetString()!;
        var quantile = reference.GetProperty("quantile").ValueKind == JsonValueKind.Null ? (double?)null : reference.GetProperty("quantile").GetDouble();
        var expected = reference.GetProperty("value").GetDouble();

        var model = new DummyRegressor(new DummyRegressorOptions { Strategy = strategy, Quantile = quantile }).Fit(data);

        var description = $"{target}, {reference.GetProperty("weights").GetString()} weights, {strategy} {quantile}";
        if (strategy == DummyRegressorOptions.Mean)
            Assert.True(Math.Abs(expected - model.Value) <= 1e-13 * Math.Abs(expected), $"{description}: expected {expected:R}, got {model.Value:R}.");
        else
            Assert.True(expected == model.Value, $"{description}: expected exactly {expected:R}, got {model.Value:R}.");
        Assert.Equal(model.Value, model.PredictRow(new double[model.InputSchema.Count]));
    }

    [Fact]
    public void Fit_Constant_PredictsTheConstant()
    {
        var model = new DummyRegressor(new DummyRegressorOptions { Strategy = DummyRegressorOptions.ConstantValue, Constant = 42.5 }).Fit(Datasets.Friedman1(rows: 20));

        Assert.All(model.Predict(Datasets.Friedman1(rows: 20, seed: 2).Features), value => Assert.Equal(42.5, value));
    }

    [Fact]
    public void Fit_WeightsSumToZero_Throws()
    {
        var data = Datasets.Friedman1(rows: 10);
        var zero = new TrainingSet(data.Features, data.Target, Core.Data.NumericColumn.FromOwned("weight", new double[10]));

        var exception = Assert.Throws<ArgumentException>(() => new DummyRegressor().Fit(zero));

        Assert.Contains("sum to zero", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TextFeature_ThrowsSchemaMismatchNamingIt()
    {
        var data = Datasets.Friedman1(rows: 5);
        var features = data.Features.With(new Core.Data.TextColumn("note", ["a", "b", "c", "d", "e"]));

        var exception = Assert.Throws<Core.Data.SchemaMismatchException>(() => new DummyRegressor().Fit(new TrainingSet(features, data.Target)));

        Assert.Contains("'note' is Text", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("average", null, null, "Strategy 'average' is not one of mean, median, quantile, constant")]
    [InlineData("quantile", null, null, "needs Quantile between 0 and 1; it is not set")]
    [InlineData("quantile", 1.5, null, "needs Quantile between 0 and 1; it is 1.5")]
    [InlineData("constant", null, null, "needs Constant")]
    [InlineData("constant", null, double.NaN, "Constant is NaN")]
    public void Constructor_InvalidOptions_ThrowsSayingWhy(string strategy, double? quantile, double? constant, string expected)
    {
        var options = new DummyRegressorOptions { Strategy = strategy, Quantile = quantile, Constant = constant };

        var exception = Assert.Throws<ArgumentException>(() => new DummyRegressor(options));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyperparameters_Options_DeclareStrategyQuantileAndConstant()
    {
        var declared = Hyperparameters.Describe(typeof(DummyRegressorOptions));

        Assert.Equal(["strategy", "quantile", "constant"], declared.Select(parameter => parameter.Name));
        Assert.Equal(["mean", "median", "quantile", "constant"], declared[0].Declaration.Choices!);
        Assert.Equal("mean", declared[0].DefaultValue);
        Assert.Equal((0.0, 1.0), (declared[1].Declaration.Min, declared[1].Declaration.Max));
    }
}
