using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;

namespace Kiln.Workflow.Tests.Runs;

public sealed class EnsembleRunTests
{
    [Fact]
    public void Run_BaggingWithEstimatorOptions_SavesTheBaseOptionsAndModel()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins(candidates: "  - bagging: {n_estimators: 3, estimator__max_depth: 2}\n  - adaboost: {n_estimators: 5}"));

        var metrics = RunProject.Json(Path.Combine(result.JobDirectory, "metrics.json"));
        var candidates = metrics["candidates"]!.AsArray();
        Assert.Equal(["bagging", "adaboost"], candidates.Select(candidate => (string?)candidate!["name"]));
        Assert.Equal("2", candidates[0]!["options"]!["estimator__max_depth"]!.ToJsonString());
        var model = Assert.IsType<PipelineModel>(ModelBundle.LoadBundle(Path.Combine(result.JobDirectory, "model.kiln")).Model);
        if (model.Predictor is BaggingClassifierModel bagging)
            Assert.All(bagging.Estimators, member => Assert.Equal(2, Assert.IsType<DecisionTreeClassifierModel>(member).Options.MaxDepth));
        else
            Assert.Equal(5, Assert.IsType<AdaBoostClassifierModel>(model.Predictor).Options.NEstimators);
    }
}
