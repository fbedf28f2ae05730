using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Persistence;

internal static class SampleBundles
{
    public const string SourceName = "sample.kiln";

    public static readonly DateTimeOffset CreatedAt = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    // Stratified, so predictions depend on the seed and the rows; weighted, so the priors are not round numbers.
    public static DummyClassifierModel Classifier() =>
        new DummyClassifier(new DummyClassifierOptions { Strategy = DummyClassifierOptions.Stratified, Seed = 7 })
            .Fit(Datasets.WithWeights(Datasets.Blobs(rows: 60, seed: 3), seed: 5));

    public static DummyRegressorModel Regressor() =>
        new DummyRegressor(new DummyRegressorOptions { Strategy = DummyRegressorOptions.Median }).Fit(Datasets.Friedman1(rows: 50, seed: 3));

    public static BundleSaveOptions Options() => new() { TimeProvider = new FixedTimeProvider(CreatedAt) };

    public static byte[] Bytes(IModel model, BundleSaveOptions? options = null)
    {
        using var stream = new MemoryStream();
        ModelBundle.Save(model, stream, options ?? Options());
        return stream.ToArray();
    }

    public static LoadedBundle Load(byte[] bytes, BundleLimits? limits = null) =>
        ModelBundle.LoadBundle(new MemoryStream(bytes), SourceName, limits);

    public static BundleFormatException LoadFails(byte[] bytes, BundleLimits? limits = null) =>
        Assert.Throws<BundleFormatException>(() => Load(bytes, limits));
}
