using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Core.Tests.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

public sealed class LinearRegressorTests
{
    [Fact]
    public void Fit_DuplicatedColumn_SplitsTheCoefficientAndReportsTheRank()
    {
        // bmi twice: the minimum-norm solution gives each copy half of bmi's coefficient in the fit without the copy
        // (checked against scikit-learn in LinearRegressionReferenceTests; here against Kiln's own full-rank fit, to 1e-10).
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var single = new LinearRegressor().Fit(data);

        var doubled = new LinearRegressor().Fit(LinearTestData.WithDuplicate(data, "bmi"));

        var bmi = single.InputSchema.IndexOf("bmi");
        Assert.Equal(single.Coefficients[bmi] / 2, doubled.Coefficients[bmi], 1e-10);
        Assert.Equal(single.Coefficients[bmi] / 2, doubled.Coefficients[^1], 1e-10);
        Assert.Equal(single.Intercept, doubled.Intercept, 1e-9);
        Assert.Equal(10, doubled.Rank);
        var diagnostic = Assert.Single(doubled.Diagnostics);
        Assert.Contains("rank 10 for 11 columns", diagnostic, StringComparison.Ordinal);
        Assert.Contains("smallest norm", diagnostic, StringComparison.Ordinal);
        Assert.Empty(single.Diagnostics);
        Assert.Equal(10, single.Rank);
    }

    [Fact]
    public void Fit_ConstantColumn_GetsZeroCoefficient()
    {
        // With an intercept a constant column centres to zero; the minimum-norm solution gives it nothing.
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var withConstant = new TrainingSet(data.Features.With(NumericColumn.FromOwned("constant", [.. Enumerable.Repeat(7.5, data.RowCount)])), data.Target);

        var model = new LinearRegressor().Fit(withConstant);
        var reference = new LinearRegressor().Fit(data);

        Assert.Equal(0.0, model.Coefficients[^1]);
        for (var j = 0; j < reference.Coefficients.Count; j++)
            Assert.Equal(reference.Coefficients[j], model.Coefficients[j], 1e-10);
        Assert.Single(model.Diagnostics);
    }

    [Fact]
    public void Fit_MoreColumnsThanRows_GivesMinimumNormSolution()
    {
        // x₀ = 1 alone explains row 0; row 1 needs x₁ + x₂ = 2, and the shortest such (x₁, x₂) is (1, 1).
        var features = new Table([new NumericColumn("a", [1, 0]), new NumericColumn("b", [0, 1]), new NumericColumn("c", [0, 1])]);
        var data = new TrainingSet(features, new NumericColumn("y", [1, 2]));

        var model = new LinearRegressor(new LinearRegressionOptions { FitIntercept = false }).Fit(data);

        Assert.Equal(1.0, model.Coefficients[0], 1e-14);
        Assert.Equal(1.0, model.Coefficients[1], 1e-14);
        Assert.Equal(1.0, model.Coefficients[2], 1e-14);
        Assert.Equal(2, model.Rank);
    }

    [Fact]
    public void Fit_IntegerWeights_EqualsFitOnDuplicatedRows()
    {
        // Weights row % 4 weigh each row as 0–3 copies of it; the least-squares problems are the same. Bar 1e-9
        // (coefficients up to 68); scikit-learn agrees with itself to 7e-13 (recorded in linear.json).
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var weighted = ReferenceWeights.Apply(data, "integer");
        var repeated = data.Rows([.. Enumerable.Range(0, data.RowCount).SelectMany(row => Enumerable.Repeat(row, row % 4))]);

        var fromWeights = new LinearRegressor().Fit(weighted);
        var fromRows = new LinearRegressor().Fit(repeated);

        for (var j = 0; j < fromRows.Coefficients.Count; j++)
            Assert.Equal(fromRows.Coefficients[j], fromWeights.Coefficients[j], 1e-9);
        Assert.Equal(fromRows.Intercept, fromWeights.Intercept, 1e-9);
    }

    [Fact]
    public void Fit_ExactLinearData_RecoversTheCoefficients()
    {
        var x = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        var z = x.Select(value => Math.Sin(value)).ToArray();
        var y = x.Zip(z, (a, b) => 3 - (2 * a) + (0.5 * b)).ToArray();
        var data = new TrainingSet(new Table([NumericColumn.FromOwned("x", x), NumericColumn.FromOwned("z", z)]), NumericColumn.FromOwned("y", y));

        var model = new LinearRegressor().Fit(data);

        Assert.Equal(-2.0, model.Coefficients[0], 1e-13);
        Assert.Equal(0.5, model.Coefficients[1], 1e-13);
        Assert.Equal(3.0, model.Intercept, 1e-12);
    }

    [Fact]
    public void Fit_MissingFeatureValue_ThrowsNamingTheColumnAndSayingImpute()
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");
        var bmi = ((NumericColumn)data.Features["bmi"]).Values.ToArray();
        bmi[12] = double.NaN;
        var features = data.Features.Drop(["bmi"]).With(NumericColumn.FromOwned("bmi", bmi));

        var exception = Assert.Throws<SchemaMismatchException>(() => new LinearRegressor().Fit(new TrainingSet(features, data.Target)));

        Assert.Contains("Feature 'bmi' is missing (NaN) in 1 of the 442 training rows (the first is row 12)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Impute the column first", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingTarget_ThrowsSchemaMismatch()
    {
        var data = new TrainingSet(new Table([new NumericColumn("x", [1, 2, 3])]), new NumericColumn("y", [1, double.NaN, 3]));

        Assert.Throws<SchemaMismatchException>(() => new LinearRegressor().Fit(data));
    }

    [Fact]
    public void Fit_WeightsSumToZero_Throws()
    {
        var data = Datasets.Friedman1(rows: 10);
        var zero = new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", new double[10]));

        var exception = Assert.Throws<ArgumentException>(() => new LinearRegressor().Fit(zero));

        Assert.Contains("sum to zero", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoRows_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LinearRegressor().Fit(Datasets.Friedman1(rows: 10).Rows([])));
    }

    [Fact]
    public void Predict_MissingFeature_GivesNaN()
    {
        var model = new LinearRegressor().Fit(Datasets.Friedman1(rows: 50));
        var row = new double[10];
        row[3] = double.NaN;

        Assert.True(double.IsNaN(model.PredictRow(row)));
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsRankAndDiagnostics()
    {
        var model = new LinearRegressor().Fit(LinearTestData.WithDuplicate(TestData.TrainingSet("diabetes.csv", "target"), "s1"));
        using var stream = new MemoryStream();

        ModelBundle.Save(model, stream);
        stream.Position = 0;
        var loaded = Assert.IsType<LinearRegressionModel>(ModelBundle.LoadBundle(stream, "memory").Model);

        Assert.Equal(model.Coefficients, loaded.Coefficients);
        Assert.Equal(model.Intercept, loaded.Intercept);
        Assert.Equal(model.Rank, loaded.Rank);
        Assert.Equal(model.Diagnostics, loaded.Diagnostics);
        Assert.NotEmpty(loaded.Diagnostics);
    }

    [Fact]
    public void Hyperparameters_Describe_UsesScikitLearnNames()
    {
        var declared = Hyperparameters.Describe(typeof(LinearRegressionOptions));

        var fitIntercept = Assert.Single(declared);
        Assert.Equal("fit_intercept", fitIntercept.Name);
        Assert.Equal(true, fitIntercept.DefaultValue);
    }
}
