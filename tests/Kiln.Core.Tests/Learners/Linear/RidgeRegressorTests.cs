using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Core.Tests.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class RidgeRegressorTests
{
    [Fact]
    public void Fit_MoreColumnsThanRows_MatchesTheClosedForm()
    {
        // Without an intercept β = Xᵀ(XXᵀ + αI)⁻¹y. X = [[1, 0, 0], [0, 1, 1]], y = (1, 2), α = 1: XXᵀ + I = diag(2, 3),
        // so β = Xᵀ·(1/2, 2/3) = (1/2, 2/3, 2/3).
        var features = new Table([new NumericColumn("a", [1, 0]), new NumericColumn("b", [0, 1]), new NumericColumn("c", [0, 1])]);
        var data = new TrainingSet(features, new NumericColumn("y", [1, 2]));

        var model = new RidgeRegressor(new RidgeOptions { FitIntercept = false }).Fit(data);

        Assert.Equal(0.5, model.Coefficients[0], 1e-14);
        Assert.Equal(2.0 / 3, model.Coefficients[1], 1e-14);
        Assert.Equal(2.0 / 3, model.Coefficients[2], 1e-14);
    }

    [Fact]
    public void Fit_AlphaZero_EqualsLinearRegression()
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");

        var ridge = new RidgeRegressor(new RidgeOptions { Alpha = 0 }).Fit(data);
        var ordinary = new LinearRegressor().Fit(data);

        for (var j = 0; j < ordinary.Coefficients.Count; j++)
            Assert.Equal(ordinary.Coefficients[j], ridge.Coefficients[j], 1e-10);
        Assert.Equal(ordinary.Intercept, ridge.Intercept, 1e-9);
        Assert.Empty(ridge.Diagnostics);
    }

    [Fact]
    public void Fit_AlphaZeroCollinear_ReportsTheRank()
    {
        var data = LinearTestData.WithDuplicate(TestData.TrainingSet("diabetes.csv", "target"), "bmi");

        var model = new RidgeRegressor(new RidgeOptions { Alpha = 0 }).Fit(data);

        Assert.Contains("rank 10 for 11 columns", Assert.Single(model.Diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DuplicatedColumnWithPenalty_SplitsEvenlyWithoutDiagnostics()
    {
        var data = LinearTestData.WithDuplicate(TestData.TrainingSet("diabetes.csv", "target"), "bmi");

        var model = new RidgeRegressor().Fit(data);

        Assert.Equal(model.Coefficients[2], model.Coefficients[^1], 1e-10);
        Assert.Empty(model.Diagnostics);
    }

    [Fact]
    public void Fit_LargerAlpha_ShrinksTheCoefficients()
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");
        static double Norm(RidgeModel model) => Math.Sqrt(model.Coefficients.Sum(value => value * value));

        var norms = new[] { 0.01, 1, 100, 1e4 }.Select(alpha => Norm(new RidgeRegressor(new RidgeOptions { Alpha = alpha }).Fit(data))).ToArray();

        for (var i = 1; i < norms.Length; i++)
            Assert.True(norms[i] < norms[i - 1], $"‖β‖ grew from {norms[i - 1]:R} to {norms[i]:R}.");
    }

    [Fact]
    public void Fit_IntegerWeights_EqualsFitOnDuplicatedRows()
    {
        // Bar 1e-9 (coefficients up to 63); scikit-learn agrees with itself to 2e-12 (recorded in linear.json).
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var weighted = ReferenceWeights.Apply(data, "integer");
        var repeated = data.Rows([.. Enumerable.Range(0, data.RowCount).SelectMany(row => Enumerable.Repeat(row, row % 4))]);

        var fromWeights = new RidgeRegressor().Fit(weighted);
        var fromRows = new RidgeRegressor().Fit(repeated);

        for (var j = 0; j < fromRows.Coefficients.Count; j++)
            Assert.Equal(fromRows.Coefficients[j], fromWeights.Coefficients[j], 1e-9);
        Assert.Equal(fromRows.Intercept, fromWeights.Intercept, 1e-9);
    }

    [Fact]
    public void Fit_InfiniteFeatureValue_ThrowsNamingColumnAndRow()
    {
        var data = Datasets.Friedman1(rows: 10);
        var x2 = ((NumericColumn)data.Features["x2"]).Values.ToArray();
        x2[3] = double.NegativeInfinity;
        var features = data.Features.Drop(["x2"]).With(NumericColumn.FromOwned("x2", x2));

        var exception = Assert.Throws<SchemaMismatchException>(() => new RidgeRegressor().Fit(new TrainingSet(features, data.Target)));

        Assert.Contains("Feature 'x2' is", exception.Message, StringComparison.Ordinal);
        Assert.Contains("in row 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new RidgeRegressor().Fit(Datasets.Friedman1(rows: 20), new FitContext { CancellationToken = cancellation.Token }));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidAlpha_ThrowsSayingWhy(double alpha)
    {
        var exception = Assert.Throws<ArgumentException>(() => new RidgeRegressor(new RidgeOptions { Alpha = alpha }));

        Assert.Contains("alpha is", exception.Message, StringComparison.Ordinal);
        Assert.Contains("finite number, 0 or more", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsOptionsAndCoefficients()
    {
        var model = new RidgeRegressor(new RidgeOptions { Alpha = 0.3, FitIntercept = false }).Fit(TestData.TrainingSet("diabetes.csv", "target"));
        using var stream = new MemoryStream();

        ModelBundle.Save(model, stream);
        stream.Position = 0;
        var loaded = Assert.IsType<RidgeModel>(ModelBundle.LoadBundle(stream, "memory").Model);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Coefficients, loaded.Coefficients);
        Assert.Equal(0.0, loaded.Intercept);
    }

    [Fact]
    public void Hyperparameters_Describe_UsesScikitLearnNamesAndRanges()
    {
        var declared = Hyperparameters.Describe(typeof(RidgeOptions)).ToDictionary(info => info.Name);

        Assert.Equal(["alpha", "fit_intercept"], declared.Keys);
        Assert.Equal(1.0, declared["alpha"].DefaultValue);
        Assert.Equal(1e-4, declared["alpha"].Declaration.Min);
        Assert.Equal(1e4, declared["alpha"].Declaration.Max);
        Assert.True(declared["alpha"].Declaration.Log);
    }
}
