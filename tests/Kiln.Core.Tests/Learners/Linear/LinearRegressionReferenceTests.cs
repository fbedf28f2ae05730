using System.Text.Json;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Tests.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

// tests/reference/linear.py: scikit-learn 1.2.1 LinearRegression and Ridge on diabetes.csv's raw, unscaled values.
public sealed class LinearRegressionReferenceTests
{
    private static readonly JsonElement[] Cases = [.. ReferenceData.Load("linear.json").GetProperty("regression").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    public static TheoryData<int> OrdinaryCases => [.. Enumerable.Range(0, Cases.Length).Where(i => Cases[i].GetProperty("learner").GetString() == "linear_regression")];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_ReferenceCase_CoefficientsAndInterceptWithin1e8OfScikitLearn(int index)
    {
        // Default settings, no intercept, integer and fractional sample weights, other alphas, and a duplicated column
        // (where both take the minimum-norm solution). The bar is 1e-8, absolute, on every coefficient and the intercept
        // (coefficients reach 68, the intercept −334). Measured: at most 1.4e-11 on a coefficient and 4.3e-12 on an intercept.
        var reference = Cases[index];
        var data = Data(reference);

        var (coefficients, intercept) = Fit(reference, data);

        var expected = LinearTestData.Doubles(reference.GetProperty("coefficients"));
        Assert.Equal(expected.Length, coefficients.Count);
        var worst = Enumerable.Range(0, expected.Length).Max(j => Math.Abs(expected[j] - coefficients[j]));
        var expectedIntercept = reference.GetProperty("intercept").GetDouble();
        Assert.True(worst <= 1e-8, $"{Describe(reference)}: a coefficient differs by {worst:E2} from scikit-learn's.");
        Assert.True(Math.Abs(expectedIntercept - intercept) <= 1e-8, $"{Describe(reference)}: intercept {intercept:R}, expected {expectedIntercept:R}.");
    }

    [Theory]
    [MemberData(nameof(OrdinaryCases))]
    public void Fit_LinearRegression_RankMatchesScikitLearn(int index)
    {
        // scikit-learn's rank_ (from LAPACK's gelsd on the centred, √weight-scaled matrix).
        var reference = Cases[index];

        var model = new LinearRegressor(new LinearRegressionOptions { FitIntercept = reference.GetProperty("settings").GetProperty("fit_intercept").GetBoolean() }).Fit(Data(reference));

        Assert.Equal(reference.GetProperty("rank").GetInt32(), model.Rank);
    }

    private static (IReadOnlyList<double> Coefficients, double Intercept) Fit(JsonElement reference, TrainingSet data)
    {
        var settings = reference.GetProperty("settings");
        var fitIntercept = settings.GetProperty("fit_intercept").GetBoolean();
        if (reference.GetProperty("learner").GetString() == "linear_regression")
        {
            var model = new LinearRegressor(new LinearRegressionOptions { FitIntercept = fitIntercept }).Fit(data);
            return (model.Coefficients, model.Intercept);
        }
        var ridge = new RidgeRegressor(new RidgeOptions { Alpha = settings.GetProperty("alpha").GetDouble(), FitIntercept = fitIntercept }).Fit(data);
        return (ridge.Coefficients, ridge.Intercept);
    }

    private static TrainingSet Data(JsonElement reference)
    {
        var data = TestData.TrainingSet("diabetes.csv", "target");
        if (reference.GetProperty("duplicate_column").GetString() is { } column)
            data = LinearTestData.WithDuplicate(data, column);
        return ReferenceWeights.Apply(data, reference.GetProperty("weights").GetString()!);
    }

    private static string Describe(JsonElement reference) => $"{reference.GetProperty("learner").GetString()} {reference.GetProperty("name").GetString()}";
}
