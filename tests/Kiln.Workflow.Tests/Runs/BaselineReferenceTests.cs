using Kiln.Core.Data;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>
/// The baseline's validation scores recomputed here from split.json and the data file alone: the dummy predicts the
/// training rows' class frequencies (its class is the most frequent, the first in sorted order on a tie) or their mean,
/// as scikit-learn's DummyClassifier(strategy="prior") and DummyRegressor() do. This checks the folds, the fold scoring and
/// the population standard deviation without going through Kiln's metric code.
/// </summary>
public sealed class BaselineReferenceTests
{
    [Fact]
    public void Run_Penguins_BaselineFoldScoresMatchClassPriorsOfEachFold()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins());

        var species = CsvTable.Read(project.Path("penguins.csv"))["species"];
        var (development, folds) = Folds(result.JobDirectory);
        var accuracy = result.Baseline.Metric("accuracy")!;
        var logLoss = result.Baseline.Metric("log_loss")!;
        Assert.Equal(3, folds.Count);
        for (var f = 0; f < folds.Count; f++)
        {
            var test = folds[f];
            var train = development.Except(test).ToArray();
            var classes = new[] { "Adelie", "Chinstrap", "Gentoo" };
            var prior = classes.Select(name => train.Count(row => species.FormatValue(row) == name) / (double)train.Length).ToArray();
            var majority = classes[Array.IndexOf(prior, prior.Max())];
            var expectedAccuracy = test.Count(row => species.FormatValue(row) == majority) / (double)test.Length;
            var expectedLogLoss = -test.Average(row => Math.Log(prior[Array.IndexOf(classes, species.FormatValue(row))]));
            Assert.Equal(expectedAccuracy, accuracy.Folds[f]!.Value, 12);
            Assert.Equal(expectedLogLoss, logLoss.Folds[f]!.Value, 12);
        }
        AssertMeanAndPopulationStd(accuracy.Folds, accuracy.Mean!.Value, accuracy.Std!.Value);
    }

    [Fact]
    public void Run_Diabetes_BaselineFoldScoresMatchTheTrainingMean()
    {
        using var project = new RunProject();
        project.CopyData("diabetes.csv");

        var result = project.Run(RunYaml.Diabetes());

        var target = CsvTable.Read(project.Path("diabetes.csv")).Numeric("target");
        var (development, folds) = Folds(result.JobDirectory);
        var rmse = result.Baseline.Metric("rmse")!;
        var mae = result.Baseline.Metric("mae")!;
        Assert.Equal(4, folds.Count);
        for (var f = 0; f < folds.Count; f++)
        {
            var test = folds[f];
            var mean = development.Except(test).Average(row => target[row]);
            Assert.Equal(Math.Sqrt(test.Average(row => (target[row] - mean) * (target[row] - mean))), rmse.Folds[f]!.Value, 9);
            Assert.Equal(test.Average(row => Math.Abs(target[row] - mean)), mae.Folds[f]!.Value, 9);
        }
        AssertMeanAndPopulationStd(rmse.Folds, rmse.Mean!.Value, rmse.Std!.Value);
    }

    [Fact]
    public void Run_Folds_PartitionTheTrainAndValidationRows()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = project.Run(RunYaml.Penguins());

        var (development, folds) = Folds(result.JobDirectory);
        var split = RunProject.Json(Path.Combine(result.JobDirectory, "split.json"));
        var test = split["test"]!.AsArray().Select(row => (int)row!).ToHashSet();
        var all = folds.SelectMany(fold => fold).ToArray();
        Assert.Equal(development.Order(), all.Order());
        Assert.DoesNotContain(all, test.Contains);
    }

    private static (int[] Development, List<int[]> Folds) Folds(string jobDirectory)
    {
        var split = RunProject.Json(Path.Combine(jobDirectory, "split.json"));
        var development = split["train"]!.AsArray().Concat(split["validation"]!.AsArray()).Select(row => (int)row!).ToArray();
        var folds = split["folds"]!.AsArray().Select(fold => fold!["test"]!.AsArray().Select(row => (int)row!).ToArray()).ToList();
        return (development, folds);
    }

    private static void AssertMeanAndPopulationStd(IReadOnlyList<double?> folds, double mean, double std)
    {
        var values = folds.Select(value => value!.Value).ToArray();
        var expectedMean = values.Average();
        Assert.Equal(expectedMean, mean, 12);
        Assert.Equal(Math.Sqrt(values.Average(value => (value - expectedMean) * (value - expectedMean))), std, 12);
    }
}
