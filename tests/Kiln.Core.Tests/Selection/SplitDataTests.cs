using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

public sealed class SplitDataTests
{
    [Fact]
    public void ForRows_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitData.ForRows(-1));
    }

    [Fact]
    public void ForClasses_MissingCode_ThrowsNamingRow()
    {
        var error = Assert.Throws<ArgumentException>(() => SplitData.ForClasses([0, 1, -1, 0]));

        Assert.Contains("Row 2 has class code -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForClasses_CodePastNames_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SplitData.ForClasses([0, 2], ["a", "b"]));

        Assert.Contains("class code 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForClasses_CopiesCodes()
    {
        int[] codes = [0, 1, 0];

        var data = SplitData.ForClasses(codes);
        codes[0] = 1;

        Assert.Equal([0, 1, 0], data.ClassCodes.ToArray());
        Assert.True(data.HasClasses);
        Assert.False(data.HasGroups);
        Assert.Equal(3, data.RowCount);
    }

    [Fact]
    public void ForClasses_ClassLabels_KeepsNames()
    {
        var labels = ClassLabels.FromLabels(["b", "a", "b"]);

        var data = SplitData.ForClasses(labels);

        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.Equal([1, 0, 1], data.ClassCodes.ToArray());
    }

    [Fact]
    public void WithGroups_Keys_EqualKeysShareACode()
    {
        var data = SplitData.ForRows(4).WithGroups(["p", "q", "p", "r"]);

        var codes = data.GroupCodes.ToArray();
        Assert.Equal(codes[0], codes[2]);
        Assert.Equal(3, codes.Distinct().Count());
    }

    [Fact]
    public void WithGroups_WrongLength_ThrowsNamingCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => SplitData.ForRows(4).WithGroups([1, 2, 3]));

        Assert.Contains("3 group codes but the data has 4 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithGroups_NullKey_ThrowsNamingRow()
    {
        var error = Assert.Throws<ArgumentException>(() => SplitData.ForRows(2).WithGroups(new string?[] { "a", null }!));

        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithGroups_NumericColumn_GroupsByValue()
    {
        var column = new NumericColumn("patient", [3, 1, 3, 2]);

        var codes = SplitData.ForRows(4).WithGroups(column).GroupCodes.ToArray();

        Assert.Equal(codes[0], codes[2]);
        Assert.NotEqual(codes[0], codes[1]);
        Assert.NotEqual(codes[1], codes[3]);
    }

    [Fact]
    public void WithGroups_ColumnWithMissingValue_ThrowsNamingColumnAndRow()
    {
        var column = CategoricalColumn.FromValues("site", ["a", null, "b"]);

        var error = Assert.Throws<ArgumentException>(() => SplitData.ForRows(3).WithGroups(column));

        Assert.Contains("'site' is missing in row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithGroups_ColumnRows_UsesOnlyThoseRows()
    {
        var column = CategoricalColumn.FromValues("site", ["a", "b", "a", "c"]);

        var codes = SplitData.ForRows(2).WithGroups(column, [1, 3]).GroupCodes.ToArray();

        Assert.NotEqual(codes[0], codes[1]);
    }

    [Fact]
    public void WithGroups_KeepsClasses()
    {
        var data = SplitData.ForClasses([0, 1]).WithGroups([5, 5]);

        Assert.True(data.HasClasses);
        Assert.True(data.HasGroups);
    }

    [Fact]
    public void WithTimes_Ties_KeepRowOrder()
    {
        var data = SplitData.ForRows(5).WithTimes([20L, 10, 20, 10, 5]);

        Assert.Equal([4, 1, 3, 0, 2], data.TimeOrder.ToArray());
    }

    [Fact]
    public void WithTimes_NumericColumn_SortsByValue()
    {
        var data = SplitData.ForRows(3).WithTimes(new NumericColumn("year", [2021, 2019, 2020]));

        Assert.Equal([1, 2, 0], data.TimeOrder.ToArray());
    }

    [Fact]
    public void WithTimes_TextColumn_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SplitData.ForRows(1).WithTimes(new TextColumn("when", ["today"])));

        Assert.Contains("needs a DateTime or Numeric column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTimes_MissingValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SplitData.ForRows(2).WithTimes(new NumericColumn("t", [1, double.NaN])));

        Assert.Contains("missing in row 1", error.Message, StringComparison.Ordinal);
    }
}
