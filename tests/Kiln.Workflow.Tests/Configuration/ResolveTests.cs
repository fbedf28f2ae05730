using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Learners.Ensembles;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

public sealed class ResolveTests
{
    public ResolveTests() => TestLearners.Ensure();

    private static KilnConfig Parse(string text) => KilnYaml.Parse(text, "kiln.yaml", "/p");

    [Fact]
    public void Resolve_InferredClassification_FillsEveryDefault()
    {
        var config = Parse("name: m\ndata: d.csv\ntarget: y\n");

        var resolved = config.Resolve(LearnerTask.Classification);

        Assert.Equal(LearnerTask.Classification, resolved.Task);
        Assert.True(resolved.TaskWasInferred);
        Assert.Equal("accuracy", resolved.Metric);
        Assert.Equal(new ValidationSettings(ValidationMethod.StratifiedKFold, 5, 1), resolved.Validation);
        Assert.Equal(new SplitFractions(0.7, 0.15, 0.15), resolved.Split);
        Assert.Equal(42ul, resolved.Seed);
        Assert.Equal("default", resolved.Namespace);
        Assert.Equal(
            LearnerCatalog.DefaultCandidates(LearnerTask.Classification).Select(learner => learner.Name),
            resolved.Candidates.Select(candidate => candidate.Name));
        Assert.DoesNotContain("dummy", resolved.Candidates.Select(candidate => candidate.Name));
        Assert.Contains(TestLearners.Linear, resolved.Candidates.Select(candidate => candidate.Name));
    }

    [Fact]
    public void Resolve_InferredRegression_UsesRmseAndPlainKFold()
    {
        var resolved = Parse("name: m\ndata: d.csv\ntarget: y\n").Resolve(LearnerTask.Regression);

        Assert.Equal("rmse", resolved.Metric);
        Assert.Equal(ValidationMethod.KFold, resolved.Validation.Method);
        Assert.Equal(
            LearnerCatalog.DefaultCandidates(LearnerTask.Regression).Select(learner => learner.Name),
            resolved.Candidates.Select(candidate => candidate.Name));
        Assert.DoesNotContain(TestLearners.Linear, resolved.Candidates.Select(candidate => candidate.Name));
    }

    [Fact]
    public void Resolve_WrittenTask_WinsOverInferred()
    {
        var resolved = Parse("name: m\ndata: d.csv\ntarget: y\ntask: regression\n").Resolve(LearnerTask.Classification);

        Assert.Equal(LearnerTask.Regression, resolved.Task);
        Assert.False(resolved.TaskWasInferred);
    }

    [Fact]
    public void Resolve_BaggingWithEstimatorOptions_KeepsThemForTheBaseLearner()
    {
        var config = Parse("name: m\ndata: d.csv\ntarget: y\ncandidates:\n  - bagging: {n_estimators: 3, estimator__max_depth: 2}\n");

        var candidate = Assert.Single(config.Resolve(LearnerTask.Classification).Candidates);
        var estimator = Assert.IsType<BaggingClassifier>(candidate.CreateEstimator(LearnerTask.Classification, seed: 1));

        Assert.Contains(KeyValuePair.Create("estimator__max_depth", HyperparameterValue.Scalar("2")), candidate.Options);
        Assert.Contains(KeyValuePair.Create("n_estimators", HyperparameterValue.Scalar("3")), candidate.Options);
        Assert.Equal(HyperparameterValue.Scalar("2"), estimator.Options.EstimatorOptions["max_depth"]);
        Assert.Equal(3, estimator.Options.NEstimators);
    }

    [Fact]
    public void Parse_BaggingUnknownEstimatorOption_NamesItsLine()
    {
        var text = "name: m\ndata: d.csv\ntarget: y\ncandidates:\n  - bagging:\n      estimator__max_dept: 2\n";

        var error = Assert.Throws<KilnConfigException>(() => Parse(text).Resolve(LearnerTask.Classification));

        Assert.StartsWith("kiln.yaml, line 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("'max_dept'", error.Message, StringComparison.Ordinal);
        Assert.Contains("decision_tree", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoTaskAtAll_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Parse("name: m\ndata: d.csv\ntarget: y\n").Resolve());
    }

    [Fact]
    public void Resolve_MetricOfOtherInferredTask_NamesLineAndInference()
    {
        var config = Parse("name: m\ndata: d.csv\ntarget: y\nmetric: rmse\n");

        var error = Assert.Throws<KilnConfigException>(() => config.Resolve(LearnerTask.Classification));

        Assert.StartsWith(
            "kiln.yaml, line 4, 'metric': 'rmse' is a regression metric, but the task is classification (inferred from the target 'y'; write 'task:' to choose). Classification metrics: accuracy,",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CandidateWithoutVariantForInferredTask_NamesItsLine()
    {
        var config = Parse("name: m\ndata: d.csv\ntarget: y\ncandidates:\n  - test_tree\n  - test_net\n");

        var error = Assert.Throws<KilnConfigException>(() => config.Resolve(LearnerTask.Classification));

        Assert.StartsWith(
            "kiln.yaml, line 6, 'candidates': 'test_net' does regression only, but the task is classification (inferred from the target 'y'; write 'task:' to choose).",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OptionValidForOtherTaskOnly_ParsesThenFailsAtResolve()
    {
        var config = Parse("name: m\ndata: d.csv\ntarget: y\ncandidates:\n  - dummy:\n      strategy: mean\n");

        var error = Assert.Throws<KilnConfigException>(() => config.Resolve(LearnerTask.Classification));

        Assert.Equal("kiln.yaml, line 6, 'dummy.strategy': expected one of most_frequent, prior, stratified, uniform, constant, got 'mean'.", error.Message);
        Assert.Equal("mean", Assert.IsType<DummyRegressor>(config.Resolve(LearnerTask.Regression).Candidates[0].CreateEstimator(LearnerTask.Regression, 1)).Options.Strategy);
    }

    [Fact]
    public void Parse_OptionInvalidForEveryTask_FailsAtParse()
    {
        var error = Assert.Throws<KilnConfigException>(() => Parse("name: m\ndata: d.csv\ntarget: y\ncandidates:\n  - test_tree: {min_samples_split: 1}\n"));

        Assert.Equal("kiln.yaml, line 5, 'test_tree.min_samples_split': expected a whole number of at least 2, got '1'.", error.Message);
    }

    [Fact]
    public void Resolve_Candidate_ListsEveryHyperparameterInDeclarationOrder()
    {
        var resolved = Parse(KilnYamlSamples.Text).Resolve();

        var tree = resolved.Candidates.Single(candidate => candidate.Name == TestLearners.Tree);
        Assert.Equal(
            [
                KeyValuePair.Create("criterion", HyperparameterValue.Scalar("gini")),
                KeyValuePair.Create("max_depth", HyperparameterValue.Scalar("8")),
                KeyValuePair.Create("min_samples_split", HyperparameterValue.Scalar("2")),
            ],
            tree.Options);
        Assert.Equal(["C", "max_iter"], resolved.Candidates.Single(candidate => candidate.Name == TestLearners.Linear).Options.Select(pair => pair.Key));
    }

    [Fact]
    public void Resolve_SameLearnerTwice_NumbersTheLabels()
    {
        var resolved = Parse("name: m\ndata: d.csv\ntarget: y\ntask: regression\ncandidates:\n  - test_tree: {max_depth: 2}\n  - test_net\n  - test_tree: {max_depth: 8}\n").Resolve();

        Assert.Equal(["test_tree#1", "test_net", "test_tree#2"], resolved.Candidates.Select(candidate => candidate.Label));
    }

    [Fact]
    public void ResolvedCandidate_CreateEstimator_PassesTheSeed()
    {
        var resolved = Parse("name: m\ndata: d.csv\ntarget: y\ntask: classification\nseed: 9\ncandidates:\n  - dummy: {strategy: uniform}\n").Resolve();

        var estimator = resolved.Candidates[0].CreateEstimator(resolved.Task, resolved.Seed);

        Assert.Equal(new DummyClassifierOptions { Strategy = "uniform", Seed = 9 }, Assert.IsType<DummyClassifier>(estimator).Options);
    }

    [Fact]
    public void Error_KnownKey_PointsAtItsLine()
    {
        var config = Parse(KilnYamlSamples.Text);

        var error = config.Error("target", "column 'species' is not in penguins.csv; did you mean 'Species'?");

        Assert.Equal("kiln.yaml, line 5, 'target': column 'species' is not in penguins.csv; did you mean 'Species'?", error.Message);
        Assert.Equal("kiln.yaml, 'task': x", config.Error("task", "x").Message.Replace("line 7, ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_NoCandidatesAndNoLearnersForTask_SaysListThem()
    {
        var config = new KilnConfig
        {
            Name = "m",
            Data = new DataSource("/d.csv", DataFormat.Csv, new Dictionary<string, Kiln.Core.Data.ColumnKind>()),
            Target = "y",
            Candidates = [],
        };

        var error = Assert.Throws<KilnConfigException>(() => config.Resolve(LearnerTask.Regression));

        Assert.StartsWith("kiln.yaml, 'candidates': kiln.yaml lists no candidates", error.Message, StringComparison.Ordinal);
    }
}
