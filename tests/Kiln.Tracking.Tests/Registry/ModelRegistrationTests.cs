using System.Text.Json.Nodes;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

public sealed class ModelRegistrationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static LogisticRegressionModel FitClassifier()
    {
        var width = Enumerable.Range(0, 40).Select(i => (double)(i % 10)).ToArray();
        var height = Enumerable.Range(0, 40).Select(i => (double)((i * 7) % 11)).ToArray();
        var label = Enumerable.Range(0, 40).Select(i => i % 10 < 5 ? "small" : "large").ToArray();
        var features = new Table([NumericColumn.FromOwned("width", width), NumericColumn.FromOwned("height", height)]);
        return new LogisticRegressionClassifier().Fit(new TrainingSet(features, CategoricalColumn.FromValues("label", label)));
    }

    private string Save(IReadOnlyDictionary<string, string> lineage, IReadOnlyDictionary<string, double> metrics)
    {
        var path = Path.Combine(_folder.Path, "model.kiln");
        ModelBundle.Save(FitClassifier(), path, new BundleSaveOptions { Lineage = lineage, Metrics = metrics });
        return path;
    }

    [Fact]
    public void FromBundle_KilnRunLineage_ReadsRunDataVersionMetricsAndSignature()
    {
        var path = Save(
            new Dictionary<string, string> { ["run_id"] = "0f1e2d3c4b5a69780f1e2d3c4b5a6978", ["data_version"] = "5e884898da280471", ["job_name"] = "job" },
            new Dictionary<string, double> { ["accuracy"] = 0.95, ["log_loss"] = 0.125 });

        var version = ModelRegistration.FromBundle(path, description: "first");

        Assert.Equal(Path.GetFullPath(path), version.BundleLocation);
        Assert.Equal("0f1e2d3c4b5a69780f1e2d3c4b5a6978", version.RunId);
        Assert.Equal("5e884898da280471", version.DataVersion);
        Assert.Equal(0.95, version.TestMetrics["accuracy"]);
        Assert.Equal(0.125, version.TestMetrics["log_loss"]);
        Assert.Equal(2, version.TestMetrics.Count);
        Assert.Equal("first", version.Description);
        var signature = JsonNode.Parse(version.Signature)!;
        Assert.Equal("""[{"name":"width","kind":"numeric"},{"name":"height","kind":"numeric"}]""", signature["inputs"]!.ToJsonString());
        Assert.Equal("classification", (string?)signature["output"]!["task"]);
        Assert.Equal(2, signature["output"]!["classes"]!.AsArray().Count);
    }

    [Fact]
    public void FromBundle_NoLineage_LeavesRunAndDataVersionNullAndKeepsAGivenLocation()
    {
        var path = Save(new Dictionary<string, string>(), new Dictionary<string, double>());

        var version = ModelRegistration.FromBundle(path, bundleLocation: "s3://bucket/ns=a/output/m/model.kiln");

        Assert.Null(version.RunId);
        Assert.Null(version.DataVersion);
        Assert.Empty(version.TestMetrics);
        Assert.Equal("s3://bucket/ns=a/output/m/model.kiln", version.BundleLocation);
    }

    [Fact]
    public void FromBundle_RegisteredVersion_RoundTripsThroughTheRegistry()
    {
        var path = Save(new Dictionary<string, string> { ["run_id"] = "run-7", ["data_version"] = "abc" }, new Dictionary<string, double> { ["accuracy"] = 0.5 });
        using var registry = SqliteModelRegistry.Open(_folder.Path, TimeProvider.System);

        var registered = registry.Register("sizes", ModelRegistration.FromBundle(path));

        var resolved = registry.Resolve(ModelReference.Parse("sizes"));
        Assert.Equal(registered.Version, resolved.Version);
        Assert.Equal("run-7", resolved.RunId);
        Assert.Equal(ModelRegistration.Signature(ModelBundle.ReadManifest(path)), resolved.Signature);
    }

    [Fact]
    public void FromBundle_NotABundle_IsRefusedSayingItDoesNotLoad()
    {
        var path = Path.Combine(_folder.Path, "model.kiln");
        File.WriteAllText(path, "not a zip");

        var error = Assert.Throws<KilnException>(() => ModelRegistration.FromBundle(path));

        Assert.Contains("does not load", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBundle_MissingFile_IsRefusedNamingIt()
    {
        var path = Path.Combine(_folder.Path, "absent.kiln");

        var error = Assert.Throws<KilnException>(() => ModelRegistration.FromBundle(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBundle_InvalidRunIdInLineage_IsRefused()
    {
        var path = Save(new Dictionary<string, string> { ["run_id"] = "../escape" }, new Dictionary<string, double>());

        var error = Assert.Throws<KilnException>(() => ModelRegistration.FromBundle(path));

        Assert.Contains("run id '../escape'", error.Message, StringComparison.Ordinal);
    }
}
