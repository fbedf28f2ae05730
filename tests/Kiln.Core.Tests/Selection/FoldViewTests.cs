using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

/// <summary>Folds used as cross-validation will use them: as row views of a training set or table.</summary>
public sealed class FoldViewTests
{
    private static TrainingSet Data()
    {
        var x = Enumerable.Range(0, 30).Select(i => (double)i).ToArray();
        var species = Enumerable.Range(0, 30).Select(i => i < 15 ? "setosa" : i < 25 ? "versicolor" : "virginica").ToArray();
        var table = new Table([new NumericColumn("x", x), CategoricalColumn.FromValues("species", species)]);
        return new TrainingSet(table.Select(["x"]), table["species"]);
    }

    [Fact]
    public void StratifiedFolds_OnATrainingSetView_SelectTheViewsRows()
    {
        var data = Data().Rows(Enumerable.Range(0, 30).Where(i => i % 3 != 0).ToArray());

        foreach (var fold in new StratifiedKFold(2, seed: 1).Split(SplitData.ForClasses(data.ClassLabels())))
        {
            var train = data.Rows(fold.Train);
            var test = data.Rows(fold.Test);

            Assert.Same(data.Features, train.Features);
            Assert.Equal(data.RowCount, train.RowCount + test.RowCount);
            Assert.Empty(train.RowIndices.ToArray().Intersect(test.RowIndices.ToArray()));
            Assert.All(test.RowIndices.ToArray(), row => Assert.NotEqual(0, row % 3));
            Assert.Equal(data.ClassLabels().Classes, test.ClassLabels().Classes);
        }
    }

    [Fact]
    public void GroupFolds_FromAColumnAtTheViewsRows_KeepGroupsTogether()
    {
        var table = new Table([new NumericColumn("x", new double[12]), new TextColumn("site", Enumerable.Range(0, 12).Select(i => $"s{i % 4}").ToArray())]);
        int[] rows = [11, 10, 9, 8, 7, 6, 5, 4];
        var data = SplitData.ForRows(rows.Length).WithGroups(table["site"], rows);

        foreach (var fold in new GroupKFold(2).Split(data))
        {
            var test = table.Rows(fold.Test.Select(i => rows[i]).ToArray());
            var train = table.Rows(fold.Train.Select(i => rows[i]).ToArray());
            var testSites = test.Materialize()["site"];
            var trainSites = train.Materialize()["site"];
            var testValues = Enumerable.Range(0, testSites.Length).Select(testSites.FormatValue).ToHashSet();
            Assert.DoesNotContain(Enumerable.Range(0, trainSites.Length).Select(trainSites.FormatValue), testValues.Contains);
        }
    }
}
