using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Persistence;

public sealed class BundleRoundTripTests
{
    public BundleRoundTripTests() => TestModels.EnsureRegistered();

    [Fact]
    public void SaveLoad_Classifier_PredictsSameBitsAndProbabilities()
    {
        var model = SampleBundles.Classifier();
        var rows = Datasets.Blobs(rows: 500, seed: 99).Features;

        var loaded = (DummyClassifierModel)SampleBundles.Load(SampleBundles.Bytes(model)).Model;

        Bits.Equal(model.Predict(rows), loaded.Predict(rows), "predictions");
        Bits.Equal(model.PredictProbabilities(rows), loaded.PredictProbabilities(rows), "probabilities");
        Bits.Equal([.. model.ClassPriors], [.. loaded.ClassPriors], "priors");
        Assert.Equal(model.Options, loaded.Options);
    }

    [Fact]
    public void SaveLoad_EveryEntryFormatAndNestedParts_RoundTripExactly()
    {
        double[] doubles = [0.1, -0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF), double.Epsilon, double.MaxValue, double.NegativeInfinity, 1e-310];
        int[] integers = [int.MinValue, -1, 0, 1, int.MaxValue];
        var text = "LightGBM-like text:\ntree=0\nnames: café, 日本, 🔥\n";
        var inputs = new Schema([new ColumnInfo("a", ColumnKind.Numeric), new ColumnInfo("b", ColumnKind.Categorical), new ColumnInfo("when", ColumnKind.DateTime, ColumnRole.Time)]);
        var inner = new PartsTestModel([2.5], [], string.Empty, Schema.Empty, [SampleBundles.Regressor()]);
        var model = new PartsTestModel(doubles, integers, text, inputs, [SampleBundles.Classifier(), inner]);

        var loaded = SampleBundles.Load(SampleBundles.Bytes(model));
        var copy = Assert.IsType<PartsTestModel>(loaded.Model);

        Bits.Equal(doubles, copy.Doubles, "doubles");
        Assert.Equal(integers, copy.Integers);
        Assert.Equal(text, copy.Text);
        Assert.Equal(inputs, copy.InputSchema);
        Assert.IsType<DummyClassifierModel>(copy.Children[0]);
        var nested = Assert.IsType<PartsTestModel>(copy.Children[1]);
        Assert.Equal(SampleBundles.Regressor().Value, Assert.IsType<DummyRegressorModel>(nested.Children[0]).Value);
        Assert.Equal(
            [("model", "test_parts"), ("model/child_0", "dummy_classifier"), ("model/child_1", "test_parts"), ("model/child_1/child_0", "dummy_regressor")],
            loaded.Manifest.Parts.Select(part => (part.Path, part.Kind)));
    }

    [Fact]
    public void Save_Manifest_RecordsSignatureOutputLineageMetricsTimeAndEntries()
    {
        var model = SampleBundles.Classifier();
        var options = SampleBundles.Options() with
        {
            Lineage = new Dictionary<string, string> { ["run_id"] = "run-42", ["data_version"] = "sha256:abc", ["seed"] = "7" },
            Metrics = new Dictionary<string, double> { ["accuracy"] = 0.875, ["log_loss"] = double.NaN },
        };

        var bytes = SampleBundles.Bytes(model, options);

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var root = manifest.RootElement;
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal(ModelBundle.KilnVersion, root.GetProperty("kiln_version").GetString());
        Assert.Equal("dummy_classifier", root.GetProperty("kind").GetString());
        Assert.Equal(SampleBundles.CreatedAt, root.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(["x0", "x1"], root.GetProperty("inputs").EnumerateArray().Select(input => input.GetProperty("name").GetString()));
        Assert.All(root.GetProperty("inputs").EnumerateArray(), input => Assert.Equal("numeric", input.GetProperty("kind").GetString()));
        Assert.Equal("classification", root.GetProperty("output").GetProperty("task").GetString());
        Assert.Equal(["class_0", "class_1", "class_2"], root.GetProperty("output").GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("run-42", root.GetProperty("lineage").GetProperty("run_id").GetString());
        Assert.Equal(0.875, root.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal("NaN", root.GetProperty("metrics").GetProperty("log_loss").GetString());
        var listed = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["model/classes.json", "model/inputs.json", "model/options.json", "model/priors.f64"], listed.Select(e => e.GetProperty("name").GetString()).Order());
        foreach (var entry in listed)
        {
            using var stream = zip.GetEntry(entry.GetProperty("name").GetString()!)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(copy.Length, entry.GetProperty("length").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())), entry.GetProperty("sha256").GetString());
        }
        Assert.Equal("doubles", listed.Single(e => e.GetProperty("name").GetString() == "model/priors.f64").GetProperty("format").GetString());
    }

    [Fact]
    public void Save_RegressorManifest_DescribesRegressionWithoutClasses()
    {
        var manifest = SampleBundles.Load(SampleBundles.Bytes(SampleBundles.Regressor())).Manifest;

        Assert.Equal(new BundleOutput(BundleOutput.Regression, null), manifest.Output);
        Assert.Equal("dummy_regressor", manifest.Kind);
        Assert.Equal(10, manifest.Inputs.Count);
    }

    [Fact]
    public void Save_SameModelAtSameTime_WritesIdenticalBytes()
    {
        var first = SampleBundles.Bytes(SampleBundles.Classifier());
        var second = SampleBundles.Bytes(SampleBundles.Classifier());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Save_ToFile_LoadsBackAndLeavesNoTemporaryFiles()
    {
        var folder = Directory.CreateTempSubdirectory("kiln-bundle-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.kiln");
            var model = SampleBundles.Regressor();

            ModelBundle.Save(model, path, SampleBundles.Options());
            ModelBundle.Save(model, path, SampleBundles.Options());
            var loaded = ModelBundle.Load<DummyRegressorModel>(path);
            var manifest = ModelBundle.ReadManifest(path);

            Assert.Equal(model.Value, loaded.Value);
            Assert.Equal(SampleBundles.CreatedAt, manifest.CreatedAt);
            Assert.Equal(["model.kiln"], folder.GetFiles().Select(file => file.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Save_FailingModel_LeavesExistingFileIntact()
    {
        var folder = Directory.CreateTempSubdirectory("kiln-bundle-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.kiln");
            ModelBundle.Save(SampleBundles.Regressor(), path, SampleBundles.Options());
            var before = File.ReadAllBytes(path);

            var exception = Assert.Throws<InvalidOperationException>(() => ModelBundle.Save(new FailingTestModel(), path));

            Assert.Contains("Simulated failure", exception.Message, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(["model.kiln"], folder.GetFiles().Select(file => file.Name));
            Assert.Equal(SampleBundles.Regressor().Value, ModelBundle.Load<DummyRegressorModel>(path).Value);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Save_UnregisteredKind_ThrowsNamingTheKind()
    {
        var exception = Assert.Throws<ArgumentException>(() => SampleBundles.Bytes(new UnregisteredModel()));

        Assert.Contains("'not_registered_anywhere'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOfType_OtherModelType_ThrowsNamingBoth()
    {
        var folder = Directory.CreateTempSubdirectory("kiln-bundle-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.kiln");
            ModelBundle.Save(SampleBundles.Regressor(), path);

            var exception = Assert.Throws<BundleFormatException>(() => ModelBundle.Load<DummyClassifierModel>(path));

            Assert.Contains("dummy_regressor", exception.Message, StringComparison.Ordinal);
            Assert.Contains(nameof(DummyClassifierModel), exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadBundle_NonSeekableStream_Loads()
    {
        var bytes = SampleBundles.Bytes(SampleBundles.Regressor());

        var loaded = ModelBundle.LoadBundle(new ForwardOnlyStream(bytes), "stream");

        Assert.Equal(SampleBundles.Regressor().Value, ((DummyRegressorModel)loaded.Model).Value);
    }

    private sealed class UnregisteredModel : IModel
    {
        public Schema InputSchema => Schema.Empty;

        public string Kind => "not_registered_anywhere";

        public void Save(BundleWriter writer)
        {
        }
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
