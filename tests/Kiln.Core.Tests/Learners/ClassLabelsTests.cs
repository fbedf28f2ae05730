using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners;

public sealed class ClassLabelsTests
{
    [Fact]
    public void Sort_NumericLabels_SortNumerically()
    {
        Assert.Equal(["-1", "2", "9", "10", "100"], ClassLabels.Sort(["10", "9", "100", "-1", "2"]));
    }

    [Fact]
    public void Sort_DecimalLabels_SortNumerically()
    {
        Assert.Equal(["0.5", "1e1", "20.25"], ClassLabels.Sort(["20.25", "1e1", "0.5"]));
    }

    [Fact]
    public void Sort_MixedLabels_SortOrdinally()
    {
        // Not every label is a number, so all sort as strings: "10" before "9", upper case before lower case.
        Assert.Equal(["10", "9", "B", "a"], ClassLabels.Sort(["a", "9", "B", "10"]));
    }

    [Fact]
    public void Sort_SameNumberWrittenTwoWays_Throws()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => ClassLabels.Sort(["1", "2", "1.0"]));

        Assert.Contains("'1' and '1.0' are the same number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sort_NaNLabel_SortsOrdinally()
    {
        Assert.Equal(["1", "2", "NaN"], ClassLabels.Sort(["NaN", "2", "1"]));
    }

    [Fact]
    public void FromLabels_CodesIndexSortedClasses()
    {
        var labels = ClassLabels.FromLabels(["10", "9", "10", "1"]);

        Assert.Equal(["1", "9", "10"], labels.Classes);
        Assert.Equal([2, 1, 2, 0], labels.Codes.ToArray());
        Assert.Equal(3, labels.ClassCount);
    }

    [Fact]
    public void FromColumn_NumericColumn_UsesRoundTripText()
    {
        var column = new NumericColumn("y", [1, 0, 1, 2]);

        var labels = ClassLabels.FromColumn(column, [0, 1, 2, 3]);

        Assert.Equal(["0", "1", "2"], labels.Classes);
        Assert.Equal([1, 0, 1, 2], labels.Codes.ToArray());
    }

    [Fact]
    public void FromColumn_Boolean_SortsFalseFirst()
    {
        var labels = ClassLabels.FromColumn(new BooleanColumn("y", [true, false]), [0, 1]);

        Assert.Equal(["false", "true"], labels.Classes);
    }

    [Fact]
    public void FromColumn_MissingValue_ThrowsNamingRow()
    {
        var column = new NumericColumn("y", [1, double.NaN]);

        var error = Assert.Throws<SchemaMismatchException>(() => ClassLabels.FromColumn(column, [0, 1]));

        Assert.Contains("'y' is missing in row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromColumn_TextColumn_EncodesLikeCategorical()
    {
        var labels = ClassLabels.FromColumn(new TextColumn("y", ["b", "a", "b"]), [0, 1, 2]);

        Assert.Equal(["a", "b"], labels.Classes);
        Assert.Equal([1, 0, 1], labels.Codes.ToArray());
    }

    [Fact]
    public void FromColumn_Rows_EncodesOnlyThoseRows()
    {
        var column = CategoricalColumn.FromValues("y", ["x", "y", "z"]);

        var labels = ClassLabels.FromColumn(column, [2, 2, 0]);

        Assert.Equal(["x", "z"], labels.Classes);
        Assert.Equal([1, 1, 0], labels.Codes.ToArray());
    }
}
