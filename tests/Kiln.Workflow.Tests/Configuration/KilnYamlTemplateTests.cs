using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.TestKit;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

public sealed class KilnYamlTemplateTests
{
    public KilnYamlTemplateTests() => TestLearners.Ensure();

    [Fact]
    public void Write_Penguins_ParsesAndResolvesAsClassification()
    {
        using var folder = new TempFolder();
        var project = Path.Combine(folder.Path, "penguins");

        var path = KilnYamlTemplate.Write(project, TestData.Path("data", "penguins.csv"), "species");

        var config = KilnYaml.Load(path);
        Assert.Equal(Path.Combine(project, "kiln.yaml"), path);
        Assert.Equal("penguins", config.Name);
        Assert.Equal(TestData.Path("data", "penguins.csv"), config.Data.Path);
        Assert.Equal("species", config.Target);
        Assert.Equal(LearnerTask.Classification, config.Task);
        var resolved = config.Resolve();
        Assert.Equal("accuracy", resolved.Metric);
        Assert.Equal(ValidationMethod.StratifiedKFold, resolved.Validation.Method);
        Assert.Equal(LearnerCatalog.DefaultCandidates(LearnerTask.Classification).Select(learner => learner.Name), resolved.Candidates.Select(candidate => candidate.Name));
    }

    [Fact]
    public void Render_Diabetes_SaysWhyItIsRegression()
    {
        using var folder = new TempFolder();

        var text = KilnYamlTemplate.Render(folder.Path, TestData.Path("data", "diabetes.csv"), "target", name: "diabetes");

        Assert.Contains("\n# classification or regression. Inferred: 'target' holds whole numbers with 214 distinct values (more than 20).\ntask: regression\n", text, StringComparison.Ordinal);
        Assert.Contains("\nmetric: rmse\n", text, StringComparison.Ordinal);
        Assert.Contains("\nvalidation: {method: kfold, folds: 5, repeats: 1}\n", text, StringComparison.Ordinal);
        Assert.Contains("\n#   mse, rmse, mae, r2, explained_variance, mape, median_absolute_error, max_error\n", text, StringComparison.Ordinal);
        var uncommented = text.Replace("\n# candidates:\n#   - ", "\ncandidates:\n  - ", StringComparison.Ordinal).Replace("\n#   - ", "\n  - ", StringComparison.Ordinal);
        // The example with options is the first default candidate that has hyperparameters, whichever learners are registered.
        var example = LearnerCatalog.DefaultCandidates(LearnerTask.Regression)
            .Select(learner => (learner.Name, Parameters: learner.Hyperparameters(LearnerTask.Regression)))
            .First(pair => pair.Parameters.Count > 0);
        Assert.Contains($"\n  - {example.Name}: {{{example.Parameters[0].Name}: {example.Parameters[0].DefaultText}}}\n", uncommented, StringComparison.Ordinal);
        Assert.Equal(2, KilnYaml.Parse(uncommented, "kiln.yaml", folder.Path).Candidates!.Count);
        var resolved = KilnYaml.Parse(text, "kiln.yaml", folder.Path).Resolve();
        Assert.Equal(LearnerTask.Regression, resolved.Task);
        Assert.Equal("diabetes", resolved.Name);
    }

    [Fact]
    public void Render_DataBesideFolder_WritesRelativePath()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "shared", "my data.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        File.WriteAllText(data, "x,label\n1,yes\n2,no\n3,yes\n");

        var text = KilnYamlTemplate.Render(Path.Combine(folder.Path, "project"), data, "label");

        Assert.Contains("\ndata: \"../shared/my data.csv\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nname: project\n", text, StringComparison.Ordinal);
        Assert.Equal(data, KilnYaml.Parse(text, "kiln.yaml", Path.Combine(folder.Path, "project")).Data.Path);
    }

    [Fact]
    public void Render_OddTargetName_QuotedAndReadBack()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "d.csv");
        File.WriteAllText(data, "x,\"Survived?: yes\"\n1,a\n2,b\n");

        var text = KilnYamlTemplate.Render(folder.Path, data, "Survived?: yes", name: "m");

        Assert.Equal("Survived?: yes", KilnYaml.Parse(text, "kiln.yaml", folder.Path).Target);
    }

    [Fact]
    public void Render_UnknownTarget_SuggestsTheColumn()
    {
        var error = Assert.Throws<KilnException>(() => KilnYamlTemplate.Render("/tmp", TestData.Path("data", "penguins.csv"), "specis"));

        Assert.Equal("Column 'specis' is not in penguins.csv; did you mean 'species'? Columns: species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex, year.", error.Message);
    }

    [Fact]
    public void Render_MissingDataFile_SaysWhich()
    {
        var error = Assert.Throws<KilnException>(() => KilnYamlTemplate.Render("/tmp", "/nonexistent/x.csv", "y"));

        Assert.Equal("Data file not found: /nonexistent/x.csv.", error.Message);
    }

    [Fact]
    public void Render_UnknownExtension_SaysWhatIsRead()
    {
        var error = Assert.Throws<KilnException>(() => KilnYamlTemplate.Render("/tmp", "/data/x.xlsx", "y"));

        Assert.Equal("Cannot tell the format of x.xlsx from its extension; Kiln reads .csv, .tsv, .txt, .gz, .parquet and .pq files.", error.Message);
    }

    [Fact]
    public void Render_BadName_Refused()
    {
        Assert.Throws<ArgumentException>(() => KilnYamlTemplate.Render("/tmp", TestData.Path("data", "iris.csv"), "target", name: "../x"));
    }

    [Fact]
    public void Write_ExistingKilnYaml_RefusedUnlessOverwrite()
    {
        using var folder = new TempFolder();
        var existing = Path.Combine(folder.Path, "kiln.yaml");
        File.WriteAllText(existing, "mine");

        var error = Assert.Throws<KilnException>(() => KilnYamlTemplate.Write(folder.Path, TestData.Path("data", "iris.csv"), "target", name: "iris"));

        Assert.Equal($"{existing} exists already; edit it, or replace it with 'kiln init --force'.", error.Message);
        Assert.Equal("mine", File.ReadAllText(existing));
        KilnYamlTemplate.Write(folder.Path, TestData.Path("data", "iris.csv"), "target", name: "iris", overwrite: true);
        Assert.StartsWith("# kiln.yaml for iris.csv", File.ReadAllText(existing), StringComparison.Ordinal);
        Assert.False(File.Exists(existing + ".partial"));
    }
}
