using Kiln.Core.Learners;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

public sealed class ResolvedConfigWriterTests
{
    public ResolvedConfigWriterTests() => TestLearners.Ensure();

    [Fact]
    public void ToYaml_Example_WritesEveryKeyInOrder()
    {
        var resolved = KilnYaml.Parse(KilnYamlSamples.Text, "kiln.yaml", "/work/project").Resolve();

        var yaml = ResolvedConfigWriter.ToYaml(resolved);

        var expected = string.Join("\n",
        [
            "# kiln.yaml as resolved for this run: every default is filled in, so this file alone repeats the run.",
            "name: penguins",
            "namespace: examples",
            "job_name: penguins-try-1",
            "data:",
            $"  path: {Path.GetFullPath("/work/project/data/penguins.csv")}",
            "  format: csv",
            "target: species",
            "ignore: [row_id]",
            "task: classification",
            "metric: accuracy",
            "seed: 42",
            "split: {train: 0.7, validation: 0.15, test: 0.15}",
            "validation: {method: kfold, folds: 5, repeats: 1}",
            "candidates:",
            "  - test_linear:",
            "      C: 1",
            "      max_iter: 100",
            "  - test_tree:",
            "      criterion: gini",
            "      max_depth: 8",
            "      min_samples_split: 2",
            "",
        ]);
        Assert.Equal(expected, yaml);
    }

    [Fact]
    public void ToYaml_InferredHoldoutWithSchema_WritesHeaderAndOmitsFolds()
    {
        var text = "name: m\ndata: {path: d.csv, schema: {zip: categorical, age: numeric}}\ntarget: y\nsplit: {train: 0.6, validation: 0.2, test: 0.2}\nvalidation: holdout\ncandidates: [test_net]\n";
        var resolved = KilnYaml.Parse(text, "kiln.yaml", "/p").Resolve(LearnerTask.Regression) with { JobName = "m-20250101-000000-abcd" };

        var yaml = ResolvedConfigWriter.ToYaml(resolved, ["Job m-20250101-000000-abcd.", "", "Written by a test."]);

        Assert.StartsWith("# Job m-20250101-000000-abcd.\n#\n# Written by a test.\nname: m\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  schema:\n    age: numeric\n    zip: categorical\n", yaml, StringComparison.Ordinal);
        Assert.Contains("validation: {method: holdout}\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  - test_net:\n      hidden_layers: [64, 32]\n      early_stopping: false\n", yaml, StringComparison.Ordinal);
        Assert.Contains("job_name: m-20250101-000000-abcd\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: m\ndata: d.csv\ntarget: y\n", LearnerTask.Classification)]
    [InlineData("name: m\ndata: d.csv\ntarget: y\n", LearnerTask.Regression)]
    [InlineData("name: m\ndata: {path: d.parquet, schema: {'a: b': text, '~': boolean}}\ntarget: 'null'\nignore: ['~', '#x', 'a, b', \"it's\"]\ntask: regression\nmetric: R2\nseed: 18446744073709551615\nsplit: {train: 0.8, test: 0.2}\ncandidates:\n  - test_net: {hidden_layers: [3], early_stopping: true}\n  - dummy: {strategy: quantile, quantile: 0.1}\n", null)]
    [InlineData("name: m\ndata: d.csv\ntarget: y\ntask: classification\nvalidation: {method: kfold, folds: 10, repeats: 3}\ncandidates:\n  - dummy: {strategy: constant, constant: 'null'}\n  - dummy: {strategy: constant, constant: ''}\n  - test_tree: {max_depth: ~}\n", null)]
    public void ToYaml_ParsedBack_GivesTheSameResolvedConfig(string text, LearnerTask? inferred)
    {
        var resolved = KilnYaml.Parse(text, "kiln.yaml", "/p").Resolve(inferred);
        var yaml = ResolvedConfigWriter.ToYaml(resolved);

        var reparsed = KilnYaml.Parse(yaml, "resolved.yaml", "/elsewhere");
        var again = reparsed.Resolve();

        Assert.Equal(yaml, ResolvedConfigWriter.ToYaml(again with { TaskWasInferred = resolved.TaskWasInferred }));
        Assert.Equal(resolved.Data.Path, again.Data.Path);
        Assert.Equal(resolved.Target, again.Target);
        Assert.Equal(resolved.Ignore, again.Ignore);
        Assert.Equal(resolved.Data.Schema.OrderBy(pair => pair.Key), again.Data.Schema.OrderBy(pair => pair.Key));
        Assert.Equal(resolved.Split, again.Split);
        Assert.Equal(resolved.Validation, again.Validation);
        Assert.Equal(resolved.Candidates.Select(candidate => candidate.Options), again.Candidates.Select(candidate => candidate.Options));
    }
}
