using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Core.Tests.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

// The linear models' loaders refuse bundles whose values could not come from a fit.
public sealed class LinearBundleTests
{
    private static readonly byte[] Multinomial = SampleBundles.Bytes(new LogisticRegressionClassifier().Fit(Datasets.Blobs(rows: 60, seed: 3)));

    private static readonly byte[] Binary = SampleBundles.Bytes(
        new LogisticRegressionClassifier(new LogisticRegressionOptions { FitIntercept = false }).Fit(Datasets.Blobs(rows: 60, seed: 3, classes: 2)));

    private static readonly byte[] Ordinary = SampleBundles.Bytes(new LinearRegressor().Fit(Datasets.Friedman1(rows: 50, seed: 3)));

    private static readonly byte[] Ridge = SampleBundles.Bytes(new RidgeRegressor().Fit(Datasets.Friedman1(rows: 50, seed: 3)));

    [Fact]
    public void Load_LogisticCoefficientNaN_ThrowsNamingEntry() =>
        AssertFails(BundleEditor.Read(Multinomial).ReplaceDoubles("model/coefficients.f64", [double.NaN, .. new double[5]]), "entry 'coefficients' holds NaN at position 0");

    [Fact]
    public void Load_LogisticCoefficientsOfWrongLength_Throws() =>
        AssertFails(BundleEditor.Read(Multinomial).ReplaceDoubles("model/coefficients.f64", 1, 2, 3), "holds 3 values; the 'logistic_regression' model expects 6");

    [Fact]
    public void Load_LogisticClassesOutOfOrder_Throws() =>
        AssertFails(BundleEditor.Read(Multinomial).Replace("model/classes.json", "[\"class_2\", \"class_1\", \"class_0\"]"), "not distinct and in Kiln's class order");

    [Fact]
    public void Load_LogisticOneClass_Throws() =>
        AssertFails(BundleEditor.Read(Multinomial).Replace("model/classes.json", "[\"class_0\"]"), "fewer than two classes");

    [Fact]
    public void Load_LogisticInvalidC_ThrowsWithTheReason()
    {
        var editor = BundleEditor.Read(Multinomial);
        var options = editor.Text("model/options.json");
        var changed = options.Replace("\"inverse_regularization\": 1", "\"inverse_regularization\": -1", StringComparison.Ordinal);
        Assert.NotEqual(options, changed);

        AssertFails(editor.Replace("model/options.json", changed), "C (InverseRegularization) is -1");
    }

    [Fact]
    public void Load_LogisticInterceptWithoutFitIntercept_Throws() =>
        AssertFails(BundleEditor.Read(Binary).ReplaceDoubles("model/intercepts.f64", 0.5), "fitted without intercepts, yet an intercept is not 0");

    [Fact]
    public void Load_LogisticMoreIterationsThanAllowed_Throws()
    {
        var editor = BundleEditor.Read(Multinomial);
        var fit = System.Text.Json.Nodes.JsonNode.Parse(editor.Text("model/fit.json"))!;
        fit["iterations"] = 101;

        AssertFails(editor.Replace("model/fit.json", fit.ToJsonString()), "101 iterations of at most 100");
    }

    [Fact]
    public void Load_LinearInterceptInfinite_ThrowsNamingEntry() =>
        AssertFails(BundleEditor.Read(Ordinary).ReplaceDoubles("model/intercept.f64", double.PositiveInfinity), "entry 'intercept' holds");

    [Fact]
    public void Load_LinearRankAboveColumnCount_Throws()
    {
        var editor = BundleEditor.Read(Ordinary);
        var options = System.Text.Json.Nodes.JsonNode.Parse(editor.Text("model/options.json"))!;
        options["rank"] = 11;

        AssertFails(editor.Replace("model/options.json", options.ToJsonString()), "rank 11 for 10 columns");
    }

    [Fact]
    public void Load_RidgeNegativeAlpha_ThrowsWithTheReason()
    {
        var editor = BundleEditor.Read(Ridge);
        var options = System.Text.Json.Nodes.JsonNode.Parse(editor.Text("model/options.json"))!;
        options["alpha"] = -2;

        AssertFails(editor.Replace("model/options.json", options.ToJsonString()), "alpha is -2");
    }

    [Fact]
    public void Load_UntouchedBundles_PredictAsSaved()
    {
        var data = Datasets.Friedman1(rows: 50, seed: 3);

        var ordinary = Assert.IsType<LinearRegressionModel>(SampleBundles.Load(Ordinary).Model);
        var ridge = Assert.IsType<RidgeModel>(SampleBundles.Load(Ridge).Model);

        Bits.Equal(new LinearRegressor().Fit(data).Predict(data.Features), ordinary.Predict(data.Features), "linear regression");
        Bits.Equal(new RidgeRegressor().Fit(data).Predict(data.Features), ridge.Predict(data.Features), "ridge");
    }

    private static void AssertFails(BundleEditor editor, string expected)
    {
        var exception = SampleBundles.LoadFails(editor.ToBytes());
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
