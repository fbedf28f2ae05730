using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

public sealed class KilnYamlParseTests
{
    public KilnYamlParseTests() => TestLearners.Ensure();

    [Fact]
    public void Parse_Example_ReadsEveryKey()
    {
        var config = KilnYaml.Parse(KilnYamlSamples.Text, "kiln.yaml", KilnYamlSamples.BaseDirectory);

        Assert.Equal("penguins", config.Name);
        Assert.Equal("examples", config.Namespace);
        Assert.Equal("penguins-try-1", config.JobName);
        Assert.Equal(Path.GetFullPath("/work/project/data/penguins.csv"), config.Data.Path);
        Assert.Equal(DataFormat.Csv, config.Data.Format);
        Assert.Empty(config.Data.Schema);
        Assert.Equal("species", config.Target);
        Assert.Equal(["row_id"], config.Ignore);
        Assert.Equal(LearnerTask.Classification, config.Task);
        Assert.Equal("accuracy", config.Metric);
        Assert.Equal(42ul, config.Seed);
        Assert.Equal(new SplitFractions(0.7, 0.15, 0.15), config.Split);
        Assert.Equal(new ValidationSettings(ValidationMethod.KFold, 5, 1), config.Validation);
        Assert.Equal(["test_linear", "test_tree"], config.Candidates!.Select(candidate => candidate.Name));
        Assert.Empty(config.Candidates![0].Options);
        Assert.Equal([KeyValuePair.Create("max_depth", HyperparameterValue.Scalar("8"))], config.Candidates![1].Options);
    }

    [Fact]
    public void Parse_Minimal_FillsDefaults()
    {
        var config = KilnYaml.Parse("name: m\ndata: d.csv\ntarget: y\n", "kiln.yaml", KilnYamlSamples.BaseDirectory);

        Assert.Equal("default", config.Namespace);
        Assert.Null(config.JobName);
        Assert.Empty(config.Ignore);
        Assert.Null(config.Task);
        Assert.Null(config.Metric);
        Assert.Equal(42ul, config.Seed);
        Assert.Equal(new SplitFractions(0.7, 0.15, 0.15), config.Split);
        Assert.Equal(new ValidationSettings(null, 5, 1), config.Validation);
        Assert.Null(config.Candidates);
    }

    [Fact]
    public void Parse_ExplicitNulls_MeanDefaults()
    {
        var config = KilnYaml.Parse("name: m\nnamespace: ~\njob_name:\ndata: d.csv\ntarget: y\nmetric: null\nseed:\nsplit:\nvalidation:\ncandidates:\nignore:\n", "kiln.yaml", "/p");

        Assert.Equal("default", config.Namespace);
        Assert.Null(config.JobName);
        Assert.Null(config.Metric);
        Assert.Equal(42ul, config.Seed);
        Assert.Null(config.Candidates);
        Assert.Empty(config.Ignore);
    }

    [Fact]
    public void Parse_DataMap_ReadsPathFormatAndSchema()
    {
        var text = "name: m\ndata:\n  path: ../shared/train.data\n  format: csv\n  schema: {zip: categorical, when: datetime, note: text, ok: boolean, size: numeric}\ntarget: y\n";

        var config = KilnYaml.Parse(text, "kiln.yaml", "/work/project");

        Assert.Equal(Path.GetFullPath("/work/shared/train.data"), config.Data.Path);
        Assert.Equal(DataFormat.Csv, config.Data.Format);
        Assert.Equal(ColumnKind.Categorical, config.Data.Schema["zip"]);
        Assert.Equal(ColumnKind.DateTime, config.Data.Schema["when"]);
        Assert.Equal(ColumnKind.Text, config.Data.Schema["note"]);
        Assert.Equal(ColumnKind.Boolean, config.Data.Schema["ok"]);
        Assert.Equal(ColumnKind.Numeric, config.Data.Schema["size"]);
    }

    [Theory]
    [InlineData("data/x.csv", DataFormat.Csv)]
    [InlineData("data/x.CSV", DataFormat.Csv)]
    [InlineData("x.tsv", DataFormat.Csv)]
    [InlineData("x.csv.gz", DataFormat.Csv)]
    [InlineData("x.parquet", DataFormat.Parquet)]
    [InlineData("x.pq", DataFormat.Parquet)]
    public void Parse_DataPath_FormatFromExtension(string path, DataFormat expected)
    {
        var config = KilnYaml.Parse($"name: m\ndata: {path}\ntarget: y\n", "kiln.yaml", "/p");

        Assert.Equal(expected, config.Data.Format);
    }

    [Fact]
    public void Parse_AbsoluteDataPath_KeptAsIs()
    {
        var absolute = Path.GetFullPath("/data/sets/x.csv");

        var config = KilnYaml.Parse($"name: m\ndata: {absolute}\ntarget: y\n", "kiln.yaml", "/p");

        Assert.Equal(absolute, config.Data.Path);
    }

    [Theory]
    [InlineData("split: {train: 0.8, test: 0.2}", 0.8, 0.0, 0.2)]
    [InlineData("split: {train: 0.6, validation: 0.2}", 0.6, 0.2, 0.2)]
    [InlineData("split: {validation: 0.1, test: 0.1}", 0.8, 0.1, 0.1)]
    [InlineData("split: {train: 0.5, validation: 0.25, test: 0.25}", 0.5, 0.25, 0.25)]
    public void Parse_Split_LeftOutShareIsTheRest(string line, double train, double validation, double test)
    {
        var config = KilnYaml.Parse(KilnYamlSamples.With(10, line), "kiln.yaml", "/p");

        Assert.Equal(new SplitFractions(train, validation, test), config.Split);
    }

    [Fact]
    public void Parse_ValidationShorthand_IsTheMethod()
    {
        var config = KilnYaml.Parse(KilnYamlSamples.With(11, "validation: holdout"), "kiln.yaml", "/p");

        Assert.Equal(new ValidationSettings(ValidationMethod.Holdout), config.Validation);
    }

    [Fact]
    public void Parse_CandidateForms_AllRead()
    {
        var text = KilnYamlSamples.With(14, "  - test_tree:\n  - test_tree:\n      criterion: entropy\n      max_depth: null\n  - dummy: {strategy: 'prior'}");

        var candidates = KilnYaml.Parse(text, "kiln.yaml", "/p").Candidates!;

        Assert.Equal(["test_linear", "test_tree", "test_tree", "dummy"], candidates.Select(candidate => candidate.Name));
        Assert.Empty(candidates[1].Options);
        Assert.Equal(
            [KeyValuePair.Create("criterion", HyperparameterValue.Scalar("entropy")), KeyValuePair.Create("max_depth", HyperparameterValue.Null)],
            candidates[2].Options);
        Assert.Equal([KeyValuePair.Create("strategy", HyperparameterValue.Scalar("prior"))], candidates[3].Options);
    }

    [Fact]
    public void Parse_SingleIgnoreAndCandidate_ReadAsOneItemLists()
    {
        var config = KilnYaml.Parse(KilnYamlSamples.With(6, "ignore: row_id").Replace("candidates:\n  - test_linear\n  - test_tree: {max_depth: 8}", "candidates: test_tree", StringComparison.Ordinal), "kiln.yaml", "/p");

        Assert.Equal(["row_id"], config.Ignore);
        Assert.Equal(["test_tree"], config.Candidates!.Select(candidate => candidate.Name));
    }

    [Fact]
    public void Parse_ListHyperparameter_ReadsList()
    {
        var text = "name: m\ndata: d.csv\ntarget: y\ntask: regression\ncandidates:\n  - test_net: {hidden_layers: [16, 8]}\n";

        var candidate = KilnYaml.Parse(text, "kiln.yaml", "/p").Candidates!.Single();

        Assert.Equal(HyperparameterValue.List([HyperparameterValue.Scalar("16"), HyperparameterValue.Scalar("8")]), candidate.Options.Single().Value);
    }

    [Fact]
    public void Parse_MetricAlias_StoredByCanonicalName()
    {
        var config = KilnYaml.Parse(KilnYamlSamples.With(8, "metric: F1_Macro"), "kiln.yaml", "/p");

        Assert.Equal("f1_macro", config.Metric);
    }

    [Fact]
    public void Load_File_ResolvesDataAgainstItsFolder()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "sub", "kiln.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "name: m\ndata: data/x.csv\ntarget: y\n");

        var config = KilnYaml.Load(path);

        Assert.Equal(Path.Combine(folder.Path, "sub", "data", "x.csv"), config.Data.Path);
        Assert.Equal(path, config.File);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Load("/nonexistent/kiln.yaml"));

        Assert.Equal("/nonexistent/kiln.yaml: no such file; pass the path of a kiln.yaml, or write one with 'kiln init'.", error.Message);
    }

    [Fact]
    public void Locate_Folder_FindsKilnYaml()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "kiln.yaml"), "name: m\n");

        Assert.Equal(Path.Combine(folder.Path, "kiln.yaml"), KilnYaml.Locate(null, folder.Path));
        Assert.Equal(Path.Combine(folder.Path, "kiln.yaml"), KilnYaml.Locate(".", folder.Path));
        Assert.Equal(Path.Combine(folder.Path, "kiln.yaml"), KilnYaml.Locate("kiln.yaml", folder.Path));
    }

    [Fact]
    public void Locate_FolderWithoutKilnYaml_SuggestsInit()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "empty"));

        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Locate("empty", folder.Path));

        Assert.Equal("empty: the folder has no kiln.yaml; write one with 'kiln init empty --data FILE --target COLUMN'.", error.Message);
    }
}
