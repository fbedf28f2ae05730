using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Metrics;
using Kiln.Core.Persistence;
using Kiln.Core.Selection;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Examples;

/// <summary>Runs the README's "Using Kiln.Core from C#" example, so that the README stays true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void LibraryExample_Iris_RunsAndScoresTheBaseline()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kiln-readme-{Environment.ProcessId}.kiln");
        try
        {
            // --- README example, from here ---
            var table = CsvTable.Read(TestData.Path("data", "iris.csv"));
            var data = new TrainingSet(table.Drop(["target"]), table["target"]);
            var labels = data.ClassLabels();                       // classes sorted; codes per row

            var holdout = new HoldoutSplitter(seed: 42).SplitStratified(SplitData.ForClasses(labels));
            var train = data.Rows(holdout.Train);                  // a view: nothing is copied

            var model = new DummyClassifier(new() { Strategy = "prior" }).Fit(train);
            var predicted = model.Predict(table.Take(holdout.Test)); // class indices into model.Classes

            var truth = holdout.Test.Select(row => labels.Codes[row]).ToArray();
            var guesses = predicted.Select(value => (int)value).ToArray();
            var accuracy = ClassificationMetrics.Accuracy(truth, guesses);

            ModelBundle.Save(model, path);
            var loaded = ModelBundle.Load<DummyClassifierModel>(path);
            // --- to here ---

            Assert.Equal((105, 22, 23), (holdout.Train.Length, holdout.Validation.Length, holdout.Test.Length));
            // The prior baseline predicts the first of three equally frequent classes: a third of a stratified test part, 8 of 23.
            Assert.Equal(8.0 / 23.0, accuracy, 1e-12);
            Assert.Equal(predicted, loaded.Predict(table.Take(holdout.Test)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
